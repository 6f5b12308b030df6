import { compileValidated, type CompiledDefinition } from '../engine/evaluate.ts';
import type { Definition } from '../model/definition.ts';

/**
 * Compiled definitions by their JSON: every write re-scores under the active ones, and compiling
 * each time would cost more than the scoring of one record. Small and simply emptied when full.
 * The definitions are the service's own, validated when they came in, so none is validated here.
 * A compiled definition keeps no index it scored once the scoring returns (engine/scoring-pass.ts,
 * `HeldForCall`), so the cache may outlive the indexes the warm index lets go.
 */
export class CompiledCache {
  private readonly compiled = new Map<string, CompiledDefinition>();

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
}

