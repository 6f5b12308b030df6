import type { Definition, ScoredResult } from '@leadscore/sdk';

type Group = Definition['groups'][number];
type Decay = NonNullable<Group['decay']>;

/** One rule's share of the score, with the words a reader needs to trust it (scoring.md §9.5). */
export interface RuleContribution {
  id: string;
  /** The rule's name in the definition, else its id. */
  name: string;
  /** The group's name in the definition, else its id. */
  groupName: string;
  points: number;
  matches: number;
  /** Event rules count events; property rules count matching values. */
  kind: 'event' | 'property';
  values: (string | number | boolean)[];
  /** Cut by the rule's own maxPoints (§4.5). */
  capped: boolean;
  maxPoints: number | undefined;
  /** The decay of the rule's group (§5), when it has one. */
  decay: Decay | undefined;
}

/** One group's value against its limit (§2.3). */
export interface GroupStanding {
  id: string;
  name: string;
  value: number;
  raw: number;
  capped: boolean;
  limit: number | undefined;
  decay: Decay | undefined;
}

/** The score limit `[min, max]`: `max` defaults to 100 and `min` to `-max` (§2.3). */
export function scoreLimit(definition: Definition | undefined): { min: number; max: number } {
  const max = definition?.limit?.max ?? 100;
  return { min: definition?.limit?.min ?? -max, max };
}

export function groupStandings(result: ScoredResult, definition: Definition | undefined): GroupStanding[] {
  return result.groups.map((group) => {
    const defined = definition?.groups.find((candidate) => candidate.id === group.id);
    return {
      id: group.id,
      name: defined?.name || group.id,
      value: group.value,
      raw: group.raw,
      capped: group.capped,
      limit: defined?.limit,
      decay: defined?.decay,
    };
  });
}

/**
 * "Why this score": the rules that moved it, largest share first by absolute points (a −10 explains
 * more than a +4); rules that added nothing are left out. Ties keep the definition's order.
 */
export function topRules(result: ScoredResult, definition: Definition | undefined, count: number): RuleContribution[] {
  const contributions: RuleContribution[] = [];
  for (const group of result.groups) {
    const definedGroup = definition?.groups.find((candidate) => candidate.id === group.id);
    for (const rule of group.rules) {
      if (rule.points === 0) continue;
      const defined = definedGroup?.rules.find((candidate) => candidate.id === rule.id);
      contributions.push({
        id: rule.id,
        name: defined?.name || rule.id,
        groupName: definedGroup?.name || group.id,
        points: rule.points,
        matches: rule.matches,
        kind: defined ? defined.type : rule.events ? 'event' : 'property',
        values: rule.values ?? [],
        capped: rule.capped === true,
        maxPoints: defined?.type === 'event' ? defined.maxPoints : undefined,
        decay: definedGroup?.decay,
      });
    }
  }
  return contributions.sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, Math.max(0, count));
}

/** The total was cut by the score limit: the groups add up to more (or less) than it shows. */
export function totalCapped(result: ScoredResult): boolean {
  const sum = result.groups.reduce((total, group) => total + group.value, 0);
  return Math.abs(sum - result.value) > 1e-9;
}
