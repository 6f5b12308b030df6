// scoring.md §8.1–8.2: what a definition writes onto each record it scores, as properties that
// lists, other definitions and lifecycle rules read like any other (decision D25).
import type { Definition } from './definition.ts';

/** The parts of a score a property can hold: the value, a combined score's two dimensions, the label. */
export const scorePropertyParts = ['value', 'engagement', 'fit', 'label'] as const;
export type ScorePropertyPart = (typeof scorePropertyParts)[number];

/** One score property of a definition, with the type an editor offers operators for. */
export interface ScoreProperty {
  name: string;
  part: ScorePropertyPart;
  type: 'number' | 'enum';
  /** The labels a `label` property can hold. */
  values?: readonly string[];
}

/** The stored values a record's score properties are made of (a score row, a result). */
export interface ScoreValues {
  value: number | null;
  engagement?: number | null;
  fit?: number | null;
  label?: string | null;
}

const labelsByKind = {
  single: ['high', 'medium', 'low'],
  combined: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'],
} as const;

/** `<id>` for the value, `<id>.engagement`, `<id>.fit` and `<id>.label` for the others. */
export function scorePropertyName(definitionId: string, part: ScorePropertyPart): string {
  return part === 'value' ? definitionId : `${definitionId}.${part}`;
}

/**
 * How a property name reads as a score property: `<id>.engagement`, `<id>.fit` and `<id>.label`
 * name those parts of `<id>`; any other name names the value of the definition with that id, if
 * there is one (the caller knows which ids are definitions).
 */
export function parseScoreProperty(name: string): { definitionId: string; part: ScorePropertyPart } {
  const dot = name.lastIndexOf('.');
  const suffix = dot > 0 ? name.slice(dot + 1) : '';
  if (suffix === 'engagement' || suffix === 'fit' || suffix === 'label') return { definitionId: name.slice(0, dot), part: suffix };
  return { definitionId: name, part: 'value' };
}

/** Whether a name can only be a score property: one of the three suffixes on a definition id. */
export function isScoreSuffixed(name: string): boolean {
  const { definitionId, part } = parseScoreProperty(name);
  return part !== 'value' && /^[A-Za-z0-9_-]+$/.test(definitionId);
}

/** §8.1–8.2: every definition writes its value; combined ones their dimensions; thresholds a label. */
export function scorePropertiesOf(definition: Pick<Definition, 'id' | 'kind' | 'thresholds'>): ScoreProperty[] {
  const combined = definition.kind === 'combined';
  const out: ScoreProperty[] = [{ name: definition.id, part: 'value', type: 'number' }];
  if (combined) {
    out.push({ name: scorePropertyName(definition.id, 'engagement'), part: 'engagement', type: 'number' });
    out.push({ name: scorePropertyName(definition.id, 'fit'), part: 'fit', type: 'number' });
  }
  if (definition.thresholds) {
    out.push({ name: scorePropertyName(definition.id, 'label'), part: 'label', type: 'enum', values: combined ? labelsByKind.combined : labelsByKind.single });
  }
  return out;
}

/**
 * A record's score properties under one definition. Every part is present, missing ones as
 * `undefined`: a score property shadows a stored property of the same name (decision D25), also
 * when the record has no score (§7.1: out of scope is no value, not 0).
 */
export function scorePropertyValues(score: ScoreValues | undefined, definitionId: string): Record<string, number | string | undefined> {
  const scored = score !== undefined && score.value !== null;
  return {
    [definitionId]: scored ? score.value! : undefined,
    [scorePropertyName(definitionId, 'engagement')]: scored ? score.engagement ?? undefined : undefined,
    [scorePropertyName(definitionId, 'fit')]: scored ? score.fit ?? undefined : undefined,
    [scorePropertyName(definitionId, 'label')]: scored ? score.label ?? undefined : undefined,
  };
}
