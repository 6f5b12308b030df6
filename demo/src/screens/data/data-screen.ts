import { csvColumnTargets, type CsvColumnTarget, type DateOrder, type DefinitionInfo, type ObjectType, type PropertyType } from '@leadscore/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { demoClient, resetDemo } from '../../app/client.ts';
import { registerScreen } from '../../app/router.ts';
import { applyOutcome, browserTimeZone, guessOutcomeColumn, parseCsv, type CsvChoices, type CsvColumn, type CsvParse, type MappedCsv } from './csv-mapping.ts';
import { importText, type ImportTextKey } from './import-text.ts';
import { EMPTY_KEY, formatCount, generateIntoDemo, onRunState, regenerate, runState, type RunState } from './generation-run.ts';
import { MAX_CONTACTS, MIN_CONTACTS } from './generator.ts';
import { countEvents, countRecords, countStoredIds, type StoredCounts } from './stored-summary.ts';

const propertyTypeOrder: PropertyType[] = ['string', 'enum', 'number', 'boolean', 'date', 'datetime', 'multi'];

interface CsvState {
  fileName: string;
  bytes: Uint8Array;
  choices: CsvChoices;
  parse: CsvParse;
}

/** Unreadable cells listed under the mapping table; the rest are counted. */
const LISTED_CELLS = 20;

/**
 * The data screen: what is stored; the seeded generator; CSV import with a column-mapping step;
 * reset. Generation and import write through the demo client, so every other screen sees the data.
 */
export class DemoDataScreen extends LitElement {
  static override styles = css`
    :host { display: block; }
    h1 { margin: 0 0 16px; font-size: 24px; }
    h2 { margin: 0 0 12px; font-size: 18px; }
    section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
    p.hint { margin: 0 0 12px; color: #59636e; }
    .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin: 0; }
    .summary div { background: #f6f8fa; border-radius: 6px; padding: 10px 12px; }
    .summary dt { color: #59636e; font-size: 13px; }
    .summary dd { margin: 0; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .row { display: flex; flex-wrap: wrap; align-items: end; gap: 12px 16px; }
    label { display: grid; gap: 4px; font-size: 13px; color: #59636e; }
    input, select { font: inherit; color: #1f2328; padding: 5px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
    input[type='number'] { width: 140px; }
    button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; color: #1f2328; cursor: pointer; }
    button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
    button.danger { background: #cf222e; border-color: #a40e26; color: #fff; }
    button:disabled { opacity: 0.55; cursor: not-allowed; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
    progress { width: 100%; height: 14px; margin-top: 14px; }
    .status { margin: 4px 0 0; font-size: 14px; font-variant-numeric: tabular-nums; }
    .error { color: #cf222e; }
    .drop { border: 2px dashed #d0d7de; border-radius: 8px; padding: 20px; text-align: center; color: #59636e; }
    .drop.over { border-color: #0969da; background: #ddf4ff; }
    .drop input { margin-top: 8px; }
    table { border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 14px; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: middle; }
    th { color: #59636e; font-weight: 600; font-size: 13px; }
    td.samples { color: #59636e; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    td.num { font-variant-numeric: tabular-nums; text-align: right; }
    .changed select { border-color: #bf8700; background: #fff8c5; }
    .report { margin-top: 12px; padding: 10px 12px; background: #dafbe1; border-radius: 6px; }
    ul.issues { margin: 8px 0 0; padding-left: 20px; color: #cf222e; }
    .confirm { margin-top: 12px; padding: 12px; border: 1px solid #ff818266; background: #ffebe9; border-radius: 6px; }
    .confirm .row { margin-top: 8px; }
  `;

  static override properties = {
    params: { attribute: false },
    counts: { state: true },
    definitions: { state: true },
    size: { state: true },
    seed: { state: true },
    run: { state: true },
    csv: { state: true },
    importing: { state: true },
    report: { state: true },
    csvError: { state: true },
    merge: { state: true },
    dragOver: { state: true },
    confirmReset: { state: true },
  };

