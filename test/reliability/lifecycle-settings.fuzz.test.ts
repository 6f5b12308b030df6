// Issue 16: every lifecycle settings document (stages, lead statuses, automations, score rules,
// time rules) is either refused with issues at a path, each message starting with it, or accepted
// and usable: replayed through the lifecycle on a small dataset it gives stages of its pipelines,
// finite figures and finite times for its rules. Never a thrown error, a garbled message or a
// changed prototype. LEADSCORE_FUZZ_RUNS sets the cases (2,000 in npm test, 10,000 in npm run test:reliability).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreRuleFires, timeRuleDueAt, timeRuleMatches } from '../../packages/worker/src/lifecycle/automation-rules.ts';
import { recordLifecycle } from '../../packages/worker/src/lifecycle/record-lifecycle.ts';
import { validateLifecycleSettings, type LifecycleSettings } from '../../packages/worker/src/lifecycle/settings.ts';
import { inputLimits } from '../../packages/worker/src/model/input-limits.ts';
import type { CrmRecord, PropertyChange } from '../../packages/worker/src/model/dataset.ts';
import { replaceOne } from './replace-one.ts';

const RUNS = Number(process.env.LEADSCORE_FUZZ_RUNS ?? 2_000);
const DAY = 86_400_000;
const asOf = Date.UTC(2026, 3, 1);

/** Valid settings to break: custom pipelines, every automation, score and time rules. */
const validSettings = [
  {},
  {
    stages: { contact: [{ id: 'new', label: 'New' }, { id: 'lead', label: 'Lead' }, { id: 'won', label: 'Won' }], company: [{ id: 'prospect', label: 'Prospect' }, { id: 'client', label: 'Client' }] },
    leadStatuses: [{ id: 'OPEN', label: 'Open' }, { id: 'DONE', label: 'Done' }],
    automations: { onCreation: { enabled: true, stages: { form: 'lead', subscription: 'new' } }, dealCreated: { enabled: false }, dealWon: { enabled: true, property: 'dealstage', wonValues: ['closedwon', 'won'] }, companyFollowsContacts: { enabled: true } },
    scoreRules: [
      { id: 'mql', definitionId: 'engagement', when: { atLeast: 50 }, condition: { property: 'hs_lead_status', operator: 'is_unknown' }, actions: [{ type: 'setStage', stage: 'lead' }, { type: 'setLeadStatus', value: 'OPEN' }] },
      { id: 'hot-deal', objectType: 'deal', definitionId: 'deal-fit', when: { label: 'high' }, actions: [{ type: 'emit', event: 'notify', data: { to: 'owner', level: 2, urgent: true, note: null } }] },
    ],
    timeRules: [
      { id: 'follow-up', stage: 'lead', measure: 'date_entered', moreThanDays: 5, actions: [{ type: 'emit', event: 'task' }] },
      { id: 'long-stay', objectType: 'company', stage: 'prospect', measure: 'cumulative_time_in', moreThanDays: 0.5, actions: [{ type: 'setStage', stage: 'client' }] },
    ],
  },
  {
    leadStatuses: [{ id: 'A', label: 'A' }],
    scoreRules: [{ id: 'r', enabled: false, definitionId: 'd', when: { atLeast: -3 }, actions: [{ type: 'setLeadStatus', value: 'A' }] }],
    timeRules: [{ id: 't', stage: 'customer', measure: 'latest_time_in', moreThanDays: 30, actions: [{ type: 'setStage', stage: 'evangelist' }] }],
  },
];

/** Values a hostile or careless caller sends; drawn once into a pool, as drawing costs more than a case. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -0, -1, 1.8e308, -1.8e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e300, NaN, Infinity, -Infinity, '', ' ', 'NaN', 'Infinity', '1e999', '-0', '\u0000', [], {}),
  fc.constantFrom('x'.repeat(100_000), 'a', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(1_000), 'a b', 'ü', '__proto__', 'constructor'),
  fc.constantFrom(JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'), Object.create(null), nested(5_000)),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

const hostilePool = fc.constantFrom(...fc.sample(hostileValue, { numRuns: 1_000, seed: 16 }));

/** `{ "a": { "a": … } }` `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** The settings with a key added at the top, as JSON.parse makes it: "__proto__" an own key too. */
function withKey(settings: object, key: string): unknown {
  const rest = JSON.stringify(settings).slice(1);
  return JSON.parse(`{${JSON.stringify(key)}: 1${rest === '}' ? '' : ','}${rest}`);
}

