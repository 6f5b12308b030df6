import { mostAdvancedStage, scoreRuleFires, timeRuleDueAt, timeRuleMatches, timeRuleOccurrence, type ScoreState } from '../lifecycle/automation-rules.ts';
import { stageFiguresAt } from '../lifecycle/calculated-properties.ts';
import { decideChange, type HistoryEntry, type LifecycleField, type LifecycleValues } from '../lifecycle/history.ts';
import type { AutomationAction, LifecycleSettings, TimeRule } from '../lifecycle/settings.ts';
import { leadStatusProperty, rankOf, stageProperty } from '../lifecycle/stages.ts';
import { recordMeets } from '../engine/record-test.ts';
import type { CrmRecord, PropertyChange } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';
import type { ChangeCause, LifecycleHistoryEntry, RefusedChange } from '../contract/index.ts';
import type { AutomationRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { CauseOf, ServiceContext, WriteScope } from './context.ts';
import { lifecycleSettingsIn } from './lifecycle-settings.ts';
import { affectedBy } from './neighbourhood.ts';
import { rescoreIn } from './rescore.ts';
import { recordWithScores, storedScores } from './score-properties.ts';
import type { ScoreMove } from './store-results.ts';
import { SINCE_ALWAYS } from './upsert-history.ts';

/** A change asked of the lifecycle: by a caller (with its place in the batch) or by an automation. */
export interface LifecycleRequest {
  recordId: string;
  field: LifecycleField;
  value: string | null;
  source: string;
  at: number;
  index?: number;
  /**
   * Decision L8: the default automations ask only for moves they can make; one that would go
   * backward (a customer linked to a new deal) is dropped, not recorded as refused.
   */
  quiet?: boolean;
  /** The score or time rule that asked, and whether as an enrollment of records that already met it (decision L10). */
  ruleId?: string;
  enrollment?: true;
}

const propertyOf: Record<LifecycleField, string> = { stage: stageProperty, leadStatus: leadStatusProperty };

/** Automations that set stages which re-score records whose scores fire rules… stop after this many rounds. */
const MAX_ROUNDS = 4;

/**
 * One write's lifecycle work inside its transaction (lifecycle.md §2, §4, §6): requests are decided
 * in order against the records' current values, refused ones recorded and reported without failing
 * the rest; then, round by round, what the accepted ones set off: companies following their most
 * advanced contact, the time rules of the records that moved, re-scoring, and the score rules the
 * new scores fire. Everything is written in the caller's transaction.
 */
export class LifecycleRun {
  readonly refused: RefusedChange[] = [];
  applied = 0;
  unchanged = 0;
  rescored = 0;
  private readonly records = new Map<string, CrmRecord>();
  /** Each record as it is stored, where this run knows it: one it has not changed since is not written again. */
  private readonly stored = new Map<string, CrmRecord>();
  private readonly histories = new Map<string, HistoryEntry[]>();
  private readonly pending: { recordId: string; entry: HistoryEntry }[] = [];
  private readonly changedProperties: PropertyChange[] = [];
  /** `recordId\u0000property` of each change in `changedProperties`: a lookup, since an import records thousands. */
  private readonly recordedProperties = new Set<string>();
  private readonly touched = new Set<string>();
  private readonly stageMoved = new Set<string>();
  private readonly automationRows = new Map<string, AutomationRow>();
  private readonly queued: LifecycleRequest[] = [];
  private readonly scoreMoves: ScoreMove[] = [];
  /** The records the caller's write makes dirty, with its causes: re-scored with the first round's (`rescoreWithFirstRound`). */
  private callerDirty: { ids: Iterable<string>; causeOf: CauseOf } | undefined;

  private constructor(
    private readonly ctx: ServiceContext,
    private readonly tx: StoreModules,
    private readonly scope: WriteScope,
    readonly settings: LifecycleSettings,
  ) {}

  static async open(ctx: ServiceContext, tx: StoreModules, scope: WriteScope): Promise<LifecycleRun> {
    return new LifecycleRun(ctx, tx, scope, scope.lifecycleSettings ?? await lifecycleSettingsIn(tx));
  }

  /** Records the caller has at hand as they are stored now, so they are not read again. */
  know(records: readonly CrmRecord[]): void {
    for (const record of records) {
      this.records.set(record.id, record);
      this.stored.set(record.id, record);
    }
  }

  /**
   * Records the caller will store itself once their requests are decided (`current`, then `know`):
   * an import writes each record once, with its decided stage, not once before and once after.
   */
  hold(records: readonly CrmRecord[]): void {
    // Not validated yet (the put will refuse what is not a record): only records are held.
    for (const record of records) if (typeof record?.id === 'string') this.records.set(record.id, record);
  }

  /**
   * Records the write creates: they have no lifecycle history to read, since one is written only
   * for a stored record and deleted with it.
   */
  holdNew(recordIds: readonly string[]): void {
    for (const id of recordIds) if (!this.histories.has(id)) this.histories.set(id, []);
  }

  /** Each of `records` as this run has it now (`hold` them first). */
  current(records: readonly CrmRecord[]): CrmRecord[] {
    return records.map((record) => this.records.get(record?.id) ?? record);
  }

  /** Decides requests in order; the accepted ones change the records in memory until `finish`. */
  async decide(requests: readonly LifecycleRequest[]): Promise<void> {
    await this.load(requests.map((request) => request.recordId));
    for (const request of requests) {
      const record = this.records.get(request.recordId);
      if (!record || record.objectType === 'deal') continue;
      const entry = decideChange(this.pipelinesOf(record), valuesOf(record), {
        field: request.field, value: request.value, at: request.at, source: request.source,
        ...(request.ruleId !== undefined ? { ruleId: request.ruleId } : {}), ...(request.enrollment ? { enrollment: true as const } : {}),
      });
      if (!entry) {
        this.unchanged++;
        continue;
      }
      if (entry.refused && request.quiet) continue;
      this.pending.push({ recordId: record.id, entry });
      this.histories.get(record.id)!.push(entry);
      // The instant as text once per entry: its notice and its property change both carry it.
      const json = entryJson(entry);
      this.scope.notices.push({ type: 'lifecycle', recordId: record.id, ...json });
      if (entry.refused) {
        this.refused.push({ index: request.index ?? -1, recordId: record.id, ...json });
        continue;
      }
      this.applied++;
      this.apply(record, entry, json.at);
    }
  }

  /** Property changes the caller has not stored yet, written with the run's own (before them). */
  recordChanges(changes: readonly PropertyChange[]): void {
    for (const change of changes) this.changedProperties.push(change);
  }

  /** Requests from automations run in the next round, after what set them off is written. */
  queue(request: LifecycleRequest): void {
    this.queued.push(request);
  }

  /** Writes everything decided, then runs the automations it sets off until nothing more moves. */
  async finish(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const moved = [...this.touched];
      const stagesMoved = [...this.stageMoved];
      this.touched.clear();
      this.stageMoved.clear();
      await this.followContacts(stagesMoved);
      this.runTimeRulesFor(stagesMoved);
      await this.write(moved);
      const dirty = this.callerDirty;
      this.callerDirty = undefined;
      if ((moved.length > 0 || dirty) && this.scope.active.length > 0) {
        const moves: ScoreMove[] = [];
        const stage: ChangeCause = { kind: 'property', ref: stageProperty };
        const ids = new Map<string, CauseOf>([...(await affectedBy(this.tx, moved, this.scope.hops)).keys()].map((id) => [id, () => stage]));
        // The write's own cause wins where both are due: the record changed, its stage with it.
        for (const id of dirty?.ids ?? []) ids.set(id, dirty!.causeOf);
        this.rescored += await rescoreIn(this.ctx, this.tx, ids.keys(), (id) => ids.get(id)!(id), this.scope, moves);
        this.onScoreMoves(moves);
      }
      await this.fireScoreRules();
      if (this.queued.length === 0) return;
      await this.decide(this.queued.splice(0));
    }
  }

  /**
   * The records a write of records makes dirty, re-scored once in `finish`'s first round with the
   * records whose stages move, after the stages and their histories are written: scored before the
   * run, a new contact would be scored again once the run gives it its stage.
   */
  rescoreWithFirstRound(ids: Iterable<string>, causeOf: CauseOf): void {
    this.callerDirty = { ids, causeOf };
  }

  /** lifecycle.md §6.2: the scores that moved; the score rules they fire run in `finish`. */
  onScoreMoves(moves: readonly ScoreMove[]): void {
    this.scoreMoves.push(...moves);
  }

  /**
   * The deals of §6.1: a deal associated with contacts and companies makes them opportunities; a
   * deal closed won makes them customers (all of them when it is won now, the new ones when it was
   * won before).
   */
  dealAutomations(deals: readonly { won: boolean; wasWon: boolean; linked: readonly string[]; newlyLinked: readonly string[] }[]): void {
    const { dealCreated, dealWon } = this.settings.automations;
    const at = this.ctx.now();
    for (const deal of deals) {
      const won = dealWon.enabled && deal.won;
      const targets = won && !deal.wasWon ? deal.linked : deal.newlyLinked;
      const stage = won ? 'customer' : dealCreated.enabled ? 'opportunity' : null;
      if (stage === null) continue;
      for (const recordId of targets) this.queue({ recordId, field: 'stage', value: stage, source: 'system', at, quiet: true });
    }
  }

  /** A record's lifecycle history as stored plus what this run decided. */
  historyOf(recordId: string): HistoryEntry[] {
    return this.histories.get(recordId) ?? [];
  }

  /**
   * Each score rule fires, as its own automation, on a move that crosses into its threshold while
   * the record meets the rule's condition, read from the record as this run left it with its
   * stored scores as properties (decision D25).
   */
  private async fireScoreRules(): Promise<void> {
    const moves = this.scoreMoves.splice(0);
    const at = this.ctx.now();
    const firing = this.settings.scoreRules.flatMap((rule) => moves
      .filter((move) => move.definitionId === rule.definitionId && scoreRuleFires(rule, move.before, move.after))
      .map((move) => ({ rule, recordId: move.recordId })));
    const tested = [...new Set(firing.filter(({ rule }) => rule.condition !== undefined).map(({ recordId }) => recordId))];
    await this.load(tested);
    const records = tested.map((id) => this.records.get(id)).filter((record): record is CrmRecord => record !== undefined);
    const scores = await storedScores(this.tx, records, this.scope.active.map((row) => row.definition));
    for (const { rule, recordId } of firing) {
      const record = this.records.get(recordId);
      if (rule.condition && !(record && recordMeets(rule.condition, recordWithScores(record, scores.get(recordId)), at))) continue;
      this.act(rule.id, recordId, rule.actions, at, `${at}`);
    }
  }

  /**
   * Decision L10: a rule's actions for records that already meet it, decided now (their changes
   * marked as an enrollment); what they set off runs in `finish`.
   */
  async enroll(ruleId: string, recordIds: readonly string[], actions: readonly AutomationAction[], at: number): Promise<void> {
    for (const recordId of recordIds) this.act(ruleId, recordId, actions, at, `existing:${at}`, true);
    await this.decideQueued();
  }

  /** Decides what automations asked for so far now rather than in `finish`'s next round (an enrollment's progress counts it). */
  async decideQueued(): Promise<void> {
    await this.decide(this.queued.splice(0));
  }

  private act(ruleId: string, recordId: string, actions: readonly AutomationAction[], at: number, occurrence: string, enrollment = false): void {
    const marks = { ruleId, ...(enrollment ? { enrollment: true as const } : {}) };
    for (const action of actions) {
      if (action.type === 'setStage') this.queue({ recordId, field: 'stage', value: action.stage, source: 'workflow', at, ...marks });
      else if (action.type === 'setLeadStatus') this.queue({ recordId, field: 'leadStatus', value: action.value, source: 'workflow', at, ...marks });
      else {
        this.scope.notices.push({
          type: 'automation', id: `${ruleId}:${recordId}:${occurrence}`, ruleId, recordId, event: action.event, at: toIso(at),
          ...(action.data ? { data: action.data } : {}), ...(enrollment ? { enrollment: true as const } : {}),
        });
      }
    }
  }

  /** §6.1: each company of a contact whose stage moved follows its most advanced contact, forward only. */
  private async followContacts(contactIds: readonly string[]): Promise<void> {
    if (!this.settings.automations.companyFollowsContacts.enabled) return;
    const contacts = contactIds.filter((id) => this.records.get(id)?.objectType === 'contact');
    // Read side by side, not one after the other: an import moves the stages of thousands of contacts.
    const companies = new Set<string>();
    // The run's records have their associations as stored (it changes only stages and statuses).
    for (const links of await this.tx.associations.linkedOfMany(contacts, this.records)) {
      for (const link of links) if (link.objectType === 'company' && !link.missing) companies.add(link.id);
    }
    const companyIds = [...companies];
    const memberLinks = await this.tx.associations.linkedOfMany(companyIds, this.records);
    const membersOf = memberLinks.map((links) => links.filter((link) => link.objectType === 'contact' && !link.missing).map((link) => link.id));
    await this.load([...companyIds, ...membersOf.flat()]);
    const at = this.ctx.now();
    for (const [i, companyId] of companyIds.entries()) {
      const members = membersOf[i]!;
      const company = this.records.get(companyId);
      if (!company) continue;
      const stages = this.settings.stages.company;
      const best = mostAdvancedStage(stages, members.map((id) => valuesOf(this.records.get(id)).stage));
      const current = valuesOf(company).stage;
      if (best !== null && (current === null || rankOf(stages, best) > rankOf(stages, current))) {
        this.queue({ recordId: companyId, field: 'stage', value: best, source: 'system', at, quiet: true });
      }
    }
  }

  /**
   * §6.3 for the records whose stage moved: a completed stay long enough fires its rule now; a stay
   * just begun is scheduled for the instant it has lasted N days (catch-up.ts fires it then).
   */
  private runTimeRulesFor(recordIds: readonly string[]): void {
    const now = this.ctx.now();
    for (const recordId of recordIds) {
      const record = this.records.get(recordId);
      if (!record || record.objectType === 'deal') continue;
      for (const rule of this.settings.timeRules) {
        if (rule.objectType !== record.objectType) continue;
        this.evaluateTimeRule(rule, record, now);
      }
    }
  }

  /** Fires the rule if it matches now (once per stay) and keeps its next due instant. */
  evaluateTimeRule(rule: TimeRule, record: CrmRecord, now: number, row?: AutomationRow, enrollment = false): void {
    const key = `${rule.id}\u0000${record.id}`;
    const state: AutomationRow = this.automationRows.get(key) ?? row ?? { ruleId: rule.id, recordId: record.id, fired: [] };
    const figures = stageFiguresAt(this.pipelinesOf(record).stages, this.historyOf(record.id), now);
    const subject = { stage: valuesOf(record).stage, figures: figures.get(rule.stage) };
    const occurrence = timeRuleOccurrence(rule, subject);
    const next: AutomationRow = { ruleId: rule.id, recordId: record.id, fired: state.fired };
    if (timeRuleMatches(rule, subject, now) && occurrence !== undefined && !state.fired.includes(occurrence)) {
      next.fired = [...state.fired, occurrence];
      this.act(rule.id, record.id, rule.actions, now, `${occurrence}`, enrollment);
    }
    const due = timeRuleDueAt(rule, subject, now);
    if (due !== null && !(occurrence !== undefined && next.fired.includes(occurrence))) next.dueAt = due;
    this.automationRows.set(key, next);
  }

  private apply(record: CrmRecord, entry: HistoryEntry, at: string): void {
    const property = propertyOf[entry.field];
    const properties = { ...(record.properties ?? {}) };
    const before = properties[property] ?? null;
    if (entry.newValue === null) delete properties[property];
    else properties[property] = entry.newValue;
    this.records.set(record.id, { ...record, properties });
    // Decision D20's "since always" for a value the record had before any recorded change.
    const key = `${record.id}\u0000${property}`;
    const recorded = this.recordedProperties.has(key);
    this.recordedProperties.add(key);
    if (!recorded && before !== null && this.historyOf(record.id).filter((e) => e.field === entry.field && !e.refused).length === 1) {
      this.changedProperties.push({ recordId: record.id, property, value: before, at: SINCE_ALWAYS, source: 'upsert' });
    }
    this.changedProperties.push({ recordId: record.id, property, value: entry.newValue, at, source: entry.source });
    this.touched.add(record.id);
    if (entry.field === 'stage') this.stageMoved.add(record.id);
  }

  private async write(moved: readonly string[]): Promise<void> {
    const changed = moved.map((id) => this.records.get(id)!).filter((record) => this.stored.get(record.id) !== record);
    if (changed.length > 0) await this.tx.records.put(changed);
    for (const record of changed) this.stored.set(record.id, record);
    // The run holds each history it adds to whole (read in `load`, or none for a new record): written as it is, not read again.
    if (this.pending.length > 0) await this.tx.lifecycleHistory.replaceMany(new Map(this.pending.splice(0).map(({ recordId }) => [recordId, this.historyOf(recordId)])));
    this.recordedProperties.clear();
    if (this.changedProperties.length > 0) await this.tx.propertyHistory.append(this.changedProperties.splice(0));
    if (this.automationRows.size > 0) {
      await this.tx.automations.put([...this.automationRows.values()]);
      this.automationRows.clear();
    }
  }


  /** Reads the records and lifecycle histories of `ids` (once) before rows are evaluated. */
  prepare(ids: readonly string[]): Promise<void> {
    return this.load(ids);
  }

  /** A due row of the time rules' schedule: its rule fires if it still matches; a row whose rule or record is gone is dropped. */
  evaluateDueRow(row: AutomationRow, now: number): void {
    const rule = this.settings.timeRules.find((candidate) => candidate.id === row.ruleId);
    const record = this.records.get(row.recordId);
    if (!rule || !record || rule.objectType !== record.objectType) {
      this.automationRows.set(`${row.ruleId}\u0000${row.recordId}`, { ruleId: row.ruleId, recordId: row.recordId, fired: row.fired });
      return;
    }
    this.evaluateTimeRule(rule, record, now, row);
  }

  private async load(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.records.has(id));
    if (missing.length > 0) {
      const found = await this.tx.records.getMany(missing);
      found.forEach((record) => record && this.records.set(record.id, record));
    }
    const noHistory = [...new Set(ids)].filter((id) => !this.histories.has(id));
    if (noHistory.length > 0) for (const [id, entries] of await this.tx.lifecycleHistory.forRecords(noHistory)) this.histories.set(id, [...entries]);
  }

  private pipelinesOf(record: CrmRecord) {
    return { stages: record.objectType === 'company' ? this.settings.stages.company : this.settings.stages.contact, leadStatuses: this.settings.leadStatuses };
  }
}

/** A record's current stage and lead status: its properties (a stage is text). */
export function valuesOf(record: CrmRecord | undefined): LifecycleValues {
  return { stage: lifecycleText(record?.properties?.[stageProperty]), leadStatus: lifecycleText(record?.properties?.[leadStatusProperty]) };
}

/** A stage or lead status as a record's property gives it: missing (null, "", absent) is null. */
export function lifecycleText(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

export function entryJson(entry: HistoryEntry): LifecycleHistoryEntry {
  return { ...entry, at: toIso(entry.at) };
}

export type { ScoreState };