  declare params: string[];
  declare counts: StoredCounts | undefined;
  declare definitions: DefinitionInfo[] | undefined;
  declare size: number;
  declare seed: number;
  declare run: RunState;
  declare csv: CsvState | undefined;
  declare importing: { done: number; total: number } | undefined;
  declare report: { mapped: MappedCsv; fileName: string } | undefined;
  declare csvError: string | undefined;
  /** An import that would replace stored records, waiting for the user to confirm it. */
  declare merge: { mapped: MappedCsv; fileName: string; replaced: number; created: number } | undefined;
  declare dragOver: boolean;
  declare confirmReset: boolean;

  private stopRun?: () => void;
  /** Bumped by every reading of the file with new choices: only the latest one is shown. */
  private readings = 0;

  constructor() {
    super();
    this.params = [];
    this.size = 1_000;
    this.seed = 42;
    this.run = runState();
    this.dragOver = false;
    this.confirmReset = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopRun = onRunState((run) => {
      const finished = this.run.running && !run.running;
      this.run = run;
      if (finished) void this.refresh();
    });
    void this.refresh();
  }

  override disconnectedCallback(): void {
    this.stopRun?.();
    super.disconnectedCallback();
  }

  /** Reads the summary again: records by type, then events (slower), and the definitions. */
  async refresh(): Promise<void> {
    const [counts, definitions] = await Promise.all([countRecords(), demoClient().listDefinitions().catch(() => [] as DefinitionInfo[])]);
    this.counts = counts;
    this.definitions = definitions;
    const events = await countEvents();
    this.counts = { ...counts, events };
  }

  override render() {
    return html`
      <h1>Data</h1>
      ${this.renderSummary()}
      ${this.renderGenerator()}
      ${this.renderCsv()}
      ${this.renderReset()}
    `;
  }

  private renderSummary() {
    const counts = this.counts;
    const value = (n: number | undefined) => (n === undefined ? '…' : formatCount(n));
    const byStatus = (status: string) => this.definitions?.filter((info) => info.status === status).length;
    return html`
      <section aria-labelledby="stored">
        <h2 id="stored">Stored in this browser</h2>
        <dl class="summary" data-testid="data-summary">
          <div><dt>Contacts</dt><dd data-testid="count-contacts">${value(counts?.contacts)}</dd></div>
          <div><dt>Companies</dt><dd data-testid="count-companies">${value(counts?.companies)}</dd></div>
          <div><dt>Deals</dt><dd data-testid="count-deals">${value(counts?.deals)}</dd></div>
          <div><dt>Events</dt><dd data-testid="count-events">${counts && counts.events === undefined ? '…' : value(counts?.events)}</dd></div>
          <div><dt>Active definitions</dt><dd data-testid="count-active">${value(byStatus('active'))}</dd></div>
          <div><dt>Drafts</dt><dd data-testid="count-drafts">${value(byStatus('draft'))}</dd></div>
        </dl>
      </section>
    `;
  }

  private renderGenerator() {
    const run = this.run;
    const hasData = (this.counts?.contacts ?? 0) + (this.counts?.companies ?? 0) + (this.counts?.deals ?? 0) > 0;
    const sizeOk = Number.isInteger(this.size) && this.size >= MIN_CONTACTS && this.size <= MAX_CONTACTS;
    const seedOk = Number.isInteger(this.seed);
    const text = run.error ? `${run.text} ${run.error}` : run.text || 'Not started.';
    return html`
      <section aria-labelledby="generate-title">
        <h2 id="generate-title">Generate sample data</h2>
        <p class="hint">
          Synthetic contacts with their companies (about one per ten contacts), deals, a year of events and lifecycle
          histories; conversions follow fit and engagement. The same seed gives the same data.
          ${hasData ? html`<strong>Generating replaces the stored data</strong> (definitions are kept).` : nothing}
        </p>
        <div class="row">
          <label>Contacts (1,000–100,000)
            <input type="number" data-testid="generate-size" min=${MIN_CONTACTS} max=${MAX_CONTACTS} step="1000" .value=${String(this.size)}
              @input=${(e: Event) => { this.size = Number((e.target as HTMLInputElement).value); }}>
          </label>
          <label>Seed
            <input type="number" data-testid="generate-seed" step="1" .value=${String(this.seed)}
              @input=${(e: Event) => { this.seed = Number((e.target as HTMLInputElement).value); }}>
          </label>
          <button class="primary" data-testid="generate" ?disabled=${run.running || !sizeOk || !seedOk} @click=${this.generate}>Generate</button>
        </div>
        ${sizeOk ? nothing : html`<p class="status error">Choose between 1,000 and 100,000 contacts.</p>`}
        <progress data-testid="progress" aria-label="Generation progress" max=${Math.max(1, run.total)} .value=${run.total > 0 ? run.done : 0}>${text}</progress>
        <p class="status ${run.error ? 'error' : ''}" data-testid="progress-text" role="status">${text}</p>
      </section>
    `;
  }

