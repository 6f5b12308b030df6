import { backtest } from '../analysis/backtest.ts';
import { compareScores } from '../analysis/compare.ts';
import { outcomeSamples } from '../analysis/outcome.ts';
import type { Backtest, BacktestOptions, CompareApi, CompareOptions, Comparison, Outcome } from '../contract/index.ts';
import type { Definition } from '../model/definition.ts';
import { analysedVersion, scoringInputs } from './analysis-inputs.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import type { Handlers } from './handlers.ts';
import { checkedInstant } from './lifecycle-reports.ts';
import { asServiceError, ServiceError } from './service-error.ts';

export const compareHandlers: Handlers<CompareApi> = { compareDefinitions, backtestDefinition };

/** docs/compare.md: both definitions over the stored records, on the warm index; nothing is stored. */
export async function compareDefinitions(ctx: ServiceContext, champion: Definition | string, challenger: Definition | string, options: CompareOptions = {}): Promise<Comparison> {
  const [a, b] = await Promise.all([definitionOf(ctx, champion, 'champion'), definitionOf(ctx, challenger, 'challenger')]);
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const { outcome } = options;
  const inputs = await scoringInputs(ctx, [a, b], outcome !== undefined);
  try {
    const samples = outcome === undefined || !('dataset' in inputs) ? undefined : outcomeSamples(inputs.dataset, inputs.settings, outcome, asOf, a.objectType);
    return compareScores(ctx.compile(a), ctx.compile(b), inputs.index, { asOf, samples, outcome, top: options.top });
  } catch (error) {
    throw asServiceError(error);
  }
}

export async function backtestDefinition(ctx: ServiceContext, definition: Definition | string, outcome: Outcome, options: BacktestOptions = {}): Promise<Backtest> {
  const valid = await definitionOf(ctx, definition, 'definition');
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const inputs = await scoringInputs(ctx, [valid], true);
  try {
    return backtest(ctx.compile(valid), inputs.dataset, inputs.index, outcome, { asOf, settings: inputs.settings });
  } catch (error) {
    throw asServiceError(error);
  }
}

/**
 * A definition as given, validated; or a stored one by id: the active version when there is one
 * (the champion as it scores now), else the latest saved.
 */
async function definitionOf(ctx: ServiceContext, given: Definition | string, what: string): Promise<Definition> {
  if (typeof given !== 'string') return validated(given);
  const rows = await ctx.opened().definitions.versions(given);
  const row = analysedVersion(rows);
  if (!row) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${given}" (the ${what})` });
  return row.definition;
}
