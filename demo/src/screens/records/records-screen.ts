import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { DefinitionInfo } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { demoClient } from '../../app/client.ts';
import { hrefOf, navigate, registerScreen } from '../../app/router.ts';
import { labelText, recordsText } from './records-messages.ts';
import type { RowsQuery } from './records-table.ts';
import { COMBINED_LABELS, labelsToReach, SIMPLE_LABELS, toNextProperty } from './to-next-label.ts';
import './records-table.ts';
import './record-page.ts';

/** The sort choices of the "closest to" sorts (both sort by `<definitionId>.toNext`). */
const CLOSEST_TO_NEXT = '@toNext';
const CLOSEST_TO_LABEL = '@toLabel';

/** The table's filters, kept while the page lives so "back" from a record finds them again. */
interface ListState {
  definitionId?: string;
  label: string;
  min: string;
  max: string;
  /** A score property to sort by instead of the definition's own value ('' for its own), `<id>.toNext` for the "closest to" sorts. */
  sortBy: string;
  /** With the `.toNext` sort: the label the points are counted to ('' for each record's next label). */
  toLabel: string;
  /** `<definitionId>.label=<label>`: another score's label the records must have ('' for none). */
  also: string;
  order: 'asc' | 'desc';
  /** Only the records whose name or email holds this ('' for all). */
  search: string;
  scrollTop: number;
}

const listState: ListState = { label: '', min: '', max: '', sortBy: '', toLabel: '', also: '', order: 'desc', search: '', scrollTop: 0 };

/**
 * Records (`#/records`): one active definition's scored records in a virtualised table of people,
 * searched by name or email, filtered by label, score range and another score's label, sorted by
 * this score or another, or by the points each record is short of its next label or a chosen one;
 * `#/records/<id>` is one record's page. The table is a view over queryRecords.
 */
export class DemoRecordsScreen extends LitElement {
  static override styles = css`
    :host { display: block; }
    h1 { margin: 0 0 16px; font-size: 24px; }
    .filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; margin-bottom: 12px; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--demo-muted); min-width: 0; }
    select, input { font: inherit; padding: 5px 8px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface); color: var(--demo-text); max-width: 100%; box-sizing: border-box; }
    select:focus-visible, input:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 1px; }
    input[type='number'] { width: 90px; }
    input[type='search'] { width: 220px; }
    .summary { margin: 0 0 8px; color: var(--demo-muted); font-size: 14px; }
    .note { color: var(--demo-muted); font-size: 13px; margin-top: 8px; }
    .empty { padding: 24px; background: var(--demo-surface); border: 1px solid var(--demo-border); border-radius: 8px; }
    .empty a { margin-right: 16px; }
    a { color: var(--demo-accent); }
    @media (max-width: 600px) {
      .filters { display: grid; grid-template-columns: 1fr 1fr; }
      .filters .wide { grid-column: 1 / -1; }
      input[type='search'], input[type='number'], select { width: 100%; }
    }
  `;

  static override properties = {
    params: { attribute: false },
    definitions: { state: true },
    state: { state: true },
    matching: { state: true },
    failure: { state: true },
  };

  declare params: string[];
  declare definitions: DefinitionInfo[] | undefined;
  declare state: ListState;
  /** How many records match the filters (the table's count, live). */
  declare matching: number | undefined;
  declare failure: string | undefined;

  /** The table's query, made anew only when the filters change (a new object restarts the table). */
  private rowsQuery: RowsQuery | undefined;
  private inputTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: Promise<() => Promise<void>> | undefined;

