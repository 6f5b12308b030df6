import type { Definition, LabelStep, LeadscoreClient, ScoreCard, ScoreChange, ScoredResult, ScoreResult, Sourced } from '@leadscore/sdk';
import { html, LitElement, nothing, svg, type TemplateResult } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { formatDate, formatDateTime, formatNumber } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { sourceText } from '../internal/source-text.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import '../threshold-badge/threshold-badge.ts';
import { groupStandings, scoreLimit, topRules, totalCapped, type GroupStanding, type RuleContribution } from './explanation.ts';
import { renderMeter } from './meter.ts';
import { scoreCardStyles } from './score-card.styles.ts';
import { pointsOf, sparklineOf, type HistoryLine } from './sparkline.ts';

/** What the card shows, from its static properties or loaded live. */
export interface ScoreCardData {
  /** With `source` when it was computed elsewhere and imported (`importScores`). */
  result: (ScoreResult & Sourced) | undefined;
  definition: Definition | undefined;
  history: HistoryLine | undefined;
}

/**
 * @summary One record's score for one definition: the value against its limit, the threshold badge,
 * each group against its group limit (capped groups marked), the rules that produced the score with
 * their event counts and decay, engagement and fit for combined scores, and a sparkline of the score
 * history with a text alternative. A score computed in a warehouse and imported (`importScores`)
 * says so: "Computed in DuckDB as of …" in the footer, and the engine on the badge. Live with a `client` (or an ancestor `<lead-provider>`),
 * `record-id` and `definition-id`; static with `.result`, `.definition` and `.history`.
 * Loads no chart library.
 *
 * @csspart base - The card.
 * @csspart header - The definition's name and the threshold badge.
 * @csspart title - The definition's name.
 * @csspart badge - The `<lead-threshold-badge>`.
 * @csspart value - The score as a number.
 * @csspart limit - "of 100" beside the value.
 * @csspart meter - The score's bar (role meter).
 * @csspart to-next - "12 points to High": the points to the next label (the next combined label
 *   of a combined score; under each dimension, its next band). Absent at the top label.
 * @csspart dimensions - Engagement and fit of a combined score.
 * @csspart dimension-meter - The bar of engagement or fit.
 * @csspart groups - The list of groups.
 * @csspart group - One group.
 * @csspart group-meter - A group's bar against its limit.
 * @csspart capped - The "capped at …" marker of a group, rule or the total.
 * @csspart rules - The "why this score" list.
 * @csspart rule - One rule's share of the score.
 * @csspart points - A rule's signed points.
 * @csspart sparkline - The score history figure.
 * @csspart footer - When the score was computed and when it changes next.
 * @csspart source - In the footer, where an imported score was computed and as of when.
 * @csspart state - The loading, error, empty, not-scored and out-of-scope messages.
 *
 * @cssproperty --lead-color-text - Text colour.
 * @cssproperty --lead-color-surface - Card background.
 * @cssproperty --lead-color-muted - Secondary text.
 * @cssproperty --lead-color-border - Card border and separators.
 * @cssproperty --lead-color-accent - Bars and the sparkline.
 * @cssproperty --lead-color-track - The empty part of bars.
 * @cssproperty --lead-color-medium - Capped markers.
 * @cssproperty --lead-color-danger - Negative bars and points, errors.
 * @cssproperty --lead-font-family - Font.
 * @cssproperty --lead-font-size - Base font size.
 * @cssproperty --lead-radius - Corner radius.
 * @cssproperty --lead-space - Spacing unit.
 */
export class LeadScoreCard extends LitElement {
  static override styles = [baseStyles, scoreCardStyles];
  static override properties = {
    client: { attribute: false },
    recordId: { type: String, attribute: 'record-id', reflect: true },
    definitionId: { type: String, attribute: 'definition-id', reflect: true },
    result: { attribute: false },
    definition: { attribute: false },
    history: { attribute: false },
    maxRules: { type: Number, attribute: 'max-rules' },
    theme: { type: String, reflect: true },
  };

