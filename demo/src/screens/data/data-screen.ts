import { csvColumnTargets, type CrmRecord, type CsvColumnTarget, type DateOrder, type DefinitionInfo, type ObjectType, type PropertyType } from '@leadscore/sdk';
import { localeOf } from '@leadscore/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { demoClient, resetDemo } from '../../app/client.ts';
import { registerScreen } from '../../app/router.ts';
import { applyOutcome, browserTimeZone, guessOutcomeColumn, parseCsv, type CsvChoices, type CsvColumn, type CsvParse, type MappedCsv } from './csv-mapping.ts';
import { importText, type ImportTextKey } from './import-text.ts';
import { dataText } from './data-text.ts';
import { EMPTY_KEY, generateIntoDemo, regenerate, runState, type RunState } from './generation-run.ts';
import { MAX_CONTACTS, MIN_CONTACTS } from './generator.ts';
import { mergedWithStored, planImport, type ImportPlan } from './import-plan.ts';
import { phaseText, watchRunPhase, type RunPhase } from './run-phase.ts';
import { countEvents, countRecords, storedRecords, type StoredCounts } from './stored-summary.ts';

const propertyTypeOrder: PropertyType[] = ['string', 'enum', 'number', 'boolean', 'date', 'datetime', 'multi'];

interface CsvState {
  fileName: string;
  bytes: Uint8Array;
  choices: CsvChoices;
  parse: CsvParse;
}

/** Where an import is, from the moment its file is picked. */
type Step =
  | { kind: 'reading'; file: string; bytes: number }
  | { kind: 'parsing'; file: string; rows: number }
  | { kind: 'checking' | 'storing'; done: number; total: number };
type ImportStep = Step & { started: number };

/** The file's lines less its header: about its rows (a quoted cell may hold line breaks), to say while it is parsed. */
function lineCount(bytes: Uint8Array): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines += 1;
  return Math.max(0, lines - (bytes[bytes.length - 1] === 0x0a ? 1 : 0));
}

/** Unreadable cells listed under the mapping table; the rest are counted. */
const LISTED_CELLS = 20;

/**
 * The data screen: what is stored; the seeded generator; CSV import with a column-mapping step;
 * reset. Generation and import write through the demo client, so every other screen sees the data.
 */
export class DemoDataScreen extends LitElement {
  static override styles = css`
    :host { display: block; color: var(--demo-text); }
    h1 { margin: 0 0 16px; font-size: 24px; }
    h2 { margin: 0 0 12px; font-size: 18px; }
    h3 { overflow-wrap: anywhere; }
    section { background: var(--demo-surface); border: 1px solid var(--demo-border); border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; min-width: 0; }
    p.hint { margin: 0 0 12px; color: var(--demo-muted); }
    .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin: 0; }
    .summary div { background: var(--demo-surface-2); border-radius: 6px; padding: 10px 12px; }
    .summary dt { color: var(--demo-muted); font-size: 13px; }
    .summary dd { margin: 0; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .row { display: flex; flex-wrap: wrap; align-items: end; gap: 12px 16px; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--demo-muted); min-width: 0; }
    input, select { font: inherit; color: var(--demo-text); padding: 5px 8px; border: 1px solid var(--demo-border); border-radius: 6px; background: var(--demo-surface); max-width: 100%; box-sizing: border-box; }
    input[type='number'] { width: 140px; }
    button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--demo-border); background: var(--demo-surface-2); color: var(--demo-text); cursor: pointer; }
    button.primary { background: var(--demo-success); border-color: var(--demo-success); color: var(--demo-accent-text); }
    button.danger { background: var(--demo-danger); border-color: var(--demo-danger); color: var(--demo-accent-text); }
    button:disabled { opacity: 0.55; cursor: not-allowed; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--demo-focus); outline-offset: 2px; }
    progress { width: 100%; height: 14px; margin-top: 14px; accent-color: var(--demo-accent); }
    .status { margin: 4px 0 0; font-size: 14px; font-variant-numeric: tabular-nums; }
    .error { color: var(--demo-danger); }
    .drop { border: 2px dashed var(--demo-border); border-radius: 8px; padding: 20px; text-align: center; color: var(--demo-muted); }
    .drop.over { border-color: var(--demo-accent); background: var(--demo-surface-2); }
    .drop input { margin-top: 8px; }
    .table { overflow-x: auto; margin-top: 12px; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--demo-border); vertical-align: middle; }
    th { color: var(--demo-muted); font-weight: 600; font-size: 13px; }
    td.samples { color: var(--demo-muted); max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    td.num { font-variant-numeric: tabular-nums; text-align: right; }
    .changed select { border-color: var(--demo-warning); }
    .report { margin-top: 12px; padding: 10px 12px; border-left: 4px solid var(--demo-success); background: var(--demo-surface-2); border-radius: 6px; }
    ul.issues { margin: 8px 0 0; padding-left: 20px; color: var(--demo-danger); }
    .confirm { margin-top: 12px; padding: 12px; border: 1px solid var(--demo-warning); border-left-width: 4px; background: var(--demo-surface-2); border-radius: 6px; }
    .confirm p { margin: 6px 0 0; }
    .confirm .row { margin-top: 8px; }
    @media (max-width: 600px) { section { padding: 12px; } }
  `;

