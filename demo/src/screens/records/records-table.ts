import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { LeadscoreClient, ScoredResult } from '@leadscore/sdk';
import '@leadscore/widgets/threshold-badge.js';
import { countRows, readAt, readNear, scanRows, type Anchor, type RowsQuery, type ValueSketch } from './score-pages.ts';

/** Every row has this height, so the row at any offset is found without measuring. */
export const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones. */
const MARGIN_ROWS = 10;
/** Rows per queryRecords call; pages are cached by number. */
const PAGE_SIZE = 100;
/** Pages kept; the ones furthest from the view are dropped first. */
const MAX_PAGES = 60;
/** While the view moves fast, pages are fetched once it rests this long. */
const FETCH_DELAY_MS = 60;
/** Score notices are collected this long before the visible rows are read again. */
const REFRESH_DELAY_MS = 400;
/**
 * queryRecords sorts by score only (ties by id). Sorting by id reads every matching row once and
 * sorts here, so it is offered up to this many rows.
 */
export const ID_SORT_LIMIT = 20_000;

/**
 * Per definition, its distribution in fine buckets: where to look for a row far from any page read
 * (an estimate only, so one read per definition and page load is enough).
 */
const sketches = new Map<string, ValueSketch>();

interface CachedPage {
  rows: ScoredResult[];
  /** The query generation the rows were read under (older rows stay shown until replaced). */
  generation: number;
}

/**
 * A virtualised grid of one definition's scored records: a spacer as tall as `total` rows, and only
 * the rows in view (plus a margin) in the DOM, each read page by page from queryRecords on demand
 * and cached. Live: score notices of the definition refresh the rows on screen.
 *
 * @fires record-open - `detail: { recordId }` on click or Enter on a row.
 * @fires rows-total - `detail: { total }` when the number of matching rows is known or changes.
 * @fires sort-change - `detail: { sortBy, order }` when a sortable header is activated.
 */
export class DemoRecordsTable extends LitElement {
  static override styles = css`
    :host { display: block; }
    .grid { position: relative; height: var(--records-height, 560px); overflow: auto; border: 1px solid #d0d7de; border-radius: 8px; background: #fff; contain: strict; }
    .grid:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
    .head { position: sticky; top: 0; z-index: 1; display: grid; grid-template-columns: var(--columns); height: ${ROW_HEIGHT}px; align-items: center; background: #f6f8fa; border-bottom: 1px solid #d0d7de; font-weight: 600; font-size: 13px; }
    .head > * { padding: 0 12px; }
    .head button { all: unset; cursor: pointer; padding: 2px 4px; border-radius: 4px; }
    .head button:hover { background: #eaeef2; }
    .head button:focus-visible { outline: 2px solid #0969da; }
    .body { position: relative; }
    .row { position: absolute; left: 0; right: 0; display: grid; grid-template-columns: var(--columns); height: ${ROW_HEIGHT}px; align-items: center; border-bottom: 1px solid #eaeef2; cursor: pointer; box-sizing: border-box; font-variant-numeric: tabular-nums; }
    .row > * { padding: 0 12px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .row:hover { background: #f6f8fa; }
    .row:focus { outline: none; background: #ddf4ff; box-shadow: inset 3px 0 0 #0969da; }
    .row.loading { color: #8c959f; cursor: default; }
    .num { text-align: right; }
    .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
    .empty { padding: 24px; color: #57606a; }
  `;

  static override properties = {
    client: { attribute: false },
    query: { attribute: false },
    combined: { type: Boolean },
    sortBy: { attribute: false },
    total: { state: true },
    first: { state: true },
    last: { state: true },
    version: { state: true },
    failure: { state: true },
  };

  declare client: LeadscoreClient | undefined;
  /** The definition, label, range and order to show. */
  declare query: RowsQuery | undefined;
  /** Show engagement and fit columns (combined definitions). */
  declare combined: boolean;
  /** Score (the SDK's order) or record id (read whole and sorted here, up to ID_SORT_LIMIT rows). */
  declare sortBy: 'score' | 'id';
  declare total: number | undefined;
  /** The first and last row index in view. */
  declare first: number;
  declare last: number;
  /** Bumped when cached pages arrive, to re-render. */
  declare version: number;
  declare failure: string | undefined;

  private pages = new Map<number, CachedPage>();
  /** Sorting by id: every matching row, sorted. */
  private allRows: ScoredResult[] | undefined;
  private pumping = false;
  private sketchTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: Promise<() => Promise<void>> | undefined;
  private subscribedTo: string | undefined;
  private focusIndex = 0;
  private resizeObserver: ResizeObserver | undefined;

