// docs/lifecycle-reports.md through the client and the worker: the funnel and the time in stage of
// four contacts whose histories are stored by setLifecycle, every figure worked out by hand
// (packages/worker/test/lifecycle/lifecycle-reports.test.ts has the same histories); progress; the
// argument checks.
import { expect } from '@esm-bundle/chai';
import type { LeadscoreClient, LifecycleReportProgress } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, open, rejection } from './helpers.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS).toISOString();

async function fourContacts(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.upsertRecords(['a', 'b', 'c', 'd'].map((id) => ({ id, objectType: 'contact' as const })));
  await client.upsertRecords([{ id: 'co1', objectType: 'company' }]);
  const changes: [string, string, 'form' | 'workflow' | 'api' | 'import' | 'integration' | 'manual', number][] = [
    ['a', 'lead', 'form', 0], ['a', 'marketingqualifiedlead', 'workflow', 2], ['a', 'salesqualifiedlead', 'api', 12], ['a', 'customer', 'api', 42],
    ['b', 'subscriber', 'form', 4], ['b', 'lead', 'form', 4.5], ['b', 'subscriber', 'import', 9], ['b', 'opportunity', 'integration', 20],
    ['c', 'lead', 'import', -100], ['c', 'marketingqualifiedlead', 'workflow', 19],
    ['d', 'lead', 'form', 1], ['d', 'marketingqualifiedlead', 'workflow', 3], ['d', 'lead', 'manual', 8], ['d', 'marketingqualifiedlead', 'workflow', 9],
  ];
  const receipt = await client.setLifecycle(changes.map(([recordId, stage, source, at]) => ({ recordId, stage, source, at: day(at) })));
  expect(receipt.refused.map((refused) => `${refused.recordId} ${refused.newValue}`)).to.deep.equal(['b subscriber']);
  return client;
}

describe('lifecycle reports', () => {
  afterEach(cleanUp);

  it('the funnel of January 2026 as of 1 March, and as of 1 February', async () => {
    const client = await fourContacts('funnel');
    const heard: LifecycleReportProgress[] = [];
    const funnel = await client.getLifecycleFunnel({ objectType: 'contact', from: day(0), to: day(31), asOf: day(59) }, (progress) => heard.push(progress));
    expect(heard.at(-1)).to.deep.equal({ done: 4, total: 4 });
    expect({ ...funnel, stages: undefined }).to.deep.equal({ objectType: 'contact', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', asOf: '2026-03-01T00:00:00Z', records: 4, stages: undefined });
    expect(funnel.stages.map((s) => [s.id, s.label, s.entered, s.reachedLater, s.conversion])).to.deep.equal([
      ['subscriber', 'Subscriber', 1, 1, 1],
      ['lead', 'Lead', 3, 3, 1],
      ['marketingqualifiedlead', 'Marketing qualified lead', 3, 1, 1 / 3],
      ['salesqualifiedlead', 'Sales qualified lead', 1, 1, 1],
      ['opportunity', 'Opportunity', 1, 0, 0],
      ['customer', 'Customer', 0, 0, null],
      ['evangelist', 'Evangelist', 0, 0, null],
      ['other', 'Other', 0, null, null],
    ]);
    const before = await client.getLifecycleFunnel({ objectType: 'contact', from: day(0), to: day(31), asOf: day(31) });
    expect(before.stages.find((s) => s.id === 'salesqualifiedlead')).to.deep.include({ entered: 1, reachedLater: 0, conversion: 0 });
  });

  it('time in stage as of 1 March: latest and cumulative, and who is in a stage now', async () => {
    const client = await fourContacts('time');
    const time = await client.getTimeInStage({ objectType: 'contact', asOf: day(59) });
    expect(time.bucketBounds).to.deep.equal([86_400, 604_800, 2_592_000, 7_776_000]);
    const of = (id: string) => time.stages.find((s) => s.id === id)!;
    expect(of('lead')).to.deep.equal({
      id: 'lead', label: 'Lead', current: 0,
      latest: { count: 4, median: 756_000, mean: 2_970_000, buckets: [0, 2, 1, 0, 1] },
      cumulative: { count: 4, median: 799_200, mean: 3_013_200, buckets: [0, 2, 1, 0, 1] },
    });
    expect(of('marketingqualifiedlead')).to.deep.include({ current: 2, latest: { count: 2, median: 648_000, mean: 648_000, buckets: [0, 1, 1, 0, 0] } });
    expect(of('customer')).to.deep.include({ current: 1, latest: { count: 0, median: null, mean: null, buckets: [0, 0, 0, 0, 0] } });
    // The company pipeline is its own: one company, no stage.
    const companies = await client.getTimeInStage({ objectType: 'company', asOf: day(59) });
    expect(companies.records).to.equal(1);
    expect(companies.stages.every((s) => s.current === 0 && s.latest.count === 0)).to.equal(true);
  });

  it('refuses a deal pipeline, an empty period and an unreadable instant, naming the argument', async () => {
    const client = await fourContacts('checks');
    const deal = await rejection(client.getTimeInStage({ objectType: 'deal' as 'contact' }));
    expect([deal.code, deal.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'query.objectType']);
    const empty = await rejection(client.getLifecycleFunnel({ objectType: 'contact', from: day(5), to: day(5) }));
    expect([empty.code, empty.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'query.to']);
    const unreadable = await rejection(client.getLifecycleFunnel({ objectType: 'contact', from: 'last week', to: day(5) }));
    expect([unreadable.code, unreadable.issues?.[0]?.path]).to.deep.equal(['invalid_input', 'query.from']);
  });
});
