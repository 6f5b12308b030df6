// A test-only worker entry: the scoring service on an IndexedDB that runs out of space when told.
// The DevTools Protocol's Storage.overrideQuotaForOrigin does not reach the test page's storage (the
// runner's pages live in a browser context of their own, whose quota stays at 10 GiB: the
// override is reported active, yet navigator.storage.estimate() and a 3 MB put ignore it), so the
// disk fills here instead: once armed through the BroadcastChannel `leadscore-fault-quota` with a
// number n, the n-th put or add after it throws the DOMException IndexedDB throws for a full disk,
// QuotaExceededError, and so does every later one until the channel sends 0.
import { expose } from 'comlink';
import '../../packages/worker/src/error-transfer.ts';
import { LeadscoreService } from '../../packages/worker/src/service.ts';

let left = 0;
new BroadcastChannel('leadscore-fault-quota').onmessage = (event: MessageEvent<number>) => {
  left = event.data;
};
for (const method of ['put', 'add'] as const) {
  const original = IDBObjectStore.prototype[method];
  IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
    if (left > 0 && --left === 0) {
      left = 1;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return original.apply(this, args);
  };
}
expose(new LeadscoreService({ now: () => Date.now() }));
