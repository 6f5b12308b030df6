import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { LeadscoreClient, RecordQuery, RecordRow } from '@leadscore/sdk';
import { localeOf, optionLabel } from '@leadscore/widgets';
import '@leadscore/widgets/threshold-badge.js';
import { labelText, recordsText } from './records-messages.ts';
import { toNextProperty } from './to-next-label.ts';

/** The table's query: which rows, sorted how (the page size and cursor are the table's own). */
export type RowsQuery = Omit<RecordQuery, 'cursor' | 'limit'>;

/** Every row has this height, so the rows in view are found without measuring. */
export const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones. */
const MARGIN_ROWS = 10;
/** Rows per queryRecords call. */
const PAGE_SIZE = 100;
/** The next page is read once the view comes this close to the last row read. */
const AHEAD_ROWS = 40;
/** Score notices are collected this long before the rows in view are read again. */
const REFRESH_DELAY_MS = 400;

/** One page as read: the cursor it was read from, its rows, the cursor of the page after it. */
interface Page {
  cursor: string | undefined;
  rows: RecordRow[];
  next: string | undefined;
}

/**
 * A view over queryRecords: one active definition's scored records, each row the person it is
 * (name, email, company, stage, owner) and the score; sorted by `<definitionId>.toNext`, a column
 * says how many points each record is short of its next label (or the label aimed at). Pages are read in order with the cursor the previous
 * one handed out, as the view nears the last row read; only the rows in view (plus a margin) are in
 * the DOM. Live: score notices of the definition read the pages in view again from their cursors.
 *
 * @fires record-open - `detail: { recordId }` on click or Enter on a row.
 * @fires rows-total - `detail: { total }` when the number of matching rows is known or changes.
 * @fires sort-change - `detail: { order }` when the score column's header is activated.
 */
export class DemoRecordsTable extends LitElement {
  static override styles = css`
    :host { display: block; }
    /* The grid scrolls inside its own box, both ways: on a narrow screen its columns keep their room. */
    .grid { position: relative; height: var(--records-height, 560px); overflow: auto; border: 1px solid var(--demo-border); border-radius: 8px; background: var(--demo-surface); color: var(--demo-text); contain: strict; }
    .grid:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    .head, .body { min-width: var(--records-min-width, 1040px); }
    .head { position: sticky; top: 0; z-index: 1; display: grid; grid-template-columns: var(--columns); height: ${ROW_HEIGHT}px; align-items: center; background: var(--demo-surface-2); border-bottom: 1px solid var(--demo-border); font-weight: 600; font-size: 13px; }
    .head > * { padding: 0 12px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .head button { all: unset; cursor: pointer; padding: 2px 4px; border-radius: 4px; }
    .head button:hover { background: var(--demo-bg); }
    .head button:focus-visible { outline: 2px solid var(--demo-focus); }
    .body { position: relative; }
    .row { position: absolute; left: 0; right: 0; display: grid; grid-template-columns: var(--columns); height: ${ROW_HEIGHT}px; align-items: center; border-bottom: 1px solid var(--demo-border); cursor: pointer; box-sizing: border-box; font-variant-numeric: tabular-nums; }
    .row > * { padding: 0 12px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .row:hover { background: var(--demo-surface-2); }
    .row:focus { outline: none; background: var(--demo-surface-2); box-shadow: inset 3px 0 0 var(--demo-focus); }
    .row.loading { color: var(--demo-muted); cursor: default; }
    .num { text-align: right; }
    .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; color: var(--demo-muted); }
    .muted { color: var(--demo-muted); }
    .empty { padding: 24px; color: var(--demo-muted); position: sticky; left: 0; max-width: 90vw; }
    @media (max-width: 600px) { .grid { --records-height: 70vh; } }
  `;

