import { outcomeSamples } from '../analysis/outcome.ts';
import { ruleHealth, type RuleHealthReport } from '../analysis/rule-health.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { Definition } from '../model/definition.ts';
import type { RuleHealthApi, RuleHealthQuery } from '../contract/index.ts';
import { analysedVersion, scoringInputs } from './analysis-inputs.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import type { Handlers } from './handlers.ts';
import { checkedInstant } from './lifecycle-reports.ts';
import { invalidAt, ServiceError } from './service-error.ts';

export const ruleHealthHandlers: Handlers<RuleHealthApi> = { getRuleHealth };

/**
 * contract/rule-health.ts: the definition's rules over the warm index (warm-index.ts) with the
 * stored scores other definitions' rules may read, as a preview reads them; an outcome's samples
 * come from the stored dataset (analysis/outcome.ts), as training's do.
 */
export async function getRuleHealth(ctx: ServiceContext, definition: Definition | string, options: RuleHealthQuery = {}): Promise<RuleHealthReport> {
  const valid = await definitionOf(ctx, definition);
  if (typeof options !== 'object' || options === null) throw invalidAt('options', 'must be { asOf?, outcome? }');
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const inputs = await scoringInputs(ctx, [valid], options.outcome !== undefined);
  try {
    const samples = options.outcome === undefined || !('dataset' in inputs) ? undefined : outcomeSamples(inputs.dataset, inputs.settings, options.outcome, asOf, valid.objectType);
    return ruleHealth(ctx.compile(valid), inputs.index, { asOf, samples });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new ServiceError({ code: 'invalid_input', message: error.issues.map((issue) => issue.message).join('; '), issues: error.issues });
  }
}

/** A definition object, validated; or a stored one by id: its active version, else its latest. */
async function definitionOf(ctx: ServiceContext, definition: Definition | string): Promise<Definition> {
  if (typeof definition !== 'string') return validated(definition);
  const rows = await ctx.opened().definitions.versions(definition);
  const row = analysedVersion(rows);
  if (!row) throw new ServiceError({ code: 'not_found', message: `no definition ${JSON.stringify(definition)} is stored` });
  return row.definition;
}