  /** The client of live mode; without one the card takes an ancestor `<lead-provider>`'s. */
  declare client: LeadscoreClient | undefined;
  /** The record whose score the card shows (live mode). */
  declare recordId: string | undefined;
  /** The score definition (live mode). */
  declare definitionId: string | undefined;
  /** Static mode: the score (a ScoredResult, or an OutOfScopeResult for a record outside the scope), with `source` when imported. */
  declare result: (ScoreResult & Sourced) | undefined;
  /** Static mode: the definition, for the score limit, group limits, names and decay. */
  declare definition: Definition | undefined;
  /** Static mode: the record's score changes, for the sparkline. */
  declare history: ScoreChange[] | undefined;
  /** How many rules "why this score" lists (default 5). */
  declare maxRules: number;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  private readonly live = new LiveData<ScoreCardData>(this, {
    target: () => (this.recordId && this.definitionId ? { recordId: this.recordId } : undefined),
    args: () => [this.recordId, this.definitionId],
    load: async (client) => {
      try {
        return dataOf(await client.getScoreCard(this.recordId!, this.definitionId!));
      } catch (error) {
        if ((error as { code?: string }).code === 'not_found') throw new Error(translate(localeOf(this), 'scoreCard.noDefinition', { id: this.definitionId! }));
        throw error;
      }
    },
    relevant: (notice) => notice.type === 'score' && notice.definitionId === this.definitionId,
    // A record's score notices carry its card as it now stands (contract/subscriptions.ts).
    fromNotices: (notices) => {
      const latest = notices.filter((notice) => notice.type === 'score').at(-1);
      return latest?.card ? dataOf(latest.card) : undefined;
    },
  });