  constructor() {
    super();
    this.combined = false;
    this.sortBy = 'score';
    this.first = 0;
    this.last = 20;
    this.version = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.resubscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.fetchTimer);
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
    if (queryChanged || changed.has('client') || changed.has('sortBy')) this.restart(changed.has('client') || changed.get('query')?.definitionId !== this.query?.definitionId);
  }

  private get grid(): HTMLElement {
    return this.renderRoot.querySelector('.grid') as HTMLElement;
  }

  /** A new query: forget the pages, count again, back to the top. */
  private restart(newDefinition: boolean): void {
    this.generation++;
    this.pages.clear();
    this.allRows = undefined;
    this.total = undefined;
    this.failure = undefined;
    this.focusIndex = 0;
    if (this.hasUpdated) this.grid.scrollTop = 0;
    this.first = 0;
    if (newDefinition) this.resubscribe();
    void this.count(this.generation);
  }

  private async count(generation: number): Promise<void> {
    if (!this.client || !this.query) return;
    try {
      const total = await countRows(this.client, this.query);
      if (generation !== this.generation) return;
      if (this.sortBy === 'id') {
        if (total > ID_SORT_LIMIT) throw new Error(`sorting by id reads every row, so it is offered up to ${ID_SORT_LIMIT.toLocaleString('en')} records; ${total.toLocaleString('en')} match: narrow the filter or sort by score`);
        await this.readAll(generation);
        return;
      }
      this.total = total;
      this.measure();
      this.fetchVisible(true);
    } catch (error) {
      if (generation === this.generation) this.failure = String((error as Error).message ?? error);
    }
  }

  /** Sorting by id: reads every matching row (one pass) and sorts by id. */
  private async readAll(generation: number): Promise<void> {
    if (!this.client || !this.query) return;
    const rows: ScoredResult[] = [];
    await scanRows(this.client, { ...this.query, order: 'desc' }, 1_000, (page) => {
      if (generation !== this.generation) return false;
      rows.push(...page);
    });
    if (generation !== this.generation) return;
    const direction = this.query.order === 'asc' ? 1 : -1;
    rows.sort((a, b) => direction * (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
    this.allRows = rows;
    this.total = rows.length;
    this.measure();
    this.version++;
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

  /** Scores moved: count again and read the rows in view again, keeping the old ones until then. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.sortBy === 'id') {
        // Keep the rows shown until the new ones are read.
        this.generation++;
        void this.readAll(this.generation).catch(() => undefined);
        return;
      }
      this.generation++;
      const generation = this.generation;
        // Pages out of view are dropped; the ones in view stay shown (stale) until re-read.
      const [from, to] = this.pageSpan();
      for (const key of [...this.pages.keys()]) if (key < from || key > to) this.pages.delete(key);
      if (!this.client || !this.query) return;
      void countRows(this.client, this.query).then((total) => {
        if (generation !== this.generation) return;
        this.total = total;
        this.fetchVisible(true);
      }, () => undefined);
    }, REFRESH_DELAY_MS);
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
    this.fetchVisible(false);
  };

  /** The page numbers covering the rows in view and their margin. */
  private pageSpan(): [number, number] {
    const total = this.total ?? 0;
    const from = Math.max(0, this.first - MARGIN_ROWS);
    const to = Math.max(from, Math.min(total - 1, this.last + MARGIN_ROWS));
    return [Math.floor(from / PAGE_SIZE), Math.floor(to / PAGE_SIZE)];
  }

  /** Reads the missing pages in view: at once, or once scrolling rests. */
  private fetchVisible(now: boolean): void {
    clearTimeout(this.fetchTimer);
    if (this.allRows || this.missingPages().length === 0) return;
    if (now) void this.pump();
    else this.fetchTimer = setTimeout(() => void this.pump(), FETCH_DELAY_MS);
  }

  private missingPages(): number[] {
    const [from, to] = this.pageSpan();
    const missing: number[] = [];
    for (let page = from; page <= to; page++) if (this.pages.get(page)?.generation !== this.generation) missing.push(page);
    return missing;
  }

  /**
   * Reads the missing pages in view one at a time: first those next to a page already read (cheap,
   * from a value window), else the one in the middle of the view by offset, which then anchors its
   * neighbours. Re-checks the view after each page, so it follows the scrolling.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const { client, query, total, generation } = this;
        const missing = this.missingPages();
        if (!client || !query || total === undefined || missing.length === 0) return;
        const center = Math.floor((this.first + this.last) / 2 / PAGE_SIZE);
        const byDistance = missing.sort((a, b) => Math.abs(a - center) - Math.abs(b - center));
        const anchored = byDistance.map((page) => ({ page, anchor: this.anchorFor(page) })).find((item) => item.anchor);
        const page = anchored?.page ?? byDistance[0]!;
        const limit = Math.min(PAGE_SIZE, total - page * PAGE_SIZE);
        const rows = anchored?.anchor
          ? await readNear(client, query, limit, anchored.anchor)
          : await readAt(client, query, page * PAGE_SIZE, limit, total, sketches.get(query.definitionId));
        if (generation !== this.generation) continue;
        this.pages.set(page, { rows, generation });
        this.version++;
        const [from, to] = this.pageSpan();
        this.evict(from, to);
      }
    } catch (error) {
      this.failure = String((error as Error).message ?? error);
    } finally {
      this.pumping = false;
      this.sketchLater();
    }
  }

  /**
   * Once the first rows are shown, reads the definition's distribution (a few seconds of worker
   * time at 100,000 records, so not before): jumps far into the table then cost one count.
   */
  private sketchLater(): void {
    const { client, query, total } = this;
    if (!client || !query || (total ?? 0) <= 10_000 || sketches.has(query.definitionId) || this.sketchTimer) return;
    this.sketchTimer = setTimeout(() => {
      const definitionId = query.definitionId;
      void client.getDistribution(definitionId, { buckets: 1_000 }).then((sketch) => sketches.set(definitionId, sketch), () => undefined)
        .finally(() => (this.sketchTimer = undefined));
    }, 800);
  }

  /** The edge of a fresh neighbouring page, with the ties of its value known, or none. */
  private anchorFor(page: number): Anchor | undefined {
    const fresh = (index: number) => {
      const cached = this.pages.get(index);
      return cached?.generation === this.generation && cached.rows.length > 0 ? cached.rows : undefined;
    };
    const before = fresh(page - 1);
    if (before?.length === PAGE_SIZE) {
      const value = before[before.length - 1]!.value;
      // Count the run of this value backward; it must end on a different value or at row 0.
      let ties = 0;
      for (let index = page - 1; index >= 0; index--) {
        const rows = fresh(index);
        if (!rows) return this.anchorAfter(page, fresh);
        let i = rows.length - 1;
        while (i >= 0 && rows[i]!.value === value) i--, ties++;
        if (i >= 0) break;
      }
      return { direction: 'forward', value, ties, spread: Math.abs(before[0]!.value - value) };
    }
    return this.anchorAfter(page, fresh);
  }

  private anchorAfter(page: number, fresh: (index: number) => ScoredResult[] | undefined): Anchor | undefined {
    const after = fresh(page + 1);
    if (!after) return undefined;
    const value = after[0]!.value;
    const lastPage = Math.floor(((this.total ?? 1) - 1) / PAGE_SIZE);
    let ties = 0;
    for (let index = page + 1; index <= lastPage; index++) {
      const rows = fresh(index);
      if (!rows) return undefined;
      let i = 0;
      while (i < rows.length && rows[i]!.value === value) i++, ties++;
      if (i < rows.length) break;
    }
    return { direction: 'backward', value, ties, spread: Math.abs(after[after.length - 1]!.value - value) };
  }

  /** Keeps the cache small: drops the pages furthest from the view. */
  private evict(from: number, to: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const distance = (page: number) => (page < from ? from - page : page > to ? page - to : 0);
    const far = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
  }

  private rowAt(index: number): ScoredResult | undefined {
    if (this.allRows) return this.allRows[index];
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }

  private open(index: number): void {
    const row = this.rowAt(index);
    if (row) this.dispatchEvent(new CustomEvent('record-open', { detail: { recordId: row.recordId }, bubbles: true, composed: true }));
  }

  private readonly onClick = (event: MouseEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.row');
    if (row?.dataset.index) this.open(Number(row.dataset.index));
  };

  /** Grid keys: arrows, Page Up/Down, Home/End move the focused row; Enter opens it. */
  private readonly onKeyDown = (event: KeyboardEvent) => {
    const total = this.total ?? 0;
    if (total === 0) return;
    const rowEl = (event.target as HTMLElement).closest<HTMLElement>('.row');
    const current = rowEl?.dataset.index ? Number(rowEl.dataset.index) : this.focusIndex;
    const pageRows = Math.max(1, this.last - this.first - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + pageRows, PageUp: current - pageRows, Home: 0, End: total - 1 };
    if (event.key === 'Enter' && rowEl) {
      event.preventDefault();
      this.open(current);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.focusRow(Math.max(0, Math.min(total - 1, moves[event.key]!)));
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
    this.fetchVisible(true);
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${index}"]`)?.focus({ preventScroll: true }));
  }

  /** Focus entering the grid lands on the remembered row. */
  private readonly onFocus = (event: FocusEvent) => {
    if (event.target !== this.grid || !this.total) return;
    // The remembered row if it is in view, else the first row in view.
    const inView = this.focusIndex >= this.first && this.focusIndex <= this.last;
    this.focusRow(Math.min(inView ? this.focusIndex : this.first, this.total - 1));
  };

  /** A header that sorts by its column; activating the sorted one reverses the order. */
  private sortButton(label: string, key: 'score' | 'id') {
    const sorted = this.sortBy === key;
    const order = this.query?.order ?? 'desc';
    const next = sorted ? (order === 'desc' ? 'asc' : 'desc') : key === 'id' ? 'asc' : 'desc';
    const arrow = sorted ? (order === 'desc' ? ' ▼' : ' ▲') : '';
    return html`<button data-testid=${`sort-${key}`} @click=${() => this.dispatchEvent(new CustomEvent('sort-change', { detail: { sortBy: key, order: next }, bubbles: true, composed: true }))}
      title=${sorted ? 'Reverse the order' : `Sort by ${label.toLowerCase()}`}>${label}${arrow}</button>`;
  }

  private sortState(key: 'score' | 'id') {
    if (this.sortBy !== key) return 'none';
    return (this.query?.order ?? 'desc') === 'desc' ? 'descending' : 'ascending';
  }

  override render() {
    const total = this.total;
    const columns = this.combined ? '60px 1.4fr 1fr 1fr 1fr 1fr' : '60px 1.4fr 1fr 1fr';
    this.style.setProperty('--columns', columns);
    const from = Math.max(0, this.first - MARGIN_ROWS);
    const to = Math.min((total ?? 0) - 1, this.last + MARGIN_ROWS);
    const indexes: number[] = [];
    for (let i = from; i <= to; i++) indexes.push(i);
    return html`
      <div class="grid" role="grid" data-testid="records-table" aria-label="Scored records" aria-rowcount=${total === undefined ? -1 : total + 1}
        aria-colcount=${this.combined ? 6 : 4} aria-busy=${total === undefined ? 'true' : 'false'}
        tabindex=${this.focusIndex >= from && this.focusIndex <= to ? -1 : 0} @scroll=${this.onScroll} @click=${this.onClick} @keydown=${this.onKeyDown} @focusin=${this.onFocus}>
        <div class="head" role="row" aria-rowindex="1">
          <span role="columnheader" class="num">#</span>
          <span role="columnheader" aria-sort=${this.sortState('id')}>${this.sortButton('Record id', 'id')}</span>
          <span role="columnheader" class="num" aria-sort=${this.sortState('score')}>${this.sortButton('Score', 'score')}</span>
          ${this.combined ? html`<span role="columnheader" class="num">Engagement</span><span role="columnheader" class="num">Fit</span>` : nothing}
          <span role="columnheader">Label</span>
        </div>
        ${total === 0 ? html`<div class="empty" role="row"><span role="gridcell">No records match.</span></div>` : nothing}
        ${this.failure ? html`<div class="empty" role="row"><span role="gridcell"><span role="alert">${this.failure}</span></span></div>` : nothing}
        <div class="body" role="rowgroup" style=${`height:${(total ?? 0) * ROW_HEIGHT}px`}>
          ${indexes.map((index) => this.renderRow(index))}
        </div>
      </div>
    `;
  }

  private renderRow(index: number) {
    const row = this.rowAt(index);
    const top = `transform:translateY(${index * ROW_HEIGHT}px)`;
    const tabindex = index === this.focusIndex ? 0 : -1;
    if (!row) {
      return html`<div class="row loading" role="row" aria-rowindex=${index + 2} data-index=${index} style=${top} tabindex=${tabindex}>
        <span role="gridcell" class="num">${index + 1}</span><span role="gridcell">Loading…</span></div>`;
    }
    const fmt = (value: number | null) => (value === null ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(1));
    return html`<div class="row" role="row" aria-rowindex=${index + 2} data-index=${index} data-testid="record-row" data-record-id=${row.recordId} style=${top} tabindex=${tabindex}>
      <span role="gridcell" class="num">${index + 1}</span>
      <span role="gridcell" class="id">${row.recordId}</span>
      <span role="gridcell" class="num" data-testid="record-score">${fmt(row.value)}</span>
      ${this.combined ? html`<span role="gridcell" class="num">${fmt(row.engagement)}</span><span role="gridcell" class="num">${fmt(row.fit)}</span>` : nothing}
      <span role="gridcell"><lead-threshold-badge label=${row.label ?? ''}></lead-threshold-badge></span>
    </div>`;
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
    'sort-change': CustomEvent<{ sortBy: 'score' | 'id'; order: 'asc' | 'desc' }>;
  }
}
