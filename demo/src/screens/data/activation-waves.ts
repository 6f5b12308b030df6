// Which of a generation's definitions can be activated together: the worker may score activations
// asked for at once in one pass, but a definition that reads another's score must see it stored.
import { inScoreOrder, type Definition } from '@leadscore/sdk';

/**
 * `definitions` (in score order) in waves: each definition comes in the wave after the last one
 * holding a definition whose score it reads. `inScoreOrder` keeps the given order of two
 * definitions unless the first reads the second's score, so it tells which pairs read which.
 */
export function activationWaves(definitions: readonly Definition[]): Definition[][] {
  const waveOf = new Map<string, number>();
  const waves: Definition[][] = [];
  for (const [i, definition] of definitions.entries()) {
    let wave = 0;
    for (const earlier of definitions.slice(0, i)) {
      if (inScoreOrder([definition, earlier])[0] === earlier) wave = Math.max(wave, waveOf.get(earlier.id)! + 1);
    }
    waveOf.set(definition.id, wave);
    (waves[wave] ??= []).push(definition);
  }
  return waves;
}
