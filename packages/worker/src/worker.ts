// The worker entry: the service, exposed over comlink (DESIGN.md). Errors keep their code.
import { expose } from 'comlink';
import './error-transfer.ts';
import { LeadscoreService } from './service.ts';

expose(new LeadscoreService());
