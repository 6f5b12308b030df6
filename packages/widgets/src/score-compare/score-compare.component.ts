import type { Comparison, LeadscoreClient } from '@leadscore/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { baseStyles } from '../internal/base-styles.ts';
import { debouncedLoad } from '../internal/charts/debounced-load.ts';
import { formatNumber } from '../internal/format.ts';
import { LiveData } from '../internal/live-data.ts';
import { labelText, localeOf, translate } from '../internal/locale.ts';
import { renderEmpty, renderLiveState } from '../internal/states.ts';
import { scoreCompareStyles } from './score-compare.styles.ts';

/** What the matrix reads of a comparison (`compareDefinitions`): the two definitions and the transitions. */
export type CompareMatrixData = Pick<Comparison, 'champion' | 'challenger' | 'transitions'>;

/**
 * @summary The label transitions of a champion/challenger comparison (docs/compare.md) as a table:
 * a row per champion label, a column per challenger label, each with "not scored" (out of scope,
 * or no thresholds) last, and the records that move from one to the other in each cell, shaded by
 * their share of the largest cell. Static with `.comparison` (a `compareDefinitions` result); live
 * with `client` (or an ancestor `<lead-provider>`'s) + `champion-id` + `challenger-id`, stored
 * definitions (the active version of each, else its latest).
 *
 * @csspart base - The figure around everything.
 * @csspart scroll - The box the table scrolls in when it is wider than the element.
 * @csspart table - The table.
 * @csspart caption - The title.
 * @csspart cell - Each count (also `cell-same` on the diagonal, where the label stays).
 * @csspart summary - The records compared and how many change label.
 * @csspart state - Loading, empty, error and not-connected messages.
 * @cssproperty --lead-color-accent - The shade of the cells, stronger for more records.
 * @cssproperty --lead-color-border - The outline of the cells where the label stays.
 */
export class LeadScoreCompare extends LitElement {
  static override styles = [baseStyles, scoreCompareStyles];
  static override properties = {
    client: { attribute: false },
    championId: { type: String, attribute: 'champion-id' },
    challengerId: { type: String, attribute: 'challenger-id' },
    comparison: { attribute: false },
    theme: { type: String, reflect: true },
  };

  /** The client of live mode (else an ancestor `<lead-provider>`'s). */
  declare client: LeadscoreClient | undefined;
  /** Live mode: the stored definitions compared. */
  declare championId: string | undefined;
  declare challengerId: string | undefined;
  /** Static mode: a comparison (only its `champion`, `challenger` and `transitions` are read). */
  declare comparison: CompareMatrixData | undefined;
  /** `light` (default), `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  private readonly live = new LiveData<Comparison>(this, {
    target: () => (this.championId && this.challengerId ? { definitionId: this.championId } : undefined),
    args: () => [this.championId, this.challengerId],
    load: debouncedLoad((client: LeadscoreClient) => client.compareDefinitions(this.championId!, this.challengerId!)),
    relevant: (notice) => notice.type === 'score' || notice.type === 'definition',
  });

  constructor() {
    super();
    this.client = undefined;
    this.championId = undefined;
    this.challengerId = undefined;
    this.comparison = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('client') || changed.has('championId') || changed.has('challengerId'))) this.live.refresh();
  }

  override render() {
    const locale = localeOf(this);
    const state = this.live.state;
    let data: CompareMatrixData;
    if (state.status === 'ready') data = state.value;
    else if (state.status === 'idle' && this.comparison) data = this.comparison;
    else {
      const shown = renderLiveState(locale, state);
      if (shown !== nothing) return shown;
      return renderEmpty(locale, this.championId && !this.live.client ? 'noClient' : 'empty');
    }
    const rows = [...data.champion.labels, null];
    const columns = [...data.challenger.labels, null];
    const counts = new Map(data.transitions.map((cell) => [`${cell.from}\u0000${cell.to}`, cell.count]));
    const countOf = (from: string | null, to: string | null) => counts.get(`${from}\u0000${to}`) ?? 0;
    const largest = Math.max(1, ...data.transitions.map((cell) => cell.count));
    const total = data.transitions.reduce((sum, cell) => sum + cell.count, 0);
    const moved = data.transitions.reduce((sum, cell) => sum + (cell.from === cell.to ? 0 : cell.count), 0);
    const name = (label: string | null) => (label === null ? translate(locale, 'compareNotScored') : labelText(locale, label));
    return html`<figure part="base">
      <div class="scroll" part="scroll" tabindex="0" role="group" aria-label=${translate(locale, 'compare')}>
        <table part="table">
          <caption part="caption">${translate(locale, 'compare')}</caption>
          <thead>
            <tr>
              <td class="corner"></td>
              <th scope="colgroup" colspan=${columns.length}>${translate(locale, 'compareChallenger', { name: data.challenger.name })}</th>
            </tr>
            <tr>
              <th scope="col" class="side">${translate(locale, 'compareChampion', { name: data.champion.name })}</th>
              ${columns.map((label) => html`<th scope="col">${name(label)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map((from) => html`<tr>
              <th scope="row">${name(from)}</th>
              ${columns.map((to) => {
                const count = countOf(from, to);
                const same = from === to;
                // Five steps of shade by the share of the largest cell: a class, never an inline style.
                const level = count === 0 ? 0 : Math.ceil((4 * count) / largest);
                return html`<td part=${same ? 'cell cell-same' : 'cell'} data-level=${level}>${formatNumber(locale, count)}</td>`;
              })}
            </tr>`)}
          </tbody>
        </table>
      </div>
      <p part="summary">${translate(locale, 'compareSummary', { count: total, moved })}</p>
    </figure>`;
  }
}
