import { compileDefinition, type CompiledDefinition } from '../engine/evaluate.ts';
import type { Definition } from '../model/definition.ts';

/**
 * Compiled definitions by their JSON: every write re-scores under the active ones, and compiling
 * each time would cost more than the scoring of one record. Small and simply emptied when full.
 */
export class CompiledCache {
  private readonly compiled = new Map<string, CompiledDefinition>();

  get(definition: Definition): CompiledDefinition {
    const key = JSON.stringify(definition);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileDefinition(definition);
      if (this.compiled.size > 32) this.compiled.clear();
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}
