// The worker entry: the service, exposed over comlink (DESIGN.md). Errors keep their code. Started
// under the scorer's name, the same script is a scorer of the service's pool instead (pool/): one
// file, so no bundler has a second worker to find.
import { expose } from 'comlink';
import './error-transfer.ts';
import { scorerName } from './pool/scorer-messages.ts';
import { serveScorer, type ScorerScope } from './pool/scorer.ts';
import { LeadscoreService } from './service.ts';

if (self.name === scorerName) serveScorer(self as unknown as ScorerScope);
else expose(new LeadscoreService({ scorerScript: import.meta.url }));
