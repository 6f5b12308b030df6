// The client and the scoring worker together, in Chromium: round trips through comlink into the
// service and IndexedDB, errors with their codes, notices, and a worker that dies mid-session.
import { expect } from '@esm-bundle/chai';
import { createClient, LeadscoreError, type ChangeNotice, type Dataset, type Definition, type LeadscoreClient } from '../src/index.ts';

const startWorker = () => new Worker(new URL('../../worker/src/worker.ts', import.meta.url), { type: 'module' });

/** scoring.md §2.5: sales limit 60 (call 15, booked 10, done 20), marketing limit 40 (cta 6, open 2, click 5). */
const definition: Definition = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [
    { id: 'sales', limit: 60, rules: [
      { id: 'call', type: 'event', event: 'call_started', points: 15 },
      { id: 'booked', type: 'event', event: 'meeting_booked', points: 10 },
      { id: 'done', type: 'event', event: 'meeting_completed', points: 20 },
    ] },
    { id: 'marketing', limit: 40, rules: [
      { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
      { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
      { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
    ] },
  ],
  thresholds: { high: 70, medium: 40 },
};

const now = Date.now();
const recent = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

function dataset(): Dataset {
  return {
    records: [
      { id: 'c1', objectType: 'contact', associations: { primaryCompany: 'co1' } },
      { id: 'c2', objectType: 'contact' },
      { id: 'co1', objectType: 'company' },
    ],
    events: [
      { id: 'e1', recordId: 'c1', type: 'meeting_booked', occurredAt: recent(50) },
      { id: 'e2', recordId: 'c1', type: 'marketing_email_open', occurredAt: recent(40) },
      { id: 'e3', recordId: 'c1', type: 'marketing_email_open', occurredAt: recent(30) },
      { id: 'e4', recordId: 'c1', type: 'marketing_email_click', occurredAt: recent(20) },
      { id: 'e5', recordId: 'c1', type: 'marketing_email_click', occurredAt: recent(10) },
      { id: 'e6', recordId: 'c1', type: 'marketing_email_click', occurredAt: recent(5) },
    ],
  };
}

let dbCount = 0;
const clients: LeadscoreClient[] = [];

function open(dbName: string, createWorker = startWorker): LeadscoreClient {
  const client = createClient({ dbName, createWorker });
  clients.push(client);
  return client;
}

/** Subscribes, and resolves once subscribed, to a promise of the first notice `wanted` accepts. */
async function nextNotice(client: LeadscoreClient, target: Parameters<LeadscoreClient['subscribe']>[0], wanted: (notice: ChangeNotice) => boolean): Promise<{ notice: Promise<ChangeNotice> }> {
  let resolve: (notice: ChangeNotice) => void = () => undefined;
  const notice = new Promise<ChangeNotice>((done) => (resolve = done));
  await client.subscribe(target, (notices) => {
    const found = notices.find(wanted);
    if (found) resolve(found);
  });
  // Wrapped: an async function returning a promise would wait for it.
  return { notice };
}

async function rejection(promise: Promise<unknown>): Promise<LeadscoreError> {
  try {
    await promise;
  } catch (error) {
    return error as LeadscoreError;
  }
  throw new Error('expected the call to reject');
}

describe('@leadscore/sdk createClient with the scoring worker', () => {
  let dbName: string;
  beforeEach(() => {
    dbName = `leadscore-sdk-test-${Date.now()}-${dbCount++}`;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    indexedDB.deleteDatabase(dbName);
  });

  it('activates a definition retroactively and reads the §2.5 scores: sales 10, marketing 19, total 29', async () => {
    const client = open(dbName);
    await client.importDataset(dataset());
    const draft = await client.saveDraft(definition);
    expect(draft).to.include({ id: 'engagement', status: 'draft', version: 1 });
    const progress: number[] = [];
    const active = await client.activate('engagement', (p) => progress.push(p.done));
    expect(active.status).to.equal('active');
    expect(progress.at(-1)).to.equal(2);
    const [score] = await client.getScores('c1');
    expect(score!.value).to.equal(29);
    expect(score!.label).to.equal('low');
    expect(score!.groups.map((group) => group.value)).to.deep.equal([10, 19]);
    const history = await client.getHistory('c1');
    expect(history.map((change) => [change.oldValue, change.newValue, change.cause.kind])).to.deep.equal([[null, 29, 'definition']]);
  });

  it('re-scores a contact when an event is tracked and notifies its subscriber', async () => {
    const client = open(dbName);
    await client.importDataset(dataset());
    await client.saveDraft(definition);
    await client.activate('engagement');
    const { notice } = await nextNotice(client, { recordId: 'c1' }, (n) => n.type === 'score');
    const receipt = await client.trackEvents([{ id: 'e7', recordId: 'c1', type: 'call_started', occurredAt: recent(1) }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 1 });
    expect(await notice).to.deep.include({ type: 'score', recordId: 'c1', value: 44 });
    const history = await client.getHistory('c1', 'engagement');
    expect(history[0]).to.deep.include({ oldValue: 29, newValue: 44, cause: { kind: 'event', ref: 'e7' } });
  });

  it('rejects a batch with one bad event whole, naming the item, and stores none of it', async () => {
    const client = open(dbName);
    await client.importDataset(dataset());
    const error = await rejection(client.trackEvents([
      { id: 'e8', recordId: 'c2', type: 'page_view', occurredAt: recent(1) },
      { id: 'e9', recordId: 'c2', type: 'page_view', occurredAt: 'yesterday' },
    ]));
    expect(error).to.be.instanceOf(LeadscoreError);
    expect(error.code).to.equal('invalid_input');
    expect(error.items.map((item) => item.index)).to.deep.equal([1]);
    const stored = await client.exportDataset();
    expect(stored.events?.filter((event) => event.recordId === 'c2')).to.deep.equal([]);
  });

  it('reports an invalid definition with the validation issues and their paths', async () => {
    const client = open(dbName);
    const broken = { ...definition, groups: [{ ...definition.groups[0]!, decay: { percent: 50, everyMonths: 2 } }] } as unknown as Definition;
    const error = await rejection(client.saveDraft(broken));
    expect(error.code).to.equal('invalid_input');
    expect(error.issues.map((issue) => issue.message)).to.include('groups[0].decay.everyMonths must be 1, 3, 6 or 12');
  });

  it('says not_found for a definition that does not exist', async () => {
    const error = await rejection(open(dbName).activate('nope'));
    expect(error.code).to.equal('not_found');
  });

  it('lets a second client on the same database see the first one\'s writes and notices', async () => {
    const first = open(dbName);
    const second = open(dbName);
    await first.importDataset(dataset());
    await first.saveDraft(definition);
    await first.activate('engagement');
    const { notice } = await nextNotice(second, 'all', (n) => n.type === 'score' && 'recordId' in n && n.recordId === 'c1');
    await first.trackEvents([{ id: 'e10', recordId: 'c1', type: 'meeting_completed', occurredAt: recent(1) }]);
    expect(await notice).to.deep.include({ recordId: 'c1', value: 49 });
    const [score] = await second.getScores('c1');
    expect(score!.value).to.equal(49);
  });

  it('restarts a worker that died mid-session and loses no acknowledged write', async () => {
    const workers: Worker[] = [];
    const client = open(dbName, () => {
      const worker = startWorker();
      workers.push(worker);
      return worker;
    });
    await client.importDataset(dataset());
    workers[0]!.terminate();
    const exported = await client.exportDataset();
    expect(exported.records.map((record) => record.id).sort()).to.deep.equal(['c1', 'c2', 'co1']);
    expect(workers.length).to.equal(2);
  });

  it('rejects calls after close with code closed', async () => {
    const client = open(dbName);
    await client.listDefinitions();
    await client.close();
    const error = await rejection(client.listDefinitions());
    expect(error.code).to.equal('closed');
  });
});
