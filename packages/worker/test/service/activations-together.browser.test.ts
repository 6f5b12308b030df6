// Activations asked for together share one pass over the records (service/activation.ts,
// `rescoreTogether`): one set of batch transactions, each writing every definition's rows as its
// own activation would. What is stored must be what activating them one after another stores, a
// definition that reads another's score must still score after it, and one activation failing
// must leave the others' state as if it had run alone.
import { expect } from '@esm-bundle/chai';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { openStore } from '../../src/store/store.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

/** 10 points a meeting: contact i scores 10 × (i mod 4). */
const meetings: Definition = {
  id: 'meetings', name: 'Meetings', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'booked', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 10 }] }],
};
/** 5 points a form: contact i scores 5 × (i mod 3). */
const forms: Definition = {
  id: 'forms', name: 'Forms', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'filled', rules: [{ id: 'form', type: 'event', event: 'form_submitted', points: 5 }] }],
};
/** Reads the meetings score: 7 points from 20 on, so contact i scores 7 when i mod 4 ≥ 2. */
const busy: Definition = {
  id: 'busy', name: 'Busy', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'busy', rules: [{ id: 'busy', type: 'property', condition: { property: 'meetings', operator: 'gte', value: 20 }, points: 7 }] }],
};
const now = Date.parse('2026-06-01T00:00:00Z');
const contactId = (i: number) => `c${String(i).padStart(4, '0')}`;
const contacts = 1_000;

function dataset() {
  const records = Array.from({ length: contacts }, (_, i) => ({ id: contactId(i), objectType: 'contact' as const }));
  const events = records.flatMap((record, i) => [
    ...Array.from({ length: i % 4 }, (_, k) => ({ id: `m-${i}-${k}`, recordId: record.id, type: 'meeting_booked', occurredAt: '2026-05-20T10:00:00Z' })),
    ...Array.from({ length: i % 3 }, (_, k) => ({ id: `f-${i}-${k}`, recordId: record.id, type: 'form_submitted', occurredAt: '2026-05-21T10:00:00Z' })),
  ]);
  return { records, events };
}

async function imported(definitions: readonly Definition[]): Promise<{ service: LeadscoreService; dbName: string }> {
  const dbName = uniqueName('together');
  const service = new LeadscoreService({ now: () => now, batchSize: 100 });
  await service.open({ dbName });
  await service.importDataset(dataset());
  for (const definition of definitions) await service.saveDraft(definition);
  return { service, dbName };
}

/** Counts the read-write transactions opened while `work` runs. */
async function writeTransactions(work: () => Promise<unknown>): Promise<number> {
  const open = IDBDatabase.prototype.transaction;
  let count = 0;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof open>) {
    if (args[1] === 'readwrite') count++;
    return open.apply(this, args);
  } as typeof open;
  try {
    await work();
  } finally {
    IDBDatabase.prototype.transaction = open;
  }
  return count;
}

/** Everything stored of the definitions' scores: rows, each record's history (without its write order), the value order. */
async function storedState(dbName: string, definitionIds: readonly string[]) {
  const store = await openStore(dbName);
  try {
    const state: Record<string, unknown> = {};
    for (const definitionId of definitionIds) {
      state[`${definitionId} rows`] = await store.scores.ofDefinition(definitionId);
      state[`${definitionId} by value`] = (await store.scores.page({ definitionId, limit: contacts })).rows.map((row) => row.recordId);
    }
    const history = [];
    for (let i = 0; i < contacts; i++) {
      const { changes } = await store.scoreHistory.forRecord(contactId(i));
      history.push(...changes.map(({ seq: _seq, ...change }) => change).sort((a, b) => (a.definitionId < b.definitionId ? -1 : 1)));
    }
    state.history = history;
    state.pending = (await store.meta.get('pendingActivations')) ?? {};
    return state;
  } finally {
    store.close();
  }
}

describe('activations asked for together', () => {
  afterEach(cleanUp);

  it('store what one after another stores, in fewer transactions; a reader scores after what it reads', async function () {
    this.timeout(120_000);
    const definitions = [meetings, forms, busy];
    const ids = definitions.map((definition) => definition.id);
    const apart = await imported(definitions);
    const together = await imported(definitions);
    try {
      const apartWrites = await writeTransactions(async () => {
        for (const id of ids) await apart.service.activate(id);
      });
      const progress: string[] = [];
      const togetherWrites = await writeTransactions(() => Promise.all(ids.map((id) => together.service.activate(id, (step) => progress.push(`${id} ${step.done}`)))));
      // Batches of 100, 200, 400 and 300: each activation reports each.
      for (const id of ids) expect(progress.filter((step) => step.startsWith(`${id} `)), id).to.deep.equal([0, 100, 300, 700, 1_000].map((done) => `${id} ${done}`));
      // Meetings and forms in one pass of 4 batches, busy (which reads meetings) in one after it.
      expect(togetherWrites).to.be.lessThan(apartWrites - 3);

      const expected = await storedState(apart.dbName, ids);
      expect(await storedState(together.dbName, ids)).to.deep.equal(expected);
      // And what that is, by hand, on a few contacts.
      for (const i of [0, 1, 2, 3, 998, 999]) {
        const scores = await together.service.getScores(contactId(i));
        const values = Object.fromEntries(scores.map((score) => [score.definitionId, score.value]));
        expect(values, contactId(i)).to.deep.equal({ meetings: 10 * (i % 4), forms: 5 * (i % 3), busy: i % 4 >= 2 ? 7 : 0 });
      }
      expect(expected.pending).to.deep.equal({});
    } finally {
      await apart.service.close();
      await together.service.close();
    }
  });

  it('one failing (deactivated meanwhile) leaves the other as if it had run alone', async function () {
    this.timeout(120_000);
    const { service, dbName } = await imported([meetings, forms]);
    try {
      let deactivating: Promise<unknown> | undefined;
      const [meetingsRun, formsRun] = await Promise.allSettled([
        service.activate(meetings.id, (step) => {
          // After the first batch of both: forms is deactivated before the second.
          if (step.done === 100) deactivating ??= service.deactivate(forms.id);
        }),
        service.activate(forms.id),
      ]);
      await deactivating;
      expect(meetingsRun.status).to.equal('fulfilled');
      expect(formsRun.status === 'rejected' && (formsRun.reason as { code?: string }).code).to.equal('conflict');
      const state = await storedState(dbName, [meetings.id, forms.id]);
      const rows = state['meetings rows'] as { recordId: string; value: number }[];
      expect(rows.map((row) => [row.recordId, row.value])).to.deep.equal(Array.from({ length: contacts }, (_, i) => [contactId(i), 10 * (i % 4)]));
      // Deactivated: none of its scores kept (§9.2), nothing left pending.
      expect(state['forms rows']).to.deep.equal([]);
      expect(state.pending).to.deep.equal({});
      // Each meetings change once, from none; forms' changes as its deactivation left them.
      const history = state.history as { definitionId: string; recordId: string; oldValue: number | null; newValue: number | null }[];
      expect(history.filter((change) => change.definitionId === 'meetings').map((change) => [change.recordId, change.oldValue, change.newValue]))
        .to.deep.equal(Array.from({ length: contacts }, (_, i) => [contactId(i), null, 10 * (i % 4)]));
      expect((await service.getDistribution(meetings.id)).scored).to.equal(contacts);
    } finally {
      await service.close();
    }
  });
});
