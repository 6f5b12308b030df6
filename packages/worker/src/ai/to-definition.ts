import type { Definition, Group } from '../model/definition.ts';
import type { Rule } from '../model/rule.ts';
import { slug, type Candidate } from './candidates.ts';
import { trainingError } from './training-error.ts';

/** The score limit the points are scaled to (scoring.md §2.3's default). */
const LIMIT = 100;

/**
 * The model as an ordinary definition: each criterion with a non-zero weight becomes a rule whose
 * integer points are its weight scaled so that all positive points together reach the score limit
 * (and all negative ones stay above its negative), in one group per theme (a property, an event type).
 */
export function toDefinition(candidates: readonly Candidate[], weights: Float64Array, meta: { id: string; name: string; kind: 'fit' | 'engagement' }): Definition {
  let positive = 0;
  let negative = 0;
  weights.forEach((weight) => {
    if (weight > 0) positive += weight;
    else negative -= weight;
  });
  const scale = Math.min(positive > 0 ? LIMIT / positive : Infinity, negative > 0 ? LIMIT / negative : Infinity);
  const groups = new Map<string, Group>();
  weights.forEach((weight, j) => {
    const points = Number.isFinite(scale) ? Math.round(weight * scale) : 0;
    if (points === 0) return;
    const candidate = candidates[j]!;
    const id = slug(candidate.theme);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, name: candidate.theme, rules: [] }));
    group.rules.push({ ...candidate.rule, id: candidate.id, points } as Rule);
  });
  const list = [...groups.values()];
  if (list.length === 0) {
    throw trainingError('the model kept no criterion: nothing in the data separates the converted contacts from the others');
  }
  return { id: meta.id, name: meta.name, description: 'Learned from converted and non-converted contacts (scoring.md §10); edit it like any definition.', objectType: 'contact', kind: meta.kind, groups: list };
}