  private async generate(): Promise<void> {
    const hasData = (this.counts?.contacts ?? 0) + (this.counts?.companies ?? 0) + (this.counts?.deals ?? 0) > 0;
    const stored = hasData ? this.counts : await countRecords();
    localStorage.removeItem(EMPTY_KEY);
    if (stored && stored.contacts + stored.companies + stored.deals > 0) await regenerate(this.size, this.seed);
    else await generateIntoDemo(this.size, this.seed).catch(() => undefined);
  }

  // ── CSV ─────────────────────────────────────────────────────────────────────────────────────

  private renderCsv() {
    const t = importText(this);
    return html`
      <section aria-labelledby="csv-title">
        <h2 id="csv-title">${t('title')}</h2>
        <p class="hint">${t('hint')}</p>
        <div class="drop ${this.dragOver ? 'over' : ''}" data-testid="csv-drop"
          @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragOver = true; }}
          @dragleave=${() => { this.dragOver = false; }}
          @drop=${this.onDrop}>
          <div>${t('drop')}</div>
          <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-input" aria-label=${t('file')}
            @change=${(e: Event) => { const file = (e.target as HTMLInputElement).files?.[0]; if (file) void this.readFile(file); }}>
        </div>
        ${this.csvError ? html`<p class="status error">${this.csvError}</p>` : nothing}
        ${this.csv ? this.renderMapping(this.csv) : nothing}
        ${this.merge ? this.renderMerge(this.merge) : nothing}
        ${this.importing ? html`<progress aria-label=${t('progress')} max=${this.importing.total} .value=${this.importing.done}></progress>
          <p class="status">${t('importing', { done: formatCount(this.importing.done), total: formatCount(this.importing.total) })}</p>` : nothing}
        ${this.report ? this.renderReport(this.report) : nothing}
      </section>
    `;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    const file = event.dataTransfer?.files[0];
    if (file) void this.readFile(file);
  }

  /** Reads the file as bytes: the importer finds its encoding, delimiter, format and kind of records. */
  private async readFile(file: File): Promise<void> {
    this.csvError = undefined;
    this.report = undefined;
    this.merge = undefined;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const choices: CsvChoices = { format: 'auto', timezone: browserTimeZone(), types: {}, mapping: {} };
    const parse = await parseCsv(bytes, choices);
    const outcome = parse.ok ? guessOutcomeColumn(parse.columns) : undefined;
    this.csv = { fileName: file.name, bytes, choices: outcome ? { ...choices, outcome } : choices, parse };
  }

  /** Reads the file again with changed choices; a newer choice wins over a reading still under way. */
  private async choose(patch: Partial<CsvChoices>): Promise<void> {
    const csv = this.csv;
    if (!csv) return;
    const choices = { ...csv.choices, ...patch };
    for (const key of Object.keys(patch) as (keyof CsvChoices)[]) if (patch[key] === undefined) delete choices[key];
    if (choices.outcome !== undefined && choices.outcome === choices.idColumn) delete choices.outcome;
    const reading = ++this.readings;
    this.merge = undefined;
    const parse = await parseCsv(csv.bytes, choices);
    if (reading === this.readings && this.csv?.bytes === csv.bytes) this.csv = { ...this.csv, choices, parse };
  }