  constructor() {
    super();
    this.params = [];
    this.state = { ...listState };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.followList();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.inputTimer);
    this.saveScroll();
    this.stopListening();
  }

  /**
   * The list reads the active definitions and follows their changes (another tab, the data screen
   * activating one); a record's page has its own reads, so the list's stop while it is shown.
   */
  private followList(): void {
    if (this.params[0]) {
      this.stopListening();
      return;
    }
    if (this.unsubscribe) return;
    void this.loadDefinitions();
    this.unsubscribe = demoClient().subscribe('all', (notices) => {
      if (notices.some((notice) => notice.type === 'definition')) void this.loadDefinitions();
    });
  }

  private stopListening(): void {
    const pending = this.unsubscribe;
    this.unsubscribe = undefined;
    void pending?.then((stop) => stop()).catch(() => undefined);
  }

  private saveScroll(): void {
    const grid = this.renderRoot.querySelector('demo-records-table')?.renderRoot.querySelector<HTMLElement>('.grid');
    if (grid) listState.scrollTop = grid.scrollTop;
  }

  private async loadDefinitions(): Promise<void> {
    try {
      const all = await demoClient().listDefinitions();
      this.definitions = all.filter((info) => info.status === 'active');
      const current = this.definitions.find((info) => info.id === this.state.definitionId);
      if (!current && this.definitions[0]) this.setFilters({ definitionId: this.definitions[0].id, label: '', sortBy: '', toLabel: '', also: '', order: 'desc' });
    } catch (error) {
      this.failure = String((error as Error).message ?? error);
    }
  }

  /** Changes the filters (kept for "back") and re-counts. */
  private setFilters(change: Partial<ListState>): void {
    this.state = { ...this.state, ...change, scrollTop: 0 };
    Object.assign(listState, this.state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) {
      // Leaving the list for a record: where the table was, for "back".
      if (this.params[0] && !changed.get('params')?.[0]) this.saveScroll();
      this.followList();
    }
    if (changed.has('state')) {
      this.rowsQuery = this.query();
    }
  }

  protected override updated(): void {
    // Back from a record page: the table scrolls to where it was.
    if (listState.scrollTop && this.state.definitionId) {
      const table = this.renderRoot.querySelector('demo-records-table');
      if (table?.total !== undefined) {
        const grid = table.renderRoot.querySelector<HTMLElement>('.grid');
        if (grid) grid.scrollTop = listState.scrollTop;
        listState.scrollTop = 0;
      }
    }
  }

  private query(): RowsQuery | undefined {
    const { definitionId, label, min, max, order, sortBy, toLabel, also, search } = this.state;
    if (!definitionId) return undefined;
    const number = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
    const [property, value] = also.split('=');
    return {
      definitionId, order, ...(sortBy ? { sortBy } : {}), ...(toLabel ? { toLabel } : {}), ...(label ? { label } : {}),
      ...(number(min) !== undefined ? { min: number(min) } : {}), ...(number(max) !== undefined ? { max: number(max) } : {}),
      ...(also ? { where: [{ property: property!, operator: 'eq' as const, value: value! }] } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    };
  }

  /**
   * A sort chosen: the "closest to" sorts start with the closest first, and leaving them goes back
   * to the highest first; aiming at a label starts at the best one the score can reach.
   */
  private onSort(choice: string, definition: DefinitionInfo): void {
    const toNext = toNextProperty(definition.id);
    const wasToNext = this.state.sortBy === toNext;
    if (choice === CLOSEST_TO_NEXT) this.setFilters({ sortBy: toNext, toLabel: '', order: 'asc' });
    else if (choice === CLOSEST_TO_LABEL) this.setFilters({ sortBy: toNext, toLabel: labelsToReach(definition.definition)[0] ?? '', order: 'asc' });
    else this.setFilters({ sortBy: choice, toLabel: '', order: wasToNext ? 'desc' : this.state.order });
  }

  private onRange(key: 'min' | 'max' | 'search', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.inputTimer);
    this.inputTimer = setTimeout(() => this.setFilters({ [key]: value }), event.type === 'change' ? 0 : 300);
  }

  override render() {
    const t = recordsText(this);
    if (this.params[0]) return html`<demo-record-page .recordId=${this.params[0]}></demo-record-page>`;
    if (this.failure) return html`<h1>${t('title')}</h1><p role="alert">${t('definitionsFailed', { message: this.failure })}</p>`;
    if (!this.definitions) return html`<h1>${t('title')}</h1><p role="status">${t('loadingDefinitions')}</p>`;
    if (this.definitions.length === 0) {
      return html`<h1>${t('title')}</h1><div class="empty"><p>${t('noDefinition')}</p><a href=${hrefOf('data')}>${t('toData')}</a><a href=${hrefOf('definitions')}>${t('toDefinitions')}</a></div>`;
    }
    const definition = this.definitions.find((info) => info.id === this.state.definitionId);
    const combined = definition?.kind === 'combined';
    const labels = combined ? COMBINED_LABELS : SIMPLE_LABELS;
    // The other scores of the same records: what the table may also sort and filter by.
    const others = this.definitions.filter((info) => info.id !== definition?.id && info.objectType === definition?.objectType);
    // What the rows may be sorted by besides this score's value: its dimensions, the other scores.
    const sorts = [
      ...(combined && definition ? [{ id: `${definition.id}.engagement`, name: t('itsEngagement') }, { id: `${definition.id}.fit`, name: t('itsFit') }] : []),
      ...others.map((info) => ({ id: info.id, name: info.name })),
    ];
    const sortedBy = sorts.find((sort) => sort.id === this.state.sortBy);
    // The "closest to" sorts: with thresholds, to each record's next label or to one picked.
    const toReach = definition ? labelsToReach(definition.definition) : [];
    const closest = definition?.definition.thresholds ? [
      { id: CLOSEST_TO_NEXT, name: t('closestToNext') },
      ...(toReach.length ? [{ id: CLOSEST_TO_LABEL, name: t('closestToLabel') }] : []),
    ] : [];
    const toNext = definition !== undefined && closest.length > 0 && this.state.sortBy === toNextProperty(definition.id);
    const choice = toNext ? (this.state.toLabel ? CLOSEST_TO_LABEL : CLOSEST_TO_NEXT) : sortedBy?.id ?? '';
    const locale = localeOf(this);
    const search = this.state.search.trim();
    return html`
      <h1>${t('title')}</h1>
      <div class="filters">
        <label class="wide">${t('search')}
          <input type="search" data-testid="records-search" placeholder=${t('searchHint')} .value=${this.state.search}
            @input=${(event: Event) => this.onRange('search', event)} @change=${(event: Event) => this.onRange('search', event)} />
        </label>
        <label class="wide">${t('definition')}
          <select data-testid="records-definition" @change=${(event: Event) => this.setFilters({ definitionId: (event.target as HTMLSelectElement).value, label: '', sortBy: '', toLabel: '', also: '', order: 'desc' })}>
            ${this.definitions.map((info) => html`<option value=${info.id} ?selected=${info.id === this.state.definitionId}>${t('definitionOption', { name: info.name, kind: info.kind })}</option>`)}
          </select>
        </label>
        <label>${t('label')}
          <select data-testid="records-label" @change=${(event: Event) => this.setFilters({ label: (event.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this.state.label}>${t('anyLabel')}</option>
            ${labels.map((label) => html`<option value=${label} ?selected=${label === this.state.label}>${labelText(locale, label)}</option>`)}
          </select>
        </label>
        <label>${t('scoreFrom')}
          <input type="number" data-testid="records-min" step="any" .value=${this.state.min} @input=${(event: Event) => this.onRange('min', event)} @change=${(event: Event) => this.onRange('min', event)} />
        </label>
        <label>${t('scoreTo')}
          <input type="number" data-testid="records-max" step="any" .value=${this.state.max} @input=${(event: Event) => this.onRange('max', event)} @change=${(event: Event) => this.onRange('max', event)} />
        </label>
        ${others.length ? html`<label>${t('also')}
          <select data-testid="records-also" @change=${(event: Event) => this.setFilters({ also: (event.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this.state.also}>${t('anyOtherScore')}</option>
            ${others.filter((info) => info.definition.thresholds).flatMap((info) => (info.kind === 'combined' ? COMBINED_LABELS : SIMPLE_LABELS).map((label) => {
              const value = `${info.id}.label=${label}`;
              return html`<option value=${value} ?selected=${value === this.state.also}>${t('otherLabel', { name: info.name, label: labelText(locale, label) })}</option>`;
            }))}
          </select>
        </label>` : nothing}
        ${definition && (sorts.length || closest.length) ? html`<label>${t('sortBy')}
          <select data-testid="records-sort" @change=${(event: Event) => this.onSort((event.target as HTMLSelectElement).value, definition)}>
            <option value="" ?selected=${choice === ''}>${t('thisScore')}</option>
            ${[...sorts, ...closest].map((sort) => html`<option value=${sort.id} ?selected=${sort.id === choice}>${sort.name}</option>`)}
          </select>
        </label>` : nothing}
        ${toNext && this.state.toLabel ? html`<label>${t('toLabel')}
          <select data-testid="records-to-label" @change=${(event: Event) => this.setFilters({ toLabel: (event.target as HTMLSelectElement).value })}>
            ${toReach.map((label) => html`<option value=${label} ?selected=${label === this.state.toLabel}>${labelText(locale, label)}</option>`)}
          </select>
        </label>` : nothing}
      </div>
      <p class="summary" role="status" data-testid="records-count">${this.matching === undefined ? t('counting')
        : toNext ? t('countToNext', { count: this.matching, order: this.state.order, target: this.state.toLabel ? labelText(locale, this.state.toLabel) : t('theNextLabel') })
        : t('count', { count: this.matching, sort: sortedBy ? sortedBy.name : t('byScore'), order: this.state.order })}</p>
      <demo-records-table .client=${demoClient()} .query=${this.rowsQuery} .sortLabel=${sortedBy?.name} ?combined=${combined} .search=${search}
        @rows-total=${(event: CustomEvent<{ total: number | undefined }>) => (this.matching = event.detail.total)}
        @record-open=${(event: CustomEvent<{ recordId: string }>) => navigate('records', event.detail.recordId)}
        @sort-change=${(event: CustomEvent<{ order: 'asc' | 'desc' }>) => this.setFilters({ order: event.detail.order })}></demo-records-table>
      <p class="note">${t('note')}</p>
    `;
  }
}

customElements.define('demo-records', DemoRecordsScreen);
registerScreen({ screen: 'records', tag: 'demo-records', label: 'nav.records' });
