// Scores that stay current through the client (scoring.md §9.2, §9.4): a tracked event re-scores
// its contact and the contact's company and nothing else; decay steps re-score by themselves,
// while the client is open (the service's timer) and after it was closed (catch-up on open).
import { expect } from '@esm-bundle/chai';
import type { Dataset, Definition, ScoreNotice } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, nextNotice, open, sleep, startClockWorker, until } from './helpers.ts';

const contactEngagement: Definition = {
  id: 'contact-engagement',
  name: 'Contact engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

/** §6.3: a company's event rules count the events of its associated contacts (all of them by default). */
const companyEngagement: Definition = {
  id: 'company-engagement',
  name: 'Company engagement',
  objectType: 'company',
  kind: 'engagement',
  groups: [{ id: 'forms', limit: 50, rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 5, contacts: 'all' }] }],
};

/** §5.2–5.3: 10 points for a form, halved every month of 30 days. */
const decaying: Definition = {
  id: 'decaying',
  name: 'Decaying forms',
  objectType: 'contact',
  kind: 'engagement',
  groups: [{ id: 'forms', decay: { percent: 50, everyMonths: 1 }, rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function companies(): Dataset {
  return {
    records: [
      { id: 'A', objectType: 'company' },
      { id: 'B', objectType: 'company' },
      { id: 'a1', objectType: 'contact', associations: { primaryCompany: 'A' } },
      { id: 'a2', objectType: 'contact', associations: { companies: ['A'] } },
      { id: 'b1', objectType: 'contact', associations: { primaryCompany: 'B' } },
    ],
    events: [
      { id: 'f1', recordId: 'a1', type: 'form_submission', occurredAt: minutesAgo(30) },
      { id: 'f2', recordId: 'a2', type: 'form_submission', occurredAt: minutesAgo(20) },
      { id: 'f3', recordId: 'a2', type: 'form_submission', occurredAt: minutesAgo(10) },
      { id: 'f4', recordId: 'b1', type: 'form_submission', occurredAt: minutesAgo(5) },
    ],
  };
}

/** One contact with one form submission whose first decay step (30 days later) is `stepInMs` from now. */
function decayingContact(stepInMs: number): { dataset: Dataset; step: number } {
  const occurredAt = Date.now() - 30 * DAY_MS + stepInMs;
  return {
    dataset: {
      records: [{ id: 'c1', objectType: 'contact' }],
      events: [{ id: 'form-1', recordId: 'c1', type: 'form_submission', occurredAt: new Date(occurredAt).toISOString() }],
    },
    step: occurredAt + 30 * DAY_MS,
  };
}

describe('incremental re-scoring after an event', () => {
  afterEach(cleanUp);

  it('moves the contact\'s score and its company\'s, and leaves every other row untouched', async () => {
    const client = open(freshDbName('incremental'));
    await client.importDataset(companies());
    for (const definition of [contactEngagement, companyEngagement]) {
      await client.saveDraft(definition);
      await client.activate(definition.id);
    }
    // a1 1 form (10), a2 2 (20), b1 1 (10); A counts a1's and a2's 3 forms × 5 = 15, B b1's 1 × 5 = 5.
    const value = async (id: string) => (await client.getScores(id))[0]?.value;
    expect([await value('a1'), await value('a2'), await value('b1'), await value('A'), await value('B')]).to.deep.equal([10, 20, 10, 15, 5]);
    const untouched = ['a2', 'b1', 'B'];
    const before = await Promise.all(untouched.map(async (id) => ({ scores: await client.getScores(id), history: await client.getHistory(id) })));

    const { notice } = await nextNotice(client, { recordId: 'A' }, (n) => n.type === 'score');
    const receipt = await client.trackEvents([{ id: 'f5', recordId: 'a1', type: 'form_submission', occurredAt: minutesAgo(1) }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 2 });
    // To the record's subscriber the notice carries the card as it now stands.
    const { card, ...moved } = await notice as ScoreNotice;
    expect(moved).to.deep.equal({ type: 'score', definitionId: 'company-engagement', recordId: 'A', value: 20, label: null, engagement: null, fit: null });
    expect(card!.result).to.deep.include({ recordId: 'A', value: 20 });

    expect(await value('a1')).to.equal(20);
    const [company] = await client.getScores('A');
    expect(company!.value).to.equal(20);
    expect(company!.groups[0]!.rules[0]).to.deep.include({ id: 'form', points: 20, matches: 4 });
    expect(company!.groups[0]!.rules[0]!.events).to.deep.equal(['f5', 'f3', 'f2', 'f1']);

    const shape = (changes: Awaited<ReturnType<typeof client.getHistory>>) => changes.map((c) => [c.definitionId, c.oldValue, c.newValue, c.cause]);
    expect(shape(await client.getHistory('a1'))).to.deep.equal([
      ['contact-engagement', 10, 20, { kind: 'event', ref: 'f5' }],
      ['contact-engagement', null, 10, { kind: 'definition', ref: 'contact-engagement@1' }],
    ]);
    expect(shape(await client.getHistory('A'))).to.deep.equal([
      ['company-engagement', 15, 20, { kind: 'event', ref: 'f5' }],
      ['company-engagement', null, 15, { kind: 'definition', ref: 'company-engagement@1' }],
    ]);
    const after = await Promise.all(untouched.map(async (id) => ({ scores: await client.getScores(id), history: await client.getHistory(id) })));
    expect(after).to.deep.equal(before);
  });

  it('re-scores a company when one of its contacts\' events is tracked again unchanged: nothing moves', async () => {
    const client = open(freshDbName('incremental-repeat'));
    const data = companies();
    await client.importDataset(data);
    await client.saveDraft(companyEngagement);
    await client.activate('company-engagement');
    const receipt = await client.trackEvents([data.events![0]!]);
    expect(receipt).to.deep.equal({ written: 0, rescored: 0 });
    expect((await client.getHistory('A')).length).to.equal(1);
  });
});

describe('time: decay steps', () => {
  afterEach(cleanUp);

  it('re-scores by itself when a decay step passes while the client is open (cause time, at the step)', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('decay-open'));
    const { dataset, step } = decayingContact(4_000);
    await client.importDataset(dataset);
    await client.saveDraft(decaying);
    await client.activate('decaying');
    const [before] = await client.getScores('c1');
    // §5.3: 10 points for days 0–29; the next change is the step at 30 days.
    expect(before!.value).to.equal(10);
    expect(Date.parse(before!.nextChangeAt!)).to.equal(step);

    const { notice } = await nextNotice(client, { recordId: 'c1' }, (n) => n.type === 'score');
    const { card, ...moved } = await notice as ScoreNotice;
    expect(moved).to.deep.equal({ type: 'score', definitionId: 'decaying', recordId: 'c1', value: 5, label: null, engagement: null, fit: null });
    expect(card!.history.points.map((point) => point.value)).to.deep.equal([10, 5]);
    expect(Date.now()).to.be.at.least(step);

    const [after] = await client.getScores('c1');
    expect(after!.value).to.equal(5);
    // The next step, 5 → 0, is another 30 days on (§5.3: 0 points from day 60).
    expect(Date.parse(after!.nextChangeAt!)).to.equal(step + 30 * DAY_MS);
    const history = await client.getHistory('c1', 'decaying');
    expect(history.map((c) => [c.oldValue, c.newValue, c.cause.kind])).to.deep.equal([[10, 5, 'time'], [null, 10, 'definition']]);
    expect(Date.parse(history[0]!.at)).to.equal(step);
  });

  it('catches up on open with a step that passed while the client was closed', async function () {
    this.timeout(30_000);
    const dbName = freshDbName('decay-closed');
    const { dataset, step } = decayingContact(3_000);
    const first = open(dbName);
    await first.importDataset(dataset);
    await first.saveDraft(decaying);
    await first.activate('decaying');
    expect((await first.getScores('c1'))[0]!.value).to.equal(10);
    await first.close();

    await sleep(Math.max(0, step - Date.now()) + 500);
    const second = open(dbName);
    const [score] = await second.getScores('c1');
    expect(score!.value).to.equal(5);
    const history = await second.getHistory('c1');
    expect(history.map((c) => [c.oldValue, c.newValue, c.cause])).to.deep.equal([[10, 5, { kind: 'time' }], [null, 10, { kind: 'definition', ref: 'decaying@1' }]]);
    expect(Date.parse(history[0]!.at)).to.equal(step);
  });

  it('records each step that passed while closed at its own instant (a clock 61 days on: 10 → 5 → 0)', async function () {
    this.timeout(30_000);
    const dbName = freshDbName('decay-replay');
    const occurredAt = Date.parse('2026-01-01T12:00:00Z');
    const now = Date.now();
    // A worker whose clock stands 1 day after the event, then one 61 days after it.
    const first = open(dbName, startClockWorker(occurredAt + DAY_MS - now));
    await first.importDataset({
      records: [{ id: 'c1', objectType: 'contact' }],
      events: [{ id: 'form-1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-01-01T12:00:00Z' }],
    });
    await first.saveDraft(decaying);
    await first.activate('decaying');
    expect((await first.getScores('c1'))[0]!.value).to.equal(10);
    await first.close();

    const second = open(dbName, startClockWorker(occurredAt + 61 * DAY_MS - now));
    const [score] = await second.getScores('c1');
    // §5.2: floor(61 / 30) = 2 steps of 50 % → 0 points, and nothing more can change.
    expect(score!.value).to.equal(0);
    expect(score!.nextChangeAt).to.equal(null);
    const history = await second.getHistory('c1');
    expect(history.map((c) => [c.at, c.oldValue, c.newValue, c.cause.kind])).to.deep.equal([
      ['2026-03-02T12:00:00Z', 5, 0, 'time'],
      ['2026-01-31T12:00:00Z', 10, 5, 'time'],
      [history[2]!.at, null, 10, 'definition'],
    ]);
  });

  it('re-arms the timer after a write brings a step closer', async function () {
    this.timeout(30_000);
    const client = open(freshDbName('decay-rearm'));
    await client.importDataset({ records: [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact' }] });
    await client.saveDraft(decaying);
    await client.activate('decaying');
    // Nothing is scheduled yet; an event now brings a step 2 s away.
    const { step } = decayingContact(2_000);
    const notices: number[] = [];
    await client.subscribe({ recordId: 'c2' }, (batch) => batch.forEach((n) => n.type === 'score' && n.value !== null && notices.push(n.value)));
    await client.trackEvents([{ id: 'form-2', recordId: 'c2', type: 'form_submission', occurredAt: new Date(step - 30 * DAY_MS).toISOString() }]);
    await until(() => notices.length === 2, 15_000);
    expect(notices).to.deep.equal([10, 5]);
  });
});