  private renderMapping(csv: CsvState) {
    const t = importText(this);
    const { parse, choices } = csv;
    const header = parse.ok ? parse.header : [];
    const idColumn = parse.ok ? parse.report.idColumn : choices.idColumn ?? null;
    const columns = parse.ok ? parse.columns : [];
    const objectType = parse.ok ? parse.report.objectType : choices.objectType ?? 'contact';
    const zones = timeZones(choices.timezone);
    const selectValue = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`
      <h3>${csv.fileName}${parse.ok ? html` — ${t('size', { rows: formatCount(parse.report.rows), columns: formatCount(header.length) })}` : nothing}</h3>
      ${parse.ok ? html`<p class="hint" data-testid="csv-detected">${this.detectedText(parse.report)}</p>` : nothing}
      <div class="row">
        <label>${t('recordsAre')}
          <select data-testid="map-object" @change=${(e: Event) => this.choose({ objectType: selectValue(e) as ObjectType, idColumn: undefined })}>
            ${(['contact', 'company', 'deal'] as const).map((type) => html`<option value=${type} .selected=${live(type === objectType)}>${t(`object.${type}`)}</option>`)}
          </select>
        </label>
        <label>${t('idColumn')}
          <select data-testid="map-id" @change=${(e: Event) => this.choose({ idColumn: selectValue(e) || undefined })}>
            ${idColumn === null ? html`<option value="" selected>${t('noId')}</option>` : nothing}
            ${(header.length > 0 ? header : choices.idColumn ? [choices.idColumn] : []).map((name) => html`<option value=${name} .selected=${live(name === (idColumn ?? choices.idColumn))}>${name}</option>`)}
          </select>
        </label>
        <label>${t('outcomeColumn')}
          <select data-testid="map-outcome" @change=${(e: Event) => this.choose({ outcome: selectValue(e) || undefined })}>
            <option value="" .selected=${live(!choices.outcome)}>${t('none')}</option>
            ${columns.filter((column) => column.target === 'property').map((column) => html`<option value=${column.name} .selected=${live(column.name === choices.outcome)}>${column.name}</option>`)}
          </select>
        </label>
        <label>${t('timezone')}
          <select data-testid="map-timezone" @change=${(e: Event) => this.choose({ timezone: selectValue(e) })}>
            ${zones.map((zone) => html`<option value=${zone} .selected=${live(zone === choices.timezone)}>${zone}</option>`)}
          </select>
        </label>
        <label>${t('dateOrder')}
          <select data-testid="map-date-order" @change=${(e: Event) => this.choose({ dateOrder: (selectValue(e) || undefined) as DateOrder | undefined })}>
            ${(['', 'dmy', 'mdy'] as const).map((order) => html`<option value=${order} .selected=${live(order === (choices.dateOrder ?? ''))}>${t(order === '' ? 'dateOrder.auto' : `dateOrder.${order}`)}</option>`)}
          </select>
        </label>
        <button class="primary" data-testid="import" ?disabled=${!parse.ok || this.importing !== undefined || this.merge !== undefined} @click=${this.importCsv}>${t('import')}</button>
      </div>
      ${parse.ok ? nothing : html`
        <p class="status error">${t('cannotImport')}</p>
        <ul class="issues" data-testid="csv-issues">${parse.issues.slice(0, 10).map((issue) => html`<li>${t('line', { line: issue.line, message: issue.message })}</li>`)}
          ${parse.issues.length > 10 ? html`<li>${t('more', { n: formatCount(parse.issues.length - 10) })}</li>` : nothing}</ul>`}
      ${parse.ok ? html`
        <table data-testid="csv-columns">
          <thead><tr><th>${t('th.column')}</th><th>${t('th.target')}</th><th>${t('th.type')}</th><th>${t('th.inferred')}</th><th class="num">${t('th.values')}</th><th class="num">${t('th.leftOut')}</th><th>${t('th.examples')}</th></tr></thead>
          <tbody>${columns.map((column) => this.renderColumn(csv, column))}</tbody>
        </table>
        ${this.renderUnreadable(parse.report.unreadable)}` : nothing}
    `;
  }