  static override properties = {
    params: { attribute: false },
    counts: { state: true },
    definitions: { state: true },
    size: { state: true },
    seed: { state: true },
    run: { state: true },
    phase: { state: true },
    csv: { state: true },
    busy: { state: true },
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
  /** The import's step from the moment a file is picked: reading, parsing, checking the stored ids, storing. */
  declare busy: ImportStep | undefined;
  declare report: { mapped: MappedCsv; fileName: string; plan: ImportPlan; how: 'new' | 'merge' | 'replace' } | undefined;
  declare csvError: string | undefined;
  /** An import that would update stored records, waiting for the user to merge, replace or cancel. */
  declare merge: { mapped: MappedCsv; fileName: string; plan: ImportPlan; stored: Map<string, CrmRecord> } | undefined;
  declare dragOver: boolean;
  declare confirmReset: boolean;

  private stopRun?: () => void;
  /** Re-renders a running import step each second, for its elapsed time. */
  private ticker?: ReturnType<typeof setInterval>;
  declare phase: RunPhase;
  /** Bumped by every reading of the file with new choices: only the latest one is shown. */
  private readings = 0;

  constructor() {
    super();
    this.params = [];
    this.size = 1_000;
    this.seed = 42;
    this.run = runState();
    this.phase = { kind: 'idle' };
    this.dragOver = false;
    this.confirmReset = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopRun = watchRunPhase((run, phase) => {
      const finished = this.run.running && !run.running;
      this.run = run;
      this.phase = phase;
      if (finished) void this.refresh();
    });
    void this.refresh();
  }

  override disconnectedCallback(): void {
    this.stopRun?.();
    this.step(undefined);
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
      <h1>${dataText(this)('title')}</h1>
      ${this.renderSummary()}
      ${this.renderGenerator()}
      ${this.renderCsv()}
      ${this.renderReset()}
    `;
  }

  private renderSummary() {
    const counts = this.counts;
    const value = (n: number | undefined) => (n === undefined ? '…' : this.count(n));
    const byStatus = (status: string) => this.definitions?.filter((info) => info.status === status).length;
    const t = dataText(this);
    return html`
      <section aria-labelledby="stored">
        <h2 id="stored">${t('stored')}</h2>
        <dl class="summary" data-testid="data-summary">
          <div><dt>${t('contacts')}</dt><dd data-testid="count-contacts">${value(counts?.contacts)}</dd></div>
          <div><dt>${t('companies')}</dt><dd data-testid="count-companies">${value(counts?.companies)}</dd></div>
          <div><dt>${t('deals')}</dt><dd data-testid="count-deals">${value(counts?.deals)}</dd></div>
          <div><dt>${t('events')}</dt><dd data-testid="count-events">${counts && counts.events === undefined ? '…' : value(counts?.events)}</dd></div>
          <div><dt>${t('active')}</dt><dd data-testid="count-active">${value(byStatus('active'))}</dd></div>
          <div><dt>${t('drafts')}</dt><dd data-testid="count-drafts">${value(byStatus('draft'))}</dd></div>
        </dl>
      </section>
    `;
  }

  private renderGenerator() {
    const run = this.run;
    const hasData = (this.counts?.contacts ?? 0) + (this.counts?.companies ?? 0) + (this.counts?.deals ?? 0) > 0;
    const sizeOk = Number.isInteger(this.size) && this.size >= MIN_CONTACTS && this.size <= MAX_CONTACTS;
    const seedOk = Number.isInteger(this.seed);
    const t = dataText(this);
    const result = this.phase.kind === 'ready' && run.result ? ` ${t('took', { seed: run.result.seed, seconds: new Intl.NumberFormat(localeOf(this), { maximumFractionDigits: 1 }).format(run.result.seconds) })}` : '';
    const text = phaseText(this, this.phase) + result;
    const range = { min: this.count(MIN_CONTACTS), max: this.count(MAX_CONTACTS) };
    return html`
      <section aria-labelledby="generate-title">
        <h2 id="generate-title">${t('generateTitle')}</h2>
        <p class="hint">
          ${t('generateHint')}
          ${hasData ? html`<strong>${t('generateReplaces')}</strong> ${t('definitionsKept')}` : nothing}
        </p>
        <div class="row">
          <label>${t('size', range)}
            <input type="number" data-testid="generate-size" min=${MIN_CONTACTS} max=${MAX_CONTACTS} step="1000" .value=${String(this.size)}
              @input=${(e: Event) => { this.size = Number((e.target as HTMLInputElement).value); }}>
          </label>
          <label>${t('seed')}
            <input type="number" data-testid="generate-seed" step="1" .value=${String(this.seed)}
              @input=${(e: Event) => { this.seed = Number((e.target as HTMLInputElement).value); }}>
          </label>
          <button class="primary" data-testid="generate" ?disabled=${run.running || !sizeOk || !seedOk} @click=${this.generate}>${t('generate')}</button>
        </div>
        ${sizeOk ? nothing : html`<p class="status error">${t('sizeRange', range)}</p>`}
        <progress data-testid="progress" aria-label=${t('generationProgress')} max=${Math.max(1, run.total)} .value=${run.total > 0 ? run.done : 0}></progress>
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
        <div role="status" data-testid="import-progress">${this.busy ? this.renderStep(this.busy) : nothing}</div>
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
    this.csv = undefined;
    try {
      this.step({ kind: 'reading', file: file.name, bytes: file.size });
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.step({ kind: 'parsing', file: file.name, rows: lineCount(bytes) });
      const choices: CsvChoices = { format: 'auto', timezone: browserTimeZone(), types: {}, mapping: {} };
      const parse = await parseCsv(bytes, choices);
      const outcome = parse.ok ? guessOutcomeColumn(parse.columns) : undefined;
      this.csv = { fileName: file.name, bytes, choices: outcome ? { ...choices, outcome } : choices, parse };
    } catch (error) {
      this.csvError = importText(this)('failed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.step(undefined);
    }
  }

  /** Shows the import's step (from the first second: its elapsed time ticks), or ends it. */
  private step(step: Step | undefined): void {
    if (!step) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.busy = undefined;
      return;
    }
    this.busy = { ...step, started: this.busy?.started ?? performance.now() };
    this.ticker ??= setInterval(() => this.requestUpdate(), 1000);
  }

  private renderStep(step: ImportStep) {
    const t = importText(this);
    const seconds = Math.floor((performance.now() - step.started) / 1000);
    const text = step.kind === 'reading' ? t('step.reading', { file: step.file, size: this.megabytes(step.bytes) })
      : step.kind === 'parsing' ? t('step.parsing', { file: step.file, rows: step.rows })
        : step.kind === 'checking' ? t('step.checking', { done: this.count(step.done), total: this.count(step.total) })
          : t('importing', { done: this.count(step.done), total: this.count(step.total) });
    const counted = step.kind === 'checking' || step.kind === 'storing';
    return html`
      ${counted && step.total > 0 ? html`<progress aria-label=${t('progress')} max=${step.total} .value=${step.done}></progress>` : html`<progress aria-label=${t('progress')}></progress>`}
      <p class="status" data-testid="import-step" data-step=${step.kind}>${text}${seconds > 0 ? html` <span aria-hidden="true">${t('elapsed', { seconds })}</span>` : nothing}</p>`;
  }

  private count(n: number): string {
    return new Intl.NumberFormat(localeOf(this)).format(n);
  }

  private megabytes(bytes: number): string {
    return new Intl.NumberFormat(localeOf(this), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1e6);
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
    this.step({ kind: 'parsing', file: csv.fileName, rows: csv.parse.ok ? csv.parse.report.rows : lineCount(csv.bytes) });
    const parse = await parseCsv(csv.bytes, choices).finally(() => { if (reading === this.readings) this.step(undefined); });
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
      <h3>${csv.fileName}${parse.ok ? html` — ${t('size', { rows: this.count(parse.report.rows), columns: this.count(header.length) })}` : nothing}</h3>
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
        <button class="primary" data-testid="import" ?disabled=${!parse.ok || this.busy !== undefined || this.merge !== undefined} @click=${this.importCsv}>${t('import')}</button>
      </div>
      ${parse.ok ? nothing : html`
        <p class="status error">${t('cannotImport')}</p>
        <ul class="issues" data-testid="csv-issues">${parse.issues.slice(0, 10).map((issue) => html`<li>${t('line', { line: issue.line, message: issue.message })}</li>`)}
          ${parse.issues.length > 10 ? html`<li>${t('more', { n: this.count(parse.issues.length - 10) })}</li>` : nothing}</ul>`}
      ${parse.ok ? html`
        <div class="table"><table data-testid="csv-columns">
          <thead><tr><th>${t('th.column')}</th><th>${t('th.target')}</th><th>${t('th.type')}</th><th>${t('th.inferred')}</th><th class="num">${t('th.values')}</th><th class="num">${t('th.leftOut')}</th><th>${t('th.examples')}</th></tr></thead>
          <tbody>${columns.map((column) => this.renderColumn(csv, column))}</tbody>
        </table></div>
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
      <td class="num">${column.type ? this.count(column.values) : nothing}</td>
      <td class="num">${column.unreadable > 0 ? this.count(column.unreadable) : nothing}</td>
      <td class="samples" title=${column.samples.join(' · ')}>${column.samples.join(' · ')}</td>
    </tr>`;
  }

  private renderUnreadable(cells: readonly { line: number; column?: string; message: string }[]) {
    if (cells.length === 0) return nothing;
    const t = importText(this);
    return html`
      <p class="status" data-testid="csv-unreadable-title">${t('unreadable', { n: this.count(cells.length) })}</p>
      <ul class="issues" data-testid="csv-unreadable">
        ${cells.slice(0, LISTED_CELLS).map((cell) => html`<li>${t('cell', { line: cell.line, column: cell.column ?? '', message: cell.message })}</li>`)}
        ${cells.length > LISTED_CELLS ? html`<li>${t('more', { n: this.count(cells.length - LISTED_CELLS) })}</li>` : nothing}
      </ul>`;
  }

  private detectedText(report: Extract<CsvParse, { ok: true }>['report']): string {
    const t = importText(this);
    const crm = { hubspot: 'HubSpot', salesforce: 'Salesforce', zoho: 'Zoho', generic: '' }[report.format];
    const format = report.format === 'generic' || !report.exportKind ? t('format.generic') : t('format.crm', { crm, kind: t(`kind.${report.exportKind}` as ImportTextKey) });
    return t('detected', { format, delimiter: t(`delimiter.${report.delimiter}`), encoding: t(`encoding.${report.encoding}`), timezone: report.timezone });
  }

  /**
   * The import: the file's ids are looked up among the stored records first. When none is stored,
   * it stores at once (nothing is merged); otherwise it says how many records are new, how many
   * would be updated and how many stored values replaced, and waits for merge, replace or cancel.
   */
  private async importCsv(): Promise<void> {
    const csv = this.csv;
    if (!csv?.parse.ok) return;
    const t = importText(this);
    this.csvError = undefined;
    this.report = undefined;
    let mapped: MappedCsv;
    let stored: Map<string, CrmRecord> | undefined;
    try {
      mapped = applyOutcome(csv.parse, csv.choices.outcome);
      const ids = mapped.dataset.records.map((record) => record.id);
      this.step({ kind: 'checking', done: 0, total: new Set(ids).size });
      stored = await storedRecords(ids, (done, total) => this.step({ kind: 'checking', done, total }));
    } catch (error) {
      this.step(undefined);
      this.csvError = t('failed', { message: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.step(undefined);
    if (!stored) {
      this.csvError = t('failed', { message: t('unknownLayout') });
      return;
    }
    const plan = planImport(mapped.dataset.records, stored);
    if (plan.updated > 0) {
      this.merge = { mapped, fileName: csv.fileName, plan, stored };
      // The question takes the focus (the safe answer, cancel), so a keyboard user is at the choice.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[data-testid="import-merge-cancel"]')?.focus();
      return;
    }
    await this.store(mapped, csv.fileName, plan, 'new');
  }

  private renderMerge(merge: NonNullable<DemoDataScreen['merge']>) {
    const t = importText(this);
    const { plan } = merge;
    const go = (how: 'merge' | 'replace') => {
      this.merge = undefined;
      const dataset = how === 'merge' ? mergedWithStored(merge.mapped.dataset, merge.stored) : merge.mapped.dataset;
      void this.store({ ...merge.mapped, dataset }, merge.fileName, plan, how);
    };
    return html`
      <div class="confirm" role="alertdialog" aria-labelledby="merge-question" aria-describedby="merge-detail" data-testid="import-merge">
        <strong id="merge-question">${t('plan', { file: merge.fileName, created: plan.created, updated: plan.updated, replaced: plan.replaced })}</strong>
        <p id="merge-detail">${t('planKept', { kept: plan.kept })}</p>
        <div class="row">
          <button class="primary" data-testid="import-merge-confirm" @click=${() => go('merge')}>${t('mergeConfirm')}</button>
          <button data-testid="import-replace-confirm" @click=${() => go('replace')}>${t('replaceConfirm', { updated: plan.updated })}</button>
          <button data-testid="import-merge-cancel" @click=${() => { this.merge = undefined; }}>${t('mergeCancel')}</button>
        </div>
      </div>`;
  }

  /**
   * One importDataset call: the worker stores the whole file in one IndexedDB transaction, so a
   * failure at any point (a refused record, a full disk) leaves nothing of it stored.
   */
  private async store(mapped: MappedCsv, fileName: string, plan: ImportPlan, how: 'new' | 'merge' | 'replace'): Promise<void> {
    const t = importText(this);
    try {
      this.step({ kind: 'storing', done: 0, total: 0 });
      await demoClient().importDataset(mapped.dataset, (progress) => this.step({ kind: 'storing', ...progress }));
      localStorage.removeItem(EMPTY_KEY);
      this.report = { mapped, fileName, plan, how };
    } catch (error) {
      this.csvError = t('failedNothingStored', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.step(undefined);
      void this.refresh();
    }
  }

  private renderReport({ mapped, fileName, plan, how }: NonNullable<DemoDataScreen['report']>) {
    const t = importText(this);
    const { report, outcome } = mapped;
    return html`
      <div class="report" data-testid="import-report" role="status">
        ${t('report', {
          rows: this.count(mapped.rows), file: fileName, objectType: t(`object.${report.objectType}`),
          columns: this.count(report.columns.length + report.mapped.length), ids: report.idColumn ? `“${report.idColumn}”` : t('rowNumbers'),
        })}
        ${t(`stored.${how}`, { created: plan.created, updated: plan.updated, kept: plan.kept })}
        ${report.history > 0 ? html` ${t('history', { n: this.count(report.history) })}` : nothing}
        ${outcome ? html` ${t('reportOutcome', {
          column: outcome.column, converted: this.count(outcome.converted), notConverted: this.count(outcome.notConverted),
          unknown: outcome.unknown > 0 ? t('unknown', { n: this.count(outcome.unknown) }) : '',
        })}` : nothing}
        ${report.unreadable.length > 0 ? html`<br>${t('leftOut', { n: this.count(report.unreadable.length) })}` : nothing}
      </div>
    `;
  }

  // ── Reset ───────────────────────────────────────────────────────────────────────────────────

  private renderReset() {
    const t = dataText(this);
    return html`
      <section aria-labelledby="reset-title">
        <h2 id="reset-title">${t('resetTitle')}</h2>
        <p class="hint">${t('resetHint')}</p>
        <button class="danger" data-testid="reset" ?disabled=${this.run.running} @click=${() => { this.confirmReset = true; }}>${t('reset')}</button>
        ${this.confirmReset ? html`
          <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
            <strong id="reset-question">${t('resetQuestion')}</strong>
            <div class="row">
              <button class="danger" data-testid="reset-confirm" @click=${this.reset}>${t('resetConfirm')}</button>
              <button data-testid="reset-cancel" @click=${() => { this.confirmReset = false; }}>${t('cancel')}</button>
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
