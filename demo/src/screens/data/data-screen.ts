import type { DefinitionInfo, ObjectType, PropertyType } from '@leadscore/worker';
import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { demoClient, resetDemo } from '../../app/client.ts';
import { registerScreen } from '../../app/router.ts';
import { applyMapping, guessOutcomeColumn, parseCsv, propertyTypeLabels, type CsvParse, type MappedCsv } from './csv-mapping.ts';
import { EMPTY_KEY, formatCount, generateIntoDemo, onRunState, regenerate, runState, type RunState } from './generation-run.ts';
import { MAX_CONTACTS, MIN_CONTACTS } from './generator.ts';
import { countEvents, countRecords, type StoredCounts } from './stored-summary.ts';

const IMPORT_CHUNK = 2_000;
const propertyTypeOrder: PropertyType[] = ['string', 'enum', 'number', 'boolean', 'date', 'datetime', 'multi'];

interface CsvState {
  fileName: string;
  text: string;
  parse: CsvParse;
  objectType: ObjectType;
  idColumn?: string;
  types: Record<string, PropertyType>;
  outcome?: string;
}

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
  declare report: { mapped: MappedCsv; objectType: ObjectType; idColumn: string | null; fileName: string } | undefined;
  declare csvError: string | undefined;
  declare dragOver: boolean;
  declare confirmReset: boolean;

  private stopRun?: () => void;

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
    return html`
      <section aria-labelledby="csv-title">
        <h2 id="csv-title">Import a CRM CSV export</h2>
        <p class="hint">One record per row; the header names the properties. Pick the file, check the columns, then import.</p>
        <div class="drop ${this.dragOver ? 'over' : ''}" data-testid="csv-drop"
          @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragOver = true; }}
          @dragleave=${() => { this.dragOver = false; }}
          @drop=${this.onDrop}>
          <div>Drop a .csv file here, or choose one:</div>
          <input type="file" accept=".csv,text/csv" data-testid="csv-input" aria-label="CSV file"
            @change=${(e: Event) => { const file = (e.target as HTMLInputElement).files?.[0]; if (file) void this.readFile(file); }}>
        </div>
        ${this.csvError ? html`<p class="status error">${this.csvError}</p>` : nothing}
        ${this.csv ? this.renderMapping(this.csv) : nothing}
        ${this.importing ? html`<progress aria-label="Import progress" max=${this.importing.total} .value=${this.importing.done}></progress>
          <p class="status">Importing ${formatCount(this.importing.done)} of ${formatCount(this.importing.total)} rows…</p>` : nothing}
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

  private async readFile(file: File): Promise<void> {
    this.csvError = undefined;
    this.report = undefined;
    const text = await file.text();
    const parse = parseCsv(text, 'contact');
    const outcome = parse.ok ? guessOutcomeColumn(parse.columns) : undefined;
    this.csv = { fileName: file.name, text, parse, objectType: 'contact', ...(parse.ok && parse.report.idColumn ? { idColumn: parse.report.idColumn } : {}), types: {}, ...(outcome ? { outcome } : {}) };
  }

  /** Parses again after the id column or the object type changed. */
  private reparse(patch: Partial<CsvState>): void {
    if (!this.csv) return;
    const next = { ...this.csv, ...patch };
    if (next.outcome !== undefined && next.outcome === next.idColumn) delete next.outcome;
    this.csv = { ...next, parse: parseCsv(next.text, next.objectType, next.idColumn) };
  }

  private renderMapping(csv: CsvState) {
    const parse = csv.parse;
    const header = parse.ok ? parse.header : [];
    const idColumn = parse.ok ? parse.report.idColumn : csv.idColumn ?? null;
    const columns = parse.ok ? parse.columns : [];
    return html`
      <h3>${csv.fileName}${parse.ok ? html` — ${formatCount(parse.report.rows)} rows, ${formatCount(columns.length)} columns` : nothing}</h3>
      <div class="row">
        <label>Records are
          <select data-testid="map-object" @change=${(e: Event) => this.reparse({ objectType: (e.target as HTMLSelectElement).value as ObjectType })}>
            ${(['contact', 'company', 'deal'] as const).map((type) => html`<option value=${type} .selected=${live(type === csv.objectType)}>${type}s</option>`)}
          </select>
        </label>
        <label>Id column
          <select data-testid="map-id" @change=${(e: Event) => { const value = (e.target as HTMLSelectElement).value; this.reparse(value ? { idColumn: value } : { idColumn: undefined }); }}>
            ${idColumn === null ? html`<option value="" selected>(none: number the rows)</option>` : nothing}
            ${(header.length > 0 ? header : csv.idColumn ? [csv.idColumn] : []).map((name) => html`<option value=${name} .selected=${live(name === (idColumn ?? csv.idColumn))}>${name}</option>`)}
          </select>
        </label>
        <label>Outcome column (converted?)
          <select data-testid="map-outcome" @change=${(e: Event) => { const value = (e.target as HTMLSelectElement).value; const { outcome: _, ...rest } = csv; this.csv = value ? { ...rest, outcome: value } : rest; }}>
            <option value="" .selected=${live(!csv.outcome)}>(none)</option>
            ${columns.map((column) => html`<option value=${column.name} .selected=${live(column.name === csv.outcome)}>${column.name}</option>`)}
          </select>
        </label>
        <button class="primary" data-testid="import" ?disabled=${!parse.ok || this.importing !== undefined} @click=${this.importCsv}>Import</button>
      </div>
      ${parse.ok ? nothing : html`
        <p class="status error">The file cannot be imported with this id column:</p>
        <ul class="issues" data-testid="csv-issues">${parse.issues.slice(0, 10).map((issue) => html`<li>line ${issue.line}: ${issue.message}</li>`)}
          ${parse.issues.length > 10 ? html`<li>…and ${formatCount(parse.issues.length - 10)} more</li>` : nothing}</ul>`}
      ${parse.ok ? html`
        <table data-testid="csv-columns">
          <thead><tr><th>Column</th><th>Type</th><th>Inferred</th><th class="num">Values</th><th>Examples</th></tr></thead>
          <tbody>
            ${columns.map((column) => {
              const type = csv.types[column.name] ?? column.inferred;
              return html`<tr class=${type === column.inferred ? '' : 'changed'}>
                <td>${column.name}${column.name === csv.outcome ? html` <small>(outcome)</small>` : nothing}</td>
                <td><select data-testid=${`map-type-${column.name}`} aria-label=${`Type of ${column.name}`}
                  @change=${(e: Event) => { this.csv = { ...csv, types: { ...csv.types, [column.name]: (e.target as HTMLSelectElement).value as PropertyType } }; }}>
                  ${propertyTypeOrder.map((option) => html`<option value=${option} .selected=${live(option === type)}>${propertyTypeLabels[option]}</option>`)}
                </select></td>
                <td>${propertyTypeLabels[column.inferred]}</td>
                <td class="num">${formatCount(column.values)}</td>
                <td class="samples" title=${column.samples.join(' · ')}>${column.samples.join(' · ')}</td>
              </tr>`;
            })}
          </tbody>
        </table>` : nothing}
    `;
  }

  private async importCsv(): Promise<void> {
    const csv = this.csv;
    if (!csv?.parse.ok) return;
    const parse = csv.parse;
    this.csvError = undefined;
    this.report = undefined;
    try {
      const mapped = applyMapping(parse, { types: csv.types, ...(csv.outcome ? { outcome: csv.outcome } : {}) });
      const { records, propertyTypes } = mapped.dataset;
      this.importing = { done: 0, total: records.length };
      const client = demoClient();
      for (let at = 0; at < records.length; at += IMPORT_CHUNK) {
        const chunk = records.slice(at, at + IMPORT_CHUNK);
        await client.importDataset(at === 0 && propertyTypes ? { records: chunk, propertyTypes } : { records: chunk });
        this.importing = { done: at + chunk.length, total: records.length };
      }
      localStorage.removeItem(EMPTY_KEY);
      this.report = { mapped, objectType: csv.objectType, idColumn: parse.report.idColumn, fileName: csv.fileName };
    } catch (error) {
      this.csvError = `The import failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.importing = undefined;
      void this.refresh();
    }
  }

  private renderReport({ mapped, objectType, idColumn, fileName }: NonNullable<DemoDataScreen['report']>) {
    const unreadable = Object.entries(mapped.unreadable);
    return html`
      <div class="report" data-testid="import-report" role="status">
        Imported ${formatCount(mapped.rows)} rows from ${fileName} as ${objectType}s with ${formatCount(mapped.columns.length)} columns
        (ids from ${idColumn ? `“${idColumn}”` : 'row numbers'}).
        ${mapped.outcome ? html`Outcome “${mapped.outcome.column}”: ${formatCount(mapped.outcome.converted)} converted, ${formatCount(mapped.outcome.notConverted)} not${mapped.outcome.unknown > 0 ? `, ${formatCount(mapped.outcome.unknown)} unknown` : ''}.` : nothing}
        ${unreadable.length > 0 ? html`<br>Values that did not fit the chosen type were left out: ${unreadable.map(([name, n]) => `${name} (${formatCount(n)})`).join(', ')}.` : nothing}
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

customElements.define('demo-data', DemoDataScreen);
registerScreen({ screen: 'data', tag: 'demo-data', label: 'Data' });