  static override properties = {
    client: { attribute: false },
    query: { attribute: false },
    combined: { type: Boolean },
    /** The heading of the sort column when it is another definition's score. */
    sortLabel: { attribute: false },
    search: { attribute: false },
    total: { state: true },
    first: { state: true },
    last: { state: true },
    pages: { state: true },
    failure: { state: true },
  };

  declare client: LeadscoreClient | undefined;
  /** The definition, filters and order to show. */
  declare query: RowsQuery | undefined;
  /** Show engagement and fit columns (combined definitions). */
  declare combined: boolean;
  declare sortLabel: string | undefined;
  /** The search the query holds, for the words of an empty table. */
  declare search: string | undefined;
  declare total: number | undefined;
  /** The first and last row index in view. */
  declare first: number;
  declare last: number;
  declare pages: Page[];
  declare failure: string | undefined;

  /** Bumped by every new query: answers to an older one are dropped. */
  private generation = 0;
  private reading = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: Promise<() => Promise<void>> | undefined;
  private subscribedTo: string | undefined;
  private focusIndex = 0;
  private resizeObserver: ResizeObserver | undefined;

  constructor() {
    super();
    this.combined = false;
    this.first = 0;
    this.last = 20;
    this.pages = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.resubscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
    this.resizeObserver?.disconnect();
    this.endSubscription();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('total')) this.dispatchEvent(new CustomEvent('rows-total', { detail: { total: this.total } }));
  }

  protected override firstUpdated(): void {
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this.grid);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const queryChanged = changed.has('query') && JSON.stringify(changed.get('query')) !== JSON.stringify(this.query);
    if (queryChanged || changed.has('client')) this.restart(changed.has('client') || changed.get('query')?.definitionId !== this.query?.definitionId);
  }

  private get grid(): HTMLElement {
    return this.renderRoot.querySelector('.grid') as HTMLElement;
  }

  private get rows(): RecordRow[] {
    return this.pages.flatMap((page) => page.rows);
  }

  /** More rows follow the last one read. */
  private get more(): boolean {
    const last = this.pages.at(-1);
    return last === undefined || last.next !== undefined;
  }

  /** A new query: forget the rows, back to the top, read the first page. */
  private restart(newDefinition: boolean): void {
    this.generation++;
    this.pages = [];
    this.total = undefined;
    this.failure = undefined;
    this.focusIndex = 0;
    if (this.hasUpdated) this.grid.scrollTop = 0;
    this.first = 0;
    if (newDefinition) this.resubscribe();
    void this.readAhead();
  }

  /** Reads the next pages while the view is near the last row read. */
  private async readAhead(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (this.client && this.query && this.more && this.last + AHEAD_ROWS >= this.rows.length) {
        const generation = this.generation;
        const cursor = this.pages.at(-1)?.next;
        const page = await this.client.queryRecords({ ...this.query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        if (generation !== this.generation) continue;
        this.pages = [...this.pages, { cursor, rows: page.items, next: page.next }];
        this.total = page.total;
      }
    } catch (error) {
      this.failure = String((error as Error).message ?? error);
    } finally {
      this.reading = false;
    }
  }

  private resubscribe(): void {
    const definitionId = this.query?.definitionId;
    if (definitionId === this.subscribedTo && this.unsubscribe) return;
    this.endSubscription();
    if (!this.client || !definitionId) return;
    this.subscribedTo = definitionId;
    this.unsubscribe = this.client.subscribe({ definitionId }, (notices) => {
      if (notices.some((notice) => notice.type === 'score' || notice.type === 'definition')) this.scheduleRefresh();
    });
  }

  private endSubscription(): void {
    const pending = this.unsubscribe;
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
    void pending?.then((stop) => stop()).catch(() => undefined);
  }

  /**
   * Scores moved: the pages in view are read again from the cursors they were read from (the rows
   * after the same keys, as they are now), and the pages after them are dropped, to be read again
   * from the new cursors when the view gets there. The old rows stay shown until then.
   */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const { client, query } = this;
    if (!client || !query || this.reading) return;
    const generation = ++this.generation;
    const from = Math.floor(Math.max(0, this.first - MARGIN_ROWS) / PAGE_SIZE);
    const to = Math.min(this.pages.length - 1, Math.floor((this.last + MARGIN_ROWS) / PAGE_SIZE));
    try {
      const kept = this.pages.slice(0, from);
      for (let index = from; index <= Math.max(from, to); index++) {
        const cursor = index === from ? this.pages[from]?.cursor : kept.at(-1)?.next;
        if (index > from && cursor === undefined) break;
        const page = await client.queryRecords({ ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        if (generation !== this.generation) return;
        kept.push({ cursor, rows: page.items, next: page.next });
        this.total = page.total;
      }
      this.pages = kept;
      void this.readAhead();
    } catch (error) {
      if (generation === this.generation) this.failure = String((error as Error).message ?? error);
    }
  }

  private measure(): void {
    if (!this.hasUpdated) return;
    const grid = this.grid;
    const top = Math.max(0, grid.scrollTop);
    const height = grid.clientHeight - ROW_HEIGHT;
    const first = Math.floor(top / ROW_HEIGHT);
    const last = first + Math.ceil(Math.max(height, ROW_HEIGHT) / ROW_HEIGHT);
    if (first !== this.first || last !== this.last) {
      this.first = first;
      this.last = last;
    }
  }

  private readonly onScroll = () => {
    this.measure();
    void this.readAhead();
  };

  private open(index: number): void {
    const row = this.rows[index];
    if (row) this.dispatchEvent(new CustomEvent('record-open', { detail: { recordId: row.recordId }, bubbles: true, composed: true }));
  }

  private readonly onClick = (event: MouseEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.row');
    if (row?.dataset.index) this.open(Number(row.dataset.index));
  };

  /** Grid keys: arrows, Page Up/Down, Home/End move the focused row over the rows read; Enter opens it. */
  private readonly onKeyDown = (event: KeyboardEvent) => {
    const count = this.rows.length;
    if (count === 0) return;
    const rowEl = (event.target as HTMLElement).closest<HTMLElement>('.row');
    const current = rowEl?.dataset.index ? Number(rowEl.dataset.index) : this.focusIndex;
    const pageRows = Math.max(1, this.last - this.first - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + pageRows, PageUp: current - pageRows, Home: 0, End: count - 1 };
    if (event.key === 'Enter' && rowEl) {
      event.preventDefault();
      this.open(current);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.focusRow(Math.max(0, Math.min(count - 1, moves[event.key]!)));
  };

  private focusRow(index: number): void {
    this.focusIndex = index;
    const grid = this.grid;
    const top = index * ROW_HEIGHT;
    const viewTop = grid.scrollTop;
    const viewHeight = grid.clientHeight - ROW_HEIGHT;
    if (top < viewTop) grid.scrollTop = top;
    else if (top + ROW_HEIGHT > viewTop + viewHeight) grid.scrollTop = top + ROW_HEIGHT - viewHeight;
    this.measure();
    void this.readAhead();
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${index}"]`)?.focus({ preventScroll: true }));
  }

  /** Focus entering the grid lands on the remembered row. */
  private readonly onFocus = (event: FocusEvent) => {
    if (event.target !== this.grid || this.rows.length === 0) return;
    const inView = this.focusIndex >= this.first && this.focusIndex <= this.last;
    this.focusRow(Math.min(inView ? this.focusIndex : this.first, this.rows.length - 1));
  };

  /** The score column's header reverses the order. */
  private sortButton(label: string) {
    const order = this.query?.order ?? 'desc';
    const next = order === 'desc' ? 'asc' : 'desc';
    return html`<button data-testid="sort-score" title=${recordsText(this)('reverse')}
      @click=${() => this.dispatchEvent(new CustomEvent('sort-change', { detail: { order: next }, bubbles: true, composed: true }))}>${label} ${order === 'desc' ? '▼' : '▲'}</button>`;
  }

  /** The other score the rows are sorted by, if any: its own column. */
  private get sortColumn(): string | undefined {
    const sortBy = this.query?.sortBy;
    return sortBy && !this.sortsOwn(sortBy) && !this.toNextColumn ? sortBy : undefined;
  }

  /** Sorted by the points to a label (`<definitionId>.toNext`): the column that shows them. */
  private get toNextColumn(): string | undefined {
    const id = this.query?.definitionId;
    return id !== undefined && this.query?.sortBy === toNextProperty(id) ? this.query.sortBy : undefined;
  }

  /** The shown score's value, engagement or fit, whose own column carries the order. */
  private sortsOwn(column: string | undefined): boolean {
    const id = this.query?.definitionId;
    return column === undefined || column === id || column === `${id}.engagement` || column === `${id}.fit`;
  }

  /** A column header: the sort button when the rows are sorted by it. */
  private header(label: string, column: string) {
    const sortBy = this.query?.sortBy ?? this.query?.definitionId;
    const sorted = sortBy === column;
    return html`<span role="columnheader" class="num" aria-sort=${sorted ? ((this.query?.order ?? 'desc') === 'desc' ? 'descending' : 'ascending') : 'none'}>${sorted ? this.sortButton(label) : label}</span>`;
  }

  override render() {
    const rows = this.rows;
    const total = this.total;
    const other = this.sortColumn;
    const toNext = this.toNextColumn;
    const scoreColumns = ['1fr', ...(this.combined ? ['1fr', '1fr'] : []), ...(other ? ['1fr'] : []), ...(toNext ? ['1.6fr'] : [])];
    this.style.setProperty('--columns', ['60px', '1.6fr', '1.8fr', '1.4fr', '1.2fr', ...scoreColumns, '1fr', '1.3fr'].join(' '));
    const t = recordsText(this);
    const shown = rows.length + (this.more && total !== 0 ? 1 : 0);
    const from = Math.max(0, this.first - MARGIN_ROWS);
    const to = Math.min(shown - 1, this.last + MARGIN_ROWS);
    const indexes: number[] = [];
    for (let i = from; i <= to; i++) indexes.push(i);
    const columns = 6 + (this.combined ? 2 : 0) + (other || toNext ? 1 : 0) + 2;
    const toLabel = this.query?.toLabel;
    return html`
      <div class="grid" role="grid" data-testid="records-table" aria-label=${t('tableLabel')} aria-rowcount=${total === undefined ? -1 : total + 1}
        aria-colcount=${columns} aria-busy=${total === undefined ? 'true' : 'false'}
        tabindex=${this.focusIndex >= from && this.focusIndex <= to ? -1 : 0} @scroll=${this.onScroll} @click=${this.onClick} @keydown=${this.onKeyDown} @focusin=${this.onFocus}>
        <div class="head" role="row" aria-rowindex="1">
          <span role="columnheader" class="num">#</span>
          <span role="columnheader">${t('colName')}</span>
          <span role="columnheader">${t('colEmail')}</span>
          <span role="columnheader">${t('colCompany')}</span>
          <span role="columnheader">${t('colStage')}</span>
          ${this.header(t('colScore'), this.query?.definitionId ?? '')}
          ${this.combined ? [this.header(t('colEngagement'), `${this.query?.definitionId}.engagement`), this.header(t('colFit'), `${this.query?.definitionId}.fit`)] : nothing}
          ${other ? this.header(this.sortLabel ?? other, other) : nothing}
          ${toNext ? this.header(toLabel ? t('colToLabel', { label: labelText(localeOf(this), toLabel) }) : t('colToNext'), toNext) : nothing}
          <span role="columnheader">${t('colLabel')}</span>
          <span role="columnheader">${t('colOwner')}</span>
        </div>
        ${total === 0 ? html`<div class="empty" role="row"><span role="gridcell">${this.search ? t('noSearchMatch', { search: this.search }) : t('noMatch')}</span></div>` : nothing}
        ${this.failure ? html`<div class="empty" role="row"><span role="gridcell"><span role="alert">${this.failure}</span></span></div>` : nothing}
        <div class="body" role="rowgroup" style=${`height:${shown * ROW_HEIGHT}px`}>
          ${indexes.map((index) => this.renderRow(index, rows[index], other, toNext))}
        </div>
      </div>
    `;
  }

  private renderRow(index: number, row: RecordRow | undefined, other: string | undefined, toNext: string | undefined) {
    const top = `transform:translateY(${index * ROW_HEIGHT}px)`;
    const tabindex = index === this.focusIndex ? 0 : -1;
    if (!row) {
      return html`<div class="row loading" role="row" aria-rowindex=${index + 2} data-index=${index} style=${top} tabindex=${tabindex}>
        <span role="gridcell" class="num">${index + 1}</span><span role="gridcell">${recordsText(this)('loadingRow')}</span></div>`;
    }
    const numbers = new Intl.NumberFormat(localeOf(this), { maximumFractionDigits: 1 });
    const fmt = (value: number | string | null | undefined) => (value === null || value === undefined ? '–' : typeof value === 'string' ? value : numbers.format(value));
    return html`<div class="row" role="row" aria-rowindex=${index + 2} data-index=${index} data-testid="record-row" data-record-id=${row.recordId} style=${top} tabindex=${tabindex}>
      <span role="gridcell" class="num">${index + 1}</span>
      <span role="gridcell" data-testid="record-name">${row.name ?? html`<span class="id">${row.recordId}</span>`}</span>
      <span role="gridcell" data-testid="record-email" class=${row.email ? '' : 'muted'}>${row.email ?? '–'}</span>
      <span role="gridcell" data-testid="record-company" class=${row.company ? '' : 'muted'}>${row.company ?? '–'}</span>
      <span role="gridcell" class=${row.stage ? '' : 'muted'}>${row.stage ? optionLabel(localeOf(this), 'stage', row.stage.id, row.stage.label) : '–'}</span>
      <span role="gridcell" class="num" data-testid="record-score">${fmt(row.value)}</span>
      ${this.combined ? html`<span role="gridcell" class="num">${fmt(row.engagement)}</span><span role="gridcell" class="num">${fmt(row.fit)}</span>` : nothing}
      ${other ? html`<span role="gridcell" class="num">${fmt(row.scores[other])}</span>` : nothing}
      ${toNext ? this.toNextCell(row) : nothing}
      <span role="gridcell"><lead-threshold-badge label=${row.label ?? ''} engine=${row.source?.engine ?? nothing} as-of=${row.source?.asOf ?? nothing}></lead-threshold-badge></span>
      <span role="gridcell" data-testid="record-owner" class=${row.owner ? '' : 'muted'}>${row.owner ?? '–'}</span>
    </div>`;
  }

  /**
   * "12 points to High", from the row's `toNext` (the worker names the label, or the one aimed at);
   * a dash at the top label (none), or where the next label is out of reach.
   */
  private toNextCell(row: RecordRow) {
    const t = recordsText(this);
    if (!row.toNext) return html`<span role="gridcell" class="muted" data-testid="record-to-next" title=${t('atTop')}>–</span>`;
    const { points, label } = row.toNext;
    return html`<span role="gridcell" data-testid="record-to-next">${t('pointsTo', { points, label: labelText(localeOf(this), label) })}</span>`;
  }
}

customElements.define('demo-records-table', DemoRecordsTable);

declare global {
  interface HTMLElementTagNameMap {
    'demo-records-table': DemoRecordsTable;
  }
  interface HTMLElementEventMap {
    'record-open': CustomEvent<{ recordId: string }>;
    'rows-total': CustomEvent<{ total: number | undefined }>;
    'sort-change': CustomEvent<{ order: 'asc' | 'desc' }>;
  }
}
