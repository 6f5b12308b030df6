// A test-only worker entry: the scoring service on a clock the test page moves at will, forward or
// back, through the BroadcastChannel `leadscore-fault-clock` (a message is the new offset in ms).
import { expose } from 'comlink';
import '../../packages/worker/src/error-transfer.ts';
import { LeadscoreService } from '../../packages/worker/src/service.ts';

let offset = 0;
new BroadcastChannel('leadscore-fault-clock').onmessage = (event: MessageEvent<number>) => {
  offset = event.data;
};
expose(new LeadscoreService({ now: () => Date.now() + offset }));
