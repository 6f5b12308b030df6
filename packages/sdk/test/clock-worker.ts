// A test-only worker entry: the scoring service with its clock `offset` milliseconds (from the
// URL's query) ahead of the real one, so a test can open a database "days later".
import { expose } from 'comlink';
import '../../worker/src/error-transfer.ts';
import { LeadscoreService } from '../../worker/src/service.ts';

const offset = Number(new URL(self.location.href).searchParams.get('offset') ?? '0');
expose(new LeadscoreService({ now: () => Date.now() + offset }));