function expectClearIssues(issues: readonly { path: string; message: string }[]): void {
  if (issues.length === 0) throw new Error('refused without issues');
  for (const issue of issues) {
    if (typeof issue.path !== 'string' || !issue.message.startsWith(issue.path === '' ? 'settings' : issue.path)) throw new Error(`message not at its path: ${JSON.stringify(issue)}`);
    if (/\bundefined\b|\[object |\bNaN\b|Infinity|function |=>/.test(issue.message.slice(issue.path.length).replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new Error(`garbled: ${issue.message}`);
  }
}

/** A few contacts and companies with stage histories that name stages of any pipeline. */
function datasetFor(settings: LifecycleSettings): { records: CrmRecord[]; changes: PropertyChange[] } {
  const contactStages = settings.stages.contact.map((stage) => stage.id);
  const companyStages = settings.stages.company.map((stage) => stage.id);
  const records: CrmRecord[] = [
    { id: 'c1', objectType: 'contact', createdAt: '2026-01-01T00:00:00Z', properties: { lifecyclestage: contactStages.at(-1)!, hs_lead_status: settings.leadStatuses[0]!.id } },
    { id: 'c2', objectType: 'contact', createdAt: '2026-02-01T00:00:00Z', properties: {} },
    { id: 'co1', objectType: 'company', properties: { lifecyclestage: companyStages[0]! } },
  ];
  const changes: PropertyChange[] = [
    ...contactStages.map((stage, i) => ({ recordId: 'c2', property: 'lifecyclestage', value: stage, at: new Date(Date.UTC(2026, 1, 2 + i * 3)).toISOString(), source: i % 2 === 0 ? 'form' : 'manual' })),
    { recordId: 'c2', property: 'lifecyclestage', value: 'no-such-stage', at: '2026-03-01T00:00:00Z', source: 'api' },
    ...companyStages.map((stage, i) => ({ recordId: 'co1', property: 'lifecyclestage', value: stage, at: new Date(Date.UTC(2026, 0, 10 + i)).toISOString(), source: 'import' })),
  ];
  return { records, changes };
}

/** Accepted settings work: every record's stage is one of its pipeline's, every figure and rule time finite. */
function expectUsable(settings: LifecycleSettings): void {
  const { records, changes } = datasetFor(settings);
  for (const record of records) {
    const lifecycle = recordLifecycle(record, changes, settings, asOf);
    const stages = (record.objectType === 'company' ? settings.stages.company : settings.stages.contact).map((stage) => stage.id);
    if (lifecycle.stage !== null && !stages.includes(lifecycle.stage)) throw new Error(`${record.id} is at "${lifecycle.stage}", not a stage of its pipeline`);
    for (const [name, value] of Object.entries(lifecycle.properties)) {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${record.id}.${name} = ${value}`);
      if (typeof value === 'string' && Number.isNaN(Date.parse(value))) throw new Error(`${record.id}.${name} = ${value}`);
    }
    for (const rule of settings.timeRules) {
      if (rule.objectType !== record.objectType) continue;
      const subject = { stage: lifecycle.stage, figures: lifecycle.figures.get(rule.stage) };
      const due = timeRuleDueAt(rule, subject, asOf);
      if (due !== null && !(Number.isFinite(due) && due > asOf && due <= inputLimits.lastInstant)) throw new Error(`time rule ${rule.id} due at ${due}`);
      timeRuleMatches(rule, subject, asOf);
    }
  }
  // Each time rule on a record that entered its stage a day ago: due within the years a date can write.
  for (const rule of settings.timeRules) {
    const due = timeRuleDueAt(rule, { stage: rule.stage, figures: { dateEntered: asOf - DAY } }, asOf);
    if (due !== null && !(Number.isFinite(due) && due > asOf && due <= inputLimits.lastInstant)) throw new Error(`time rule ${rule.id} due at ${due}`);
  }
  for (const rule of settings.scoreRules) {
    scoreRuleFires(rule, null, { value: 60, label: 'high' });
    scoreRuleFires(rule, { value: 10, label: 'low' }, { value: null, label: null });
  }
}

/** The valid settings with one number in them (a threshold, a number of days) made extreme. */
const numberLeafReplaced = fc.tuple(fc.constantFrom(validSettings[1], validSettings[2]), fc.nat(), fc.constantFrom(1e300, 1.8e308, Number.MAX_VALUE, -1e300, 1e-300, 100_000, 100_001, 1_000_000, 1_000_001))
  .map(([settings, pick, value]) => {
    const copy = structuredClone(settings) as { timeRules: { moreThanDays: number }[]; scoreRules: { when: { atLeast?: number } }[] };
    const places = [...copy.timeRules.map((rule) => (v: number) => { rule.moreThanDays = v; }), ...copy.scoreRules.filter((rule) => 'atLeast' in rule.when).map((rule) => (v: number) => { rule.when.atLeast = v; })];
    places[pick % places.length]!(value);
    return copy;
  });

describe('validateLifecycleSettings', () => {
  it(`refuses clearly or accepts what works (${RUNS} cases)`, () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).length;
    const input = fc.oneof(
      { weight: 1, arbitrary: hostilePool },
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...validSettings), fc.nat(), hostilePool).map(([settings, pick, value]) => replaceOne(settings, pick, value).value) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...validSettings), fc.constantFrom('__proto__', 'constructor', 'extra', 'stages')).map(([settings, key]) => withKey(settings, key)) },
    );
    fc.assert(fc.property(fc.oneof(input, numberLeafReplaced), (settings) => {
      const checked = validateLifecycleSettings(settings);
      if (checked.ok) expectUsable(checked.value);
      else expectClearIssues(checked.issues);
      if (Object.getOwnPropertyNames(Object.prototype).length !== prototypeKeys || 'polluted' in {}) throw new Error('Object.prototype changed');
    }), { numRuns: RUNS, seed: 16 });
  }, 600_000);

  it('holds ids, labels, lists and numbers of days to the limits of model/input-limits.ts', () => {
    const issuesOf = (settings: unknown) => {
      const checked = validateLifecycleSettings(settings);
      return checked.ok ? [] : checked.issues.map((issue) => issue.message);
    };
    const rule = (moreThanDays: number) => ({ timeRules: [{ id: 't', stage: 'lead', measure: 'date_entered', moreThanDays, actions: [{ type: 'emit', event: 'x' }] }] });
    expect(issuesOf(rule(100_000))).toEqual([]);
    expect(issuesOf(rule(100_001))).toEqual(['timeRules[0].moreThanDays must be at most 100000']);
    expect(issuesOf(rule(1e300))).toEqual(['timeRules[0].moreThanDays must be at most 100000']);
    expect(issuesOf({ leadStatuses: [{ id: 'a'.repeat(64), label: 'A' }] })).toEqual([]);
    expect(issuesOf({ leadStatuses: [{ id: 'a'.repeat(65), label: 'A' }] })).toEqual(['leadStatuses[0].id must be at most 64 characters (it becomes part of property names)']);
    expect(issuesOf({ leadStatuses: [{ id: 'a', label: 'x'.repeat(201) }] })).toEqual(['leadStatuses[0].label must be at most 200 characters']);
    expect(issuesOf({ leadStatuses: Array.from({ length: 100 }, (_, i) => ({ id: `s${i}`, label: 'S' })) })).toEqual([]);
    expect(issuesOf({ leadStatuses: Array.from({ length: 101 }, (_, i) => ({ id: `s${i}`, label: 'S' })) })).toEqual(['leadStatuses must have at most 100 items']);
    expect(issuesOf({ scoreRules: [{ id: 'r', definitionId: 'd', when: { atLeast: 1_000_001 }, actions: [{ type: 'emit', event: 'x' }] }] })).toEqual(['scoreRules[0].when.atLeast must be at most 1000000']);
    expect(issuesOf({ timeRules: Array.from({ length: 1_001 }, (_, i) => ({ ...rule(1).timeRules[0], id: `t${i}` })) })).toEqual(['timeRules must have at most 1000 items']);
  });

  it('the valid settings are accepted and usable', () => {
    for (const settings of validSettings) {
      const checked = validateLifecycleSettings(settings);
      expect(checked.ok).toBe(true);
      if (checked.ok) expectUsable(checked.value);
    }
  });
});