  constructor() {
    super();
    // Reactive properties are declared, not class fields: a field would shadow Lit's accessor.
    this.maxRules = 5;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('client') || changed.has('recordId') || changed.has('definitionId')) this.live.refresh();
  }

  private data(): ScoreCardData {
    const state = this.live.state;
    return state.status === 'ready' ? state.value : { result: this.result, definition: this.definition, history: this.history && pointsOf(this.history) };
  }

  override render() {
    const locale = localeOf(this);
    const state = this.live.state;
    if (state.status === 'loading' || state.status === 'error') return renderLiveState(locale, state);
    const { result, definition, history } = this.data();
    const live = state.status === 'ready';
    if (!result && !live && this.recordId && this.definitionId && !this.live.client && !definition) return renderEmpty(locale, 'noClient');
    const title = definition?.name ?? result?.definitionId ?? this.definitionId;
    const header = html`<div part="header" class="header">
      ${title ? html`<span part="title" class="title">${title}</span>` : nothing}
      ${result && result.value !== null && result.label
        ? html`<lead-threshold-badge part="badge" label=${result.label} engine=${result.source?.engine ?? nothing} as-of=${result.source?.asOf ?? nothing}
            lang=${locale} theme=${this.theme ?? nothing}></lead-threshold-badge>`
        : nothing}
    </div>`;
    if (!result) {
      return html`<div part="base" class="card">${header}<div class="state" role="status" part="state">${translate(locale, 'notScored')}</div></div>`;
    }
    if (result.value === null) {
      return html`<div part="base" class="card" data-state="out-of-scope">${header}<div class="state" role="status" part="state">
          ${translate(locale, 'outOfScope')}${result.nextChangeAt
            ? html`<span class="detail">${translate(locale, 'scoreCard.inScopeFrom', { when: formatDateTime(locale, result.nextChangeAt) })}</span>`
            : nothing}${result.source ? html`<span part="source" class="detail">${sourceText(locale, result.source)}</span>` : nothing}
        </div></div>`;
    }
    return html`<div part="base" class="card" role="group" aria-label=${translate(locale, 'scoreCard.title', { name: title ?? '' })}>
      ${header} ${this.renderScore(locale, result, definition)} ${this.renderDimensions(locale, result, definition)}
      ${this.renderGroups(locale, groupStandings(result, definition))}
      ${unexplained(result) ? nothing : this.renderRules(locale, topRules(result, definition, this.maxRules))} ${this.renderSparkline(locale, history, result.asOf)}
      ${this.renderFooter(locale, result)}
    </div>`;
  }

  private renderScore(locale: string, result: ScoredResult, definition: Definition | undefined): TemplateResult {
    const limit = scoreLimit(definition);
    const value = number(locale, result.value);
    const max = number(locale, limit.max);
    const capped = totalCapped(result);
    const sum = result.groups.reduce((total, group) => total + group.value, 0);
    return html`<div class="score">
      <span part="value" class="value">${value}</span>
      <span part="limit" class="limit">${translate(locale, 'scoreCard.ofMax', { max })}</span>
      ${capped
        ? html`<span part="capped" class="capped">${translate(locale, 'scoreCard.totalCapped', {
            limit: number(locale, result.value),
            sum: number(locale, sum),
          })}</span>`
        : nothing}
    </div>
    ${renderMeter({
      part: 'meter',
      label: translate(locale, 'score'),
      value: result.value,
      min: limit.min,
      max: limit.max,
      text: translate(locale, 'scoreOf', { value, max }),
      capped,
    })}
    ${renderToNext(locale, result.toNext)}`;
  }

  private renderDimensions(locale: string, result: ScoredResult, definition: Definition | undefined): TemplateResult | typeof nothing {
    if (definition ? definition.kind !== 'combined' : result.engagement === null) return nothing;
    const limit = scoreLimit(definition);
    const max = number(locale, limit.max);
    const dimension = (key: 'engagement' | 'fit', raw: number | null) => {
      const name = translate(locale, key);
      const value = raw === null ? translate(locale, 'none') : number(locale, raw);
      return html`<div class="dimension" data-dimension=${key}>
        <dt>${name}</dt>
        <dd>
          <span class="dimension-value">${value}</span>
          ${raw === null
            ? nothing
            : renderMeter({ part: 'dimension-meter', label: name, value: raw, min: limit.min, max: limit.max, text: translate(locale, 'scoreOf', { value, max }) })}
          ${renderToNext(locale, result.toNext && 'engagement' in result.toNext ? result.toNext[key] : null)}
        </dd>
      </div>`;
    };
    return html`<dl part="dimensions" class="dimensions">${dimension('engagement', result.engagement)}${dimension('fit', result.fit)}</dl>`;
  }

  private renderGroups(locale: string, groups: GroupStanding[]): TemplateResult | typeof nothing {
    if (groups.length === 0) return nothing;
    return html`<div class="section">
      <div class="heading" id="groups-heading">${translate(locale, 'groups')}</div>
      <ul part="groups" class="groups" aria-labelledby="groups-heading">
        ${groups.map((group) => {
          const value = number(locale, group.value);
          return html`<li part="group" class="group" data-group=${group.id} data-capped=${group.capped ? 'true' : 'false'}>
            <div class="row">
              <span class="name">${group.name}</span>
              <span class="group-value">${group.limit === undefined ? value : translate(locale, 'scoreOf', { value, max: number(locale, group.limit) })}</span>
            </div>
            ${group.limit === undefined
              ? nothing
              : renderMeter({
                  part: 'group-meter',
                  label: group.name,
                  value: group.value,
                  min: -group.limit,
                  max: group.limit,
                  text: translate(locale, 'scoreCard.groupMeter', { group: group.name, value, limit: number(locale, group.limit) }),
                  capped: group.capped,
                })}
            ${group.capped || group.decay
              ? html`<div class="notes">
                  ${group.capped
                    ? html`<span part="capped" class="capped">${translate(locale, 'capped', { limit: value })}</span>
                        <span class="raw">${translate(locale, 'scoreCard.raw', { raw: number(locale, group.raw) })}</span>`
                    : nothing}
                  ${group.decay ? html`<span class="decay">${decayText(locale, group.decay)}</span>` : nothing}
                </div>`
              : nothing}
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderRules(locale: string, rules: RuleContribution[]): TemplateResult {
    return html`<div class="section">
      <div class="heading" id="rules-heading">${translate(locale, 'whyThisScore')}</div>
      ${rules.length === 0
        ? html`<p class="muted">${translate(locale, 'scoreCard.noRules')}</p>`
        : html`<ol part="rules" class="rules" aria-labelledby="rules-heading">
            ${rules.map(
              (rule) => html`<li part="rule" class="rule" data-rule=${rule.id}>
                <div class="row">
                  <span class="name">${rule.name}</span>
                  <span part="points" class=${rule.points < 0 ? 'points negative' : 'points'}
                    >${translate(locale, 'points', { points: signed(locale, rule.points) })}</span
                  >
                </div>
                <div class="notes">${ruleNotes(locale, rule).map((note) => html`<span class=${note.className}>${note.text}</span>`)}</div>
              </li>`,
            )}
          </ol>`}
    </div>`;
  }

  private renderSparkline(locale: string, history: HistoryLine | undefined, asOf: string): TemplateResult | typeof nothing {
    if (!history) return nothing;
    const line = sparklineOf(history, asOf);
    if (!line) {
      return html`<div class="section"><div class="heading">${translate(locale, 'history')}</div><p class="muted">${translate(locale, 'historyEmpty')}</p></div>`;
    }
    const summary = translate(locale, 'scoreCard.sparkline', {
      since: formatDate(locale, line.since),
      first: number(locale, line.first),
      last: line.last === null ? translate(locale, 'none') : number(locale, line.last),
      low: number(locale, line.low),
      high: number(locale, line.high),
      changes: translate(locale, 'scoreCard.changes', { count: line.changes }),
    });
    return html`<div class="section">
      <div class="heading">${translate(locale, 'history')}</div>
      <figure part="sparkline" class="sparkline">
        <svg viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label=${summary}>
          ${svg`<path d=${line.path} vector-effect="non-scaling-stroke"></path>`}
        </svg>
        <figcaption class="visually-hidden">${summary}</figcaption>
      </figure>
    </div>`;
  }

  private renderFooter(locale: string, result: ScoredResult & Sourced): TemplateResult {
    return html`<div part="footer" class="footer">
      ${result.source
        ? html`<span part="source" class="source">${sourceText(locale, result.source)}</span>`
        : html`<span>${translate(locale, 'scoreCard.asOf', { when: formatDateTime(locale, result.asOf) })}</span>`}
      ${result.nextChangeAt ? html`<span>${translate(locale, 'scoreCard.nextChange', { when: formatDateTime(locale, result.nextChangeAt) })}</span>` : nothing}
    </div>`;
  }
}