  private renderColumn(csv: CsvState, column: CsvColumn) {
    const t = importText(this);
    const changed = column.type !== column.inferred || csv.choices.mapping[column.name] !== undefined;
    const targets: (CsvColumnTarget | 'other')[] = column.target === 'other' ? ['other', 'property'] : [...csvColumnTargets];
    return html`<tr class=${changed ? 'changed' : ''}>
      <td>${column.name}${column.name === csv.choices.outcome ? html` <small>${t('outcome')}</small>` : nothing}</td>
      <td><select data-testid=${`map-target-${column.name}`} aria-label=${t('targetOf', { column: column.name })}
        @change=${(e: Event) => this.choose({ mapping: { ...csv.choices.mapping, [column.name]: (e.target as HTMLSelectElement).value as CsvColumnTarget } })}>
        ${targets.map((target) => html`<option value=${target} .selected=${live(target === column.target)}>${t(`target.${target}` as ImportTextKey)}</option>`)}
      </select></td>
      <td>${column.type ? html`<select data-testid=${`map-type-${column.name}`} aria-label=${t('typeOf', { column: column.name })}
        @change=${(e: Event) => this.choose({ types: { ...csv.choices.types, [column.name]: (e.target as HTMLSelectElement).value as PropertyType } })}>
        ${propertyTypeOrder.map((option) => html`<option value=${option} .selected=${live(option === column.type)}>${t(`type.${option}`)}</option>`)}
      </select>` : nothing}</td>
      <td>${column.inferred ? t(`type.${column.inferred}`) : nothing}</td>
      <td class="num">${column.type ? formatCount(column.values) : nothing}</td>
      <td class="num">${column.unreadable > 0 ? formatCount(column.unreadable) : nothing}</td>
      <td class="samples" title=${column.samples.join(' · ')}>${column.samples.join(' · ')}</td>
    </tr>`;
  }

  private renderUnreadable(cells: readonly { line: number; column?: string; message: string }[]) {
    if (cells.length === 0) return nothing;
    const t = importText(this);
    return html`
      <p class="status" data-testid="csv-unreadable-title">${t('unreadable', { n: formatCount(cells.length) })}</p>
      <ul class="issues" data-testid="csv-unreadable">
        ${cells.slice(0, LISTED_CELLS).map((cell) => html`<li>${t('cell', { line: cell.line, column: cell.column ?? '', message: cell.message })}</li>`)}
        ${cells.length > LISTED_CELLS ? html`<li>${t('more', { n: formatCount(cells.length - LISTED_CELLS) })}</li>` : nothing}
      </ul>`;
  }

  private detectedText(report: Extract<CsvParse, { ok: true }>['report']): string {
    const t = importText(this);
    const crm = { hubspot: 'HubSpot', salesforce: 'Salesforce', zoho: 'Zoho', generic: '' }[report.format];
    const format = report.format === 'generic' || !report.exportKind ? t('format.generic') : t('format.crm', { crm, kind: t(`kind.${report.exportKind}` as ImportTextKey) });
    return t('detected', { format, delimiter: t(`delimiter.${report.delimiter}`), encoding: t(`encoding.${report.encoding}`), timezone: report.timezone });
  }

