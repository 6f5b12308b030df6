import type { ScoreWeeksApi, WeeklyDistribution, WeeklyDistributionOptions } from '../contract/index.ts';
import { weeklyDistributionOf } from '../analysis/weekly-distribution.ts';
import { weekEndsOf } from '../analysis/weekly-values.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { checkedInstant } from './lifecycle-reports.ts';
import { bucketCount } from './reads.ts';
import { invalidAt, ServiceError } from './service-error.ts';

export const scoreWeeksHandlers: Handlers<ScoreWeeksApi> = { getWeeklyDistribution };

export const weeksDefault = 13;
export const weeksMax = 104;

/**
 * The weekly report (docs/score-history.md) from the definition's stored score history, read in one
 * go (`scoreHistory.ofDefinition`), counted under its active version's limit and thresholds (the
 * latest version's when none is active): the changes of a backfill or of earlier versions carry
 * their own labels.
 */
export async function getWeeklyDistribution(ctx: ServiceContext, definitionId: string, options: WeeklyDistributionOptions = {}): Promise<WeeklyDistribution> {
  if (typeof options !== 'object' || options === null) throw invalidAt('options', 'must be an object such as { weeks: 13 }');
  const weeks = options.weeks ?? weeksDefault;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > weeksMax) throw invalidAt('options.weeks', `must be a whole number from 1 to ${weeksMax}, not ${JSON.stringify(weeks)}`);
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const buckets = bucketCount(options.buckets);
  const store = ctx.opened();
  const versions = await store.definitions.versions(definitionId);
  const row = versions.find((version) => version.status === 'active') ?? versions.at(-1);
  if (!row) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
  const changes = await store.scoreHistory.ofDefinition(definitionId);
  // `weeks` week ends, the last `asOf`: weekEndsOf gives the window's opening too.
  return weeklyDistributionOf(row.definition, changes, weekEndsOf(asOf, weeks - 1), buckets);
}
