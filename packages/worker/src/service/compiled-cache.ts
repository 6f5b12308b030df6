import { compileValidated, type CompiledDefinition } from '../engine/evaluate.ts';
import type { Definition } from '../model/definition.ts';

/** The caches of this worker, for `forgetCompiledDefinitions`; weakly, so a closed service's goes. */
const caches = new Set<WeakRef<CompiledCache>>();

/**
 * Compiled definitions by their JSON: every write re-scores under the active ones, and compiling
 * each time would cost more than the scoring of one record. Small and simply emptied when full.
 * The definitions are the service's own, validated when they came in, so none is validated here.
 */
export class CompiledCache {
  private readonly compiled = new Map<string, CompiledDefinition>();

  constructor() {
    caches.add(new WeakRef(this));
  }

  get(definition: Definition): CompiledDefinition {
    const key = JSON.stringify(definition);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileValidated(definition);
      if (this.compiled.size > 32) this.compiled.clear();
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  clear(): void {
    this.compiled.clear();
  }
}

/**
 * Empties every cache of compiled definitions in this worker. A compiled definition keeps what it
 * learnt of the last index it scored (its rules' filtered events, and the index's event columns
 * with every event segment behind them), so kept past that index it keeps the index's events
 * reachable: at 1,000,000 contacts each compiled draft held a whole index's events, and the
 * previews' drafts took the tab to 8 GB. The warm index calls this when it lets its index go for
 * a full load; a definition is compiled again at its next use, which costs less than scoring one
 * record.
 */
export function forgetCompiledDefinitions(): void {
  for (const ref of caches) {
    const cache = ref.deref();
    if (cache) cache.clear();
    else caches.delete(ref);
  }
}