/**
 * An imported score of a record the worker holds no data for comes with its group values only: no
 * rule to list, and "no rule adds points" would say something untrue of it.
 */
function unexplained(result: ScoredResult & Sourced): boolean {
  return result.source !== undefined && result.groups.every((group) => group.rules.length === 0);
}

/**
 * "12 points to High" (issue 18): what the score is short of its next label, as text; nothing at
 * the top label, or for a result of an earlier version that has no `toNext`.
 */
function renderToNext(locale: string, step: LabelStep | null | undefined): TemplateResult | typeof nothing {
  if (!step) return nothing;
  return html`<p part="to-next" class="to-next">${translate(locale, 'scoreCard.toNext', { points: step.points, label: labelText(locale, step.label) })}</p>`;
}

/** The card's data from the worker's card: an unscored record (`result` null) shows "not scored". */
function dataOf(card: ScoreCard): ScoreCardData {
  return { result: card.result ?? undefined, definition: card.definition, history: card.history };
}

function ruleNotes(locale: string, rule: RuleContribution): { className: string; text: string }[] {
  const notes = [{ className: 'group-name', text: translate(locale, 'scoreCard.inGroup', { group: rule.groupName }) }];
  if (rule.kind === 'event') notes.push({ className: 'count', text: translate(locale, 'scoreCard.events', { count: rule.matches }) });
  else if (rule.values.length > 0) notes.push({ className: 'count', text: translate(locale, 'scoreCard.values', { values: rule.values.map(String).join(', ') }) });
  else notes.push({ className: 'count', text: translate(locale, 'matches', { count: number(locale, rule.matches) }) });
  if (rule.capped) notes.push({ className: 'capped', text: translate(locale, 'capped', { limit: number(locale, rule.maxPoints ?? Math.abs(rule.points)) }) });
  if (rule.decay) notes.push({ className: 'decay', text: decayText(locale, rule.decay) });
  return notes;
}

function decayText(locale: string, decay: { percent: number; everyMonths: number }): string {
  const percent = number(locale, decay.percent);
  return decay.everyMonths === 1
    ? translate(locale, 'scoreCard.decayedMonthly', { percent })
    : translate(locale, 'decayed', { percent, months: decay.everyMonths });
}

/** Scores, points and limits may be decimals (§2.2); decay makes halves and quarters. */
function number(locale: string, value: number): string {
  return formatNumber(locale, value, 2);
}

function signed(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value);
}