  /**
   * The import: when some of the file's ids are stored already, it first says how many records it
   * would replace and how many it would add, and waits for a confirmation (renderMerge).
   */
  private async importCsv(): Promise<void> {
    const csv = this.csv;
    if (!csv?.parse.ok) return;
    const t = importText(this);
    this.csvError = undefined;
    this.report = undefined;
    let mapped: MappedCsv;
    let replaced: number | undefined;
    try {
      mapped = applyOutcome(csv.parse, csv.choices.outcome);
      replaced = await countStoredIds(mapped.dataset.records.map((record) => record.id));
    } catch (error) {
      this.csvError = t('failed', { message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (replaced !== undefined && replaced > 0) {
      this.merge = { mapped, fileName: csv.fileName, replaced, created: new Set(mapped.dataset.records.map((record) => record.id)).size - replaced };
      return;
    }
    await this.store(mapped, csv.fileName);
  }

  private renderMerge(merge: NonNullable<DemoDataScreen['merge']>) {
    const t = importText(this);
    return html`
      <div class="confirm" role="alertdialog" aria-labelledby="merge-question" data-testid="import-merge">
        <strong id="merge-question">${t('mergeQuestion', { replaced: formatCount(merge.replaced), created: formatCount(merge.created), file: merge.fileName })}</strong>
        <div class="row">
          <button data-testid="import-merge-cancel" autofocus @click=${() => { this.merge = undefined; }}>${t('mergeCancel')}</button>
          <button class="danger" data-testid="import-merge-confirm" @click=${() => { this.merge = undefined; void this.store(merge.mapped, merge.fileName); }}>${t('mergeConfirm', { replaced: formatCount(merge.replaced) })}</button>
        </div>
      </div>`;
  }

  /**
   * One importDataset call: the worker stores the whole file in one IndexedDB transaction, so a
   * failure at any point (a refused record, a full disk) leaves nothing of it stored.
   */
  private async store(mapped: MappedCsv, fileName: string): Promise<void> {
    const t = importText(this);
    try {
      this.importing = { done: 0, total: mapped.rows };
      await demoClient().importDataset(mapped.dataset, (progress) => (this.importing = progress));
      localStorage.removeItem(EMPTY_KEY);
      this.report = { mapped, fileName };
    } catch (error) {
      this.csvError = t('failedNothingStored', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.importing = undefined;
      void this.refresh();
    }
  }

  private renderReport({ mapped, fileName }: NonNullable<DemoDataScreen['report']>) {
    const t = importText(this);
    const { report, outcome } = mapped;
    return html`
      <div class="report" data-testid="import-report" role="status">
        ${t('report', {
          rows: formatCount(mapped.rows), file: fileName, objectType: t(`object.${report.objectType}`),
          columns: formatCount(report.columns.length + report.mapped.length), ids: report.idColumn ? `“${report.idColumn}”` : t('rowNumbers'),
        })}
        ${report.history > 0 ? html` ${t('history', { n: formatCount(report.history) })}` : nothing}
        ${outcome ? html` ${t('reportOutcome', {
          column: outcome.column, converted: formatCount(outcome.converted), notConverted: formatCount(outcome.notConverted),
          unknown: outcome.unknown > 0 ? t('unknown', { n: formatCount(outcome.unknown) }) : '',
        })}` : nothing}
        ${report.unreadable.length > 0 ? html`<br>${t('leftOut', { n: formatCount(report.unreadable.length) })}` : nothing}
      </div>
    `;
  }

  // ── Reset ───────────────────────────────────────────────────────────────────────────────────

  private renderReset() {
    return html`
      <section aria-labelledby="reset-title">
        <h2 id="reset-title">Reset</h2>
        <p class="hint">Deletes everything this demo stored in the browser: records, events, definitions, scores and their history.</p>
        <button class="danger" data-testid="reset" ?disabled=${this.run.running} @click=${() => { this.confirmReset = true; }}>Reset…</button>
        ${this.confirmReset ? html`
          <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
            <strong id="reset-question">Delete all stored data? This cannot be undone.</strong>
            <div class="row">
              <button class="danger" data-testid="reset-confirm" @click=${this.reset}>Delete everything</button>
              <button data-testid="reset-cancel" @click=${() => { this.confirmReset = false; }}>Cancel</button>
            </div>
          </div>` : nothing}
      </section>
    `;
  }

  private async reset(): Promise<void> {
    localStorage.setItem(EMPTY_KEY, '1');
    await resetDemo();
  }
}

/** The zones the browser knows, the chosen one first when it is not among them. */
function timeZones(chosen: string): string[] {
  const known = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return known.includes(chosen) ? known : [chosen, ...known];
}

customElements.define('demo-data', DemoDataScreen);
registerScreen({ screen: 'data', tag: 'demo-data', label: 'nav.data' });
