// Reads shaped for the screens (issue 13), through the client: a score card in one call, a records
// table of people paged by cursor with filters and sorts on other scores, a description of the data
// for the builder, a definition's report, and the notices that carry the new state. Every expected
// value is worked out by hand from the seven contacts below.
import { expect } from '@esm-bundle/chai';
import type { ChangeNotice, CrmRecord, Dataset, Definition, LeadscoreClient, RecordPage } from '../src/index.ts';
import { engagement as eng, openEvents, start } from './email-opens.ts';
import { cleanUp, collect, freshDbName, open, rejection, until } from './helpers.ts';

const hour = 3_600_000;

/**
 * Who the email-opens contacts are (eng: a 90 high, b 70 high, c 50 medium, d 40 medium, e 20 low,
 * f 0 low; g outside the scope). Job titles under `fit` (CTO 60, Manager 30; high ≥ 50, medium
 * ≥ 25): a, c, f 60 high; b, e 30 medium; d, g 0 low.
 */
const contacts: Record<string, { properties: Record<string, string | number | boolean>; company?: string }> = {
  a: { company: 'co1', properties: { firstname: 'Ann', lastname: 'Archer', email: 'ann@acme.test', lifecyclestage: 'customer', jobtitle: 'CTO', converted: true } },
  b: { company: 'co2', properties: { firstname: 'Bo', lastname: 'Berg', email: 'bo@beta.test', lifecyclestage: 'opportunity', jobtitle: 'Manager', converted: false } },
  c: { properties: { firstname: 'Cy', company: 'Free text Co', lifecyclestage: 'lead', jobtitle: 'CTO', converted: 'yes' } },
  d: { properties: { lifecyclestage: 'lead', converted: 1 } },
  e: { properties: { lifecyclestage: 'subscriber', jobtitle: 'Manager' } },
  f: { properties: { jobtitle: 'CTO' } },
  g: { properties: {} },
};

const fit: Definition = {
  id: 'fit',
  name: 'Fit',
  objectType: 'contact',
  kind: 'fit',
  groups: [{ id: 'role', rules: [
    { id: 'cto', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' }, points: 60 },
    { id: 'manager', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'Manager' }, points: 30 },
  ] }],
  thresholds: { high: 50, medium: 25 },
};

function dataset(): Dataset {
  const records: CrmRecord[] = [
    { id: 'co1', objectType: 'company', properties: { name: 'Acme', employees: 250 } },
    { id: 'co2', objectType: 'company', properties: { name: 'Beta ApS', employees: 12 } },
  ];
  for (const [id, contact] of Object.entries(contacts)) {
    records.push({ id, objectType: 'contact', properties: contact.properties, ...(contact.company ? { associations: { companies: [contact.company], primaryCompany: contact.company } } : {}) });
  }
  const events = [
    ...openEvents((k) => ({ campaign: k % 2 ? 'Summer' : 'Spring' })),
    { id: 'a-form', recordId: 'a', type: 'form_submission', occurredAt: new Date(start).toISOString(), properties: { formName: 'Contact us', pages: 3 } },
  ];
  return {
    records,
    events,
    lists: [
      { id: 'competitors', objectType: 'contact', recordIds: ['g'] },
      { id: 'ctos', name: 'CTOs', objectType: 'contact', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' } },
    ],
    propertyTypes: { contact: { converted: 'boolean' } },
  };
}

const ids = (page: RecordPage) => page.items.map((row) => row.recordId);
const open3 = (id: string, k: number) => ({ id: `${id}-more-${k}`, recordId: id, type: 'marketing_email_open', occurredAt: new Date(start + (20 + k) * hour).toISOString() });

describe('reads shaped for the screens', () => {
  let client: LeadscoreClient;
  let dbName: string;
  beforeEach(async function () {
    this.timeout(30_000);
    dbName = freshDbName('screen-reads');
    client = open(dbName);
    await client.importDataset(dataset());
    for (const definition of [eng, fit]) {
      await client.saveDraft(definition);
      await client.activate(definition.id);
    }
  });
  afterEach(cleanUp);

  describe('getScoreCard', () => {
    it('gives what a card shows in one call: the result with its explanation, the history, the definition', async () => {
      const card = await client.getScoreCard('a', 'eng');
      expect(card).to.deep.include({ recordId: 'a', definitionId: 'eng', status: 'active', version: 1, limit: { min: -100, max: 100 }, labels: ['high', 'medium', 'low'] });
      expect(card.definition).to.deep.equal(eng);
      expect(card.result).to.deep.include({ value: 90, label: 'high', engagement: null, fit: null });
      expect(card.result!.value !== null && card.result!.groups[0]!.rules[0]).to.deep.include({ id: 'open', points: 90, matches: 9 });
      // One change: from nothing to 90 at the activation.
      expect(card.history.changes).to.equal(1);
      expect(card.history.points.map((point) => point.value)).to.deep.equal([90]);
      const combinedLabels = (await client.getScoreCard('a', 'fit')).labels;
      expect(combinedLabels).to.deep.equal(['high', 'medium', 'low']);
    });

    it('shows out of scope, no score yet, a draft, and refuses an unknown definition', async () => {
      expect((await client.getScoreCard('g', 'eng')).result).to.deep.include({ value: null, inScope: false });
      const nobody = await client.getScoreCard('nobody', 'eng');
      expect(nobody.result).to.equal(null);
      expect(nobody.history).to.deep.equal({ changes: 0, points: [] });
      await client.saveDraft({ ...eng, id: 'eng-draft', name: 'Draft' });
      expect(await client.getScoreCard('a', 'eng-draft')).to.deep.include({ status: 'draft', version: 1, result: null });
      expect((await rejection(client.getScoreCard('a', 'nope'))).code).to.equal('not_found');
    });

    it('as of an instant: the score getScores gives then, and the history up to then', async () => {
      // Milliseconds not zero: results write a whole second without them ('…:15Z').
      const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 86_400_000 + 250).toISOString();
      const then = await client.getScoreCard('a', 'eng', { asOf: later });
      expect(then.result).to.deep.include({ value: 90, asOf: later });
      expect(then.history.changes).to.equal(1);
      // Before the definition was first active it gave no score, and its history was empty.
      const before = await client.getScoreCard('a', 'eng', { asOf: '2026-02-01T05:00:00Z' });
      expect(before.result).to.equal(null);
      expect(before.history).to.deep.equal({ changes: 0, points: [] });
      expect((await rejection(client.getScoreCard('a', 'eng', { asOf: 'soon' }))).code).to.equal('invalid_input');
    });
  });

  describe('queryRecords', () => {
    it('gives people, not ids: name, email, company through the primary company, stage with its label', async () => {
      const first = await client.queryRecords({ definitionId: 'eng', limit: 4 });
      expect(ids(first)).to.deep.equal(['a', 'b', 'c', 'd']);
      expect(first.total).to.equal(6);
      expect(first.items[0]).to.deep.equal({
        recordId: 'a', objectType: 'contact', name: 'Ann Archer', email: 'ann@acme.test', company: 'Acme', owner: null,
        stage: { id: 'customer', label: 'Customer' }, value: 90, label: 'high', engagement: null, fit: null, toNext: null, scores: {},
      });
      // Every row names the label ahead, whatever the sort (high ≥ 70, medium ≥ 40): a 90 and b 70 are
      // high, the top; c 50 → high 70 − 50 = 20; d 40 → high 70 − 40 = 30.
      expect(first.items.map((row) => [row.recordId, row.toNext])).to.deep.equal([
        ['a', null], ['b', null], ['c', { label: 'high', points: 20 }], ['d', { label: 'high', points: 30 }],
      ]);
      // No primary company: the record's own `company` text.
      expect(first.items[2]).to.deep.include({ name: 'Cy', email: null, company: 'Free text Co', stage: { id: 'lead', label: 'Lead' } });
      const second = await client.queryRecords({ definitionId: 'eng', limit: 4, cursor: first.next });
      expect(ids(second)).to.deep.equal(['e', 'f']);
      expect(second.items[1]).to.deep.include({ name: null, email: null, company: null, stage: null, value: 0 });
      expect(second.next).to.equal(undefined);
    });

    it('pages by key: a record that moves above the cursor is not read twice', async () => {
      const first = await client.queryRecords({ definitionId: 'eng', limit: 2 });
      expect(ids(first)).to.deep.equal(['a', 'b']);
      // c: 5 opens → 8, 80: now above b (70), before the cursor.
      await client.trackEvents([0, 1, 2].map((k) => open3('c', k)));
      const second = await client.queryRecords({ definitionId: 'eng', limit: 2, cursor: first.next });
      expect(second.items.map((row) => [row.recordId, row.value])).to.deep.equal([['d', 40], ['e', 20]]);
      expect(second.total).to.equal(6);
    });

    it('filters by other scores as properties: <id>, <id>.label', async () => {
      const query = (where: NonNullable<Parameters<LeadscoreClient['queryRecords']>[0]['where']>) => client.queryRecords({ definitionId: 'eng', where });
      const highFit = await query([{ property: 'fit.label', operator: 'eq', value: 'HIGH' }]);
      expect(ids(highFit)).to.deep.equal(['a', 'c', 'f']);
      expect(highFit.total).to.equal(3);
      expect(highFit.items[0]!.scores).to.deep.equal({ 'fit.label': 'high' });
      expect(ids(await query([{ property: 'fit', operator: 'gt', value: 30 }]))).to.deep.equal(['a', 'c', 'f']);
      expect(ids(await query([{ property: 'fit', operator: 'lt', value: 30 }]))).to.deep.equal(['d']);
      expect(ids(await query([{ property: 'fit', operator: 'neq', value: 60 }]))).to.deep.equal(['b', 'd', 'e']);
      expect(ids(await query([{ property: 'fit', operator: 'between', values: [25, 35] }]))).to.deep.equal(['b', 'e']);
      expect(ids(await query([{ property: 'fit', operator: 'gte', value: 30 }, { property: 'fit', operator: 'lte', value: 30 }]))).to.deep.equal(['b', 'e']);
      expect(ids(await query([{ property: 'fit.label', operator: 'is_none_of', values: ['high'] }]))).to.deep.equal(['b', 'd', 'e']);
      const none = await query([{ property: 'fit.label', operator: 'is_unknown' }]);
      expect(none).to.deep.equal({ items: [], total: 0 });
      // The shown score's own label and range, with another score's test.
      const both = await client.queryRecords({ definitionId: 'eng', label: 'medium', where: [{ property: 'fit.label', operator: 'eq', value: 'high' }] });
      expect(ids(both)).to.deep.equal(['c']);
    });

    it('sorts by another score, the shown one\'s label and range still applying, and pages that order', async () => {
      const highByFit = await client.queryRecords({ definitionId: 'eng', label: 'high', sortBy: 'fit', order: 'asc' });
      expect(highByFit.items.map((row) => [row.recordId, row.value, row.scores])).to.deep.equal([['b', 70, { fit: 30 }], ['a', 90, { fit: 60 }]]);
      expect(highByFit.total).to.equal(2);
      // fit, highest first, ties by id from the last: f, c, a (60), e, b (30), d (0); g has no eng score.
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await client.queryRecords({ definitionId: 'eng', sortBy: 'fit', limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.total).to.equal(6);
        pages.push(ids(page));
        cursor = page.next;
      } while (cursor);
      expect(pages).to.deep.equal([['f', 'c'], ['a', 'e'], ['b', 'd']]);
    });

    it('sorts and filters by a combined score\'s engagement and fit', async () => {
      // Opens 10 points each (engagement), job titles as under fit (fit), limit 200 so no value is
      // clamped: a 90 + 60 = 150 A1, b 70 + 30 = 100 B1, c 50 + 60 = 110 A2, d 40 + 0 = 40 C2,
      // e 20 + 30 = 50 B3, f 0 + 60 = 60 A3, g 30 + 0 = 30 C3 (no scope: g is scored).
      await client.saveDraft({
        id: 'both', name: 'Both', objectType: 'contact', kind: 'combined', limit: { max: 200 },
        groups: [...eng.groups, ...fit.groups],
        thresholds: { fit: { high: 50, medium: 25 }, engagement: { high: 70, medium: 40 } },
      });
      await client.activate('both');
      const byFit = await client.queryRecords({ definitionId: 'both', sortBy: 'both.fit' });
      expect(byFit.items.map((row) => [row.recordId, row.fit])).to.deep.equal([['f', 60], ['c', 60], ['a', 60], ['e', 30], ['b', 30], ['g', 0], ['d', 0]]);
      expect(byFit.items[2]).to.deep.include({ value: 150, engagement: 90, fit: 60, label: 'A1', toNext: null, scores: {} });
      // Sorted by fit, each row still names its next combined label (worked out under closest below).
      expect(byFit.items.map((row) => [row.recordId, row.toNext])).to.deep.equal([
        ['f', { label: 'A2', points: 40 }], ['c', { label: 'A1', points: 20 }], ['a', null], ['e', { label: 'A3', points: 20 }],
        ['b', { label: 'A1', points: 20 }], ['g', { label: 'C2', points: 10 }], ['d', { label: 'B2', points: 25 }],
      ]);
      const fitting = await client.queryRecords({ definitionId: 'both', sortBy: 'both.engagement', order: 'asc', where: [{ property: 'both.fit', operator: 'gte', value: 30 }] });
      expect(fitting.items.map((row) => [row.recordId, row.engagement])).to.deep.equal([['f', 0], ['e', 20], ['c', 50], ['b', 70], ['a', 90]]);
      // The shown value's bounds hold when sorting by a dimension: 100 or more.
      const best = await client.queryRecords({ definitionId: 'both', sortBy: 'both.engagement', min: 100, limit: 2 });
      expect(ids(best)).to.deep.equal(['a', 'b']);
      expect(best.total).to.equal(3);
      expect(ids(await client.queryRecords({ definitionId: 'both', sortBy: 'both.engagement', min: 100, limit: 2, cursor: best.next }))).to.deep.equal(['c']);
      // Another score's dimension beside eng: its rows report it.
      const engByFit = await client.queryRecords({ definitionId: 'eng', sortBy: 'both.fit', order: 'asc', limit: 2 });
      expect(engByFit.items.map((row) => [row.recordId, row.scores])).to.deep.equal([['d', { 'both.fit': 0 }], ['b', { 'both.fit': 30 }]]);
      // Closest to the next combined label (issue 18): the cheaper axis, a tie moving fit. g C3: engagement
      // 40 − 30 = 10 (C2); b B1: fit 50 − 30 = 20 (A1); c A2: engagement 70 − 50 = 20 (A1); e B3: 20 on
      // both, fit first (A3); d C2: fit 25 − 0 = 25 (B2) beats engagement 30; f A3: engagement 40 − 0 =
      // 40 (A2); a is A1, the top: last.
      const closest = await client.queryRecords({ definitionId: 'both', sortBy: 'both.toNext' });
      expect(closest.items.map((row) => [row.recordId, row.label, row.scores['both.toNext']])).to.deep.equal([
        ['g', 'C3', 10], ['b', 'B1', 20], ['c', 'A2', 20], ['e', 'B3', 20], ['d', 'C2', 25], ['f', 'A3', 40], ['a', 'A1', null],
      ]);
      // The label each row's points lead to: g C3 → C2 (digit), b B1 → A1 (letter), c A2 → A1 (digit),
      // e B3 → A3 (the tie moves fit), d C2 → B2 (letter), f A3 → A2 (digit); a at A1 has none.
      expect(closest.items.map((row) => [row.recordId, row.toNext])).to.deep.equal([
        ['g', { label: 'C2', points: 10 }], ['b', { label: 'A1', points: 20 }], ['c', { label: 'A1', points: 20 }], ['e', { label: 'A3', points: 20 }],
        ['d', { label: 'B2', points: 25 }], ['f', { label: 'A2', points: 40 }], ['a', null],
      ]);
      // To B1 (fit ≥ 25 and engagement ≥ 70), the sum of both shortfalls: c 0 + 20, e 0 + 50,
      // d 25 + 30 = 55, g 25 + 40 = 65, f 0 + 70; a and b are there already and are left out.
      const toB1 = await client.queryRecords({ definitionId: 'both', sortBy: 'both.toNext', toLabel: 'b1' });
      expect(toB1.items.map((row) => [row.recordId, row.scores['both.toNext']])).to.deep.equal([['c', 20], ['e', 50], ['d', 55], ['g', 65], ['f', 70]]);
      // Each row's toNext is the label aimed at, as the definition spells it (asked as 'b1'), with those points.
      expect(toB1.items.map((row) => row.toNext)).to.deep.equal([20, 50, 55, 65, 70].map((points) => ({ label: 'B1', points })));
      expect(toB1.total).to.equal(5);
    });

    it('sorts by the points to the next label, the closest first, and pages that order (issue 18)', async () => {
      // high ≥ 70, medium ≥ 40: c 50 → 20 to high, e 20 → 20 to medium (a tie: by id), d 40 → 30,
      // f 0 → 40; a 90 and b 70 are high, the top: last, by id.
      const pages: [string, number | string | null, RecordPage['items'][number]['toNext']][][] = [];
      let cursor: string | undefined;
      do {
        const page = await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', limit: 4, ...(cursor ? { cursor } : {}) });
        expect(page.total).to.equal(6);
        pages.push(page.items.map((row) => [row.recordId, row.scores['eng.toNext']!, row.toNext]));
        cursor = page.next;
      } while (cursor);
      // Each row's toNext names the label its points lead to: c 50 and d 40 are medium (→ high), e 20 and f 0 low (→ medium).
      expect(pages).to.deep.equal([
        [['c', 20, { label: 'high', points: 20 }], ['e', 20, { label: 'medium', points: 20 }], ['d', 30, { label: 'high', points: 30 }], ['f', 40, { label: 'medium', points: 40 }]],
        [['a', null, null], ['b', null, null]],
      ]);
      // Descending: the furthest first, ties by id from the last; the top still last.
      const furthest = await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', order: 'desc', limit: 3 });
      expect(ids(furthest)).to.deep.equal(['f', 'd', 'e']);
      expect(ids(await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', order: 'desc', cursor: furthest.next }))).to.deep.equal(['c', 'a', 'b']);
      // To high: 70 − value, the high ones left out; with the shown score's own filters (fit high: a, c, f).
      const toHigh = await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', toLabel: 'high' });
      expect(toHigh.items.map((row) => [row.recordId, row.value, row.scores])).to.deep.equal([['c', 50, { 'eng.toNext': 20 }], ['d', 40, { 'eng.toNext': 30 }], ['e', 20, { 'eng.toNext': 50 }], ['f', 0, { 'eng.toNext': 70 }]]);
      // Aiming at high, e 20 and f 0 are counted to high (50, 70), not to their next label, medium.
      expect(toHigh.items.map((row) => row.toNext)).to.deep.equal([20, 30, 50, 70].map((points) => ({ label: 'high', points })));
      expect(toHigh.total).to.equal(4);
      const fitHigh = await client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', toLabel: 'high', where: [{ property: 'fit.label', operator: 'eq', value: 'high' }] });
      expect(ids(fitHigh)).to.deep.equal(['c', 'f']);
      expect(fitHigh.total).to.equal(2);
      // A next label above the score's max (high ≥ 120, max 100) is none: a 90, b 70, c 50, d 40 are
      // medium with no toNext; e 20 → medium 40 − 20 = 20, f 0 → 40. Without thresholds, none at all.
      const { thresholds: _thresholds, ...bare } = eng;
      for (const definition of [{ ...eng, id: 'far', thresholds: { high: 120, medium: 40 } }, { ...bare, id: 'bare' }]) {
        await client.saveDraft(definition);
        await client.activate(definition.id);
      }
      const far = await client.queryRecords({ definitionId: 'far' });
      expect(far.items.map((row) => [row.recordId, row.label, row.toNext])).to.deep.equal([
        ['a', 'medium', null], ['b', 'medium', null], ['c', 'medium', null], ['d', 'medium', null],
        ['e', 'low', { label: 'medium', points: 20 }], ['f', 'low', { label: 'medium', points: 40 }],
      ]);
      expect((await client.queryRecords({ definitionId: 'bare' })).items.map((row) => row.toNext)).to.deep.equal([null, null, null, null, null, null]);
    });

    it('refuses what it cannot read, in words', async () => {
      const messages = await Promise.all([
        client.queryRecords({ definitionId: 'eng', sortBy: 'fit.label' }),
        client.queryRecords({ definitionId: 'eng', where: [{ property: 'nope', operator: 'eq', value: 1 }] }),
        client.queryRecords({ definitionId: 'eng', where: [{ property: 'fit', operator: 'contains', value: 'x' }] }),
        client.queryRecords({ definitionId: 'eng', where: [{ property: 'fit.label', operator: 'eq', value: 3 }] }),
        client.queryRecords({ definitionId: 'eng', cursor: 'page 2' }),
        client.queryRecords({ definitionId: 'eng', limit: 1_001 }),
        client.queryRecords({ definitionId: 'eng', sortBy: 'fit.toNext' }),
        client.queryRecords({ definitionId: 'eng', sortBy: 'eng.toNext', toLabel: 'A1' }),
        client.queryRecords({ definitionId: 'eng', toLabel: 'high' }),
      ].map(async (call) => {
        const error = await rejection(call);
        expect(error.code).to.equal('invalid_input');
        return error.message;
      }));
      expect(messages[1]).to.equal('query.where[0].property "nope" is not a score property of an active contact definition (<definitionId>, <definitionId>.engagement, <definitionId>.fit or <definitionId>.label)');
      expect(messages[2]).to.contain('where[0].operator "contains" does not test a number');
      expect(messages[3]).to.equal('query.where[0].value must be a label for eq');
      expect(messages[4]).to.contain('is not a cursor queryRecords handed out');
      expect(messages[6]).to.equal('query.sortBy "fit.toNext": sort by the toNext of the definition shown, "eng.toNext"');
      expect(messages[7]).to.equal('query.toLabel must be a label of "eng" (high, medium, low), not "A1"');
      expect(messages[8]).to.equal('query.toLabel goes with sortBy "eng.toNext": it names the label to sort by the points missing to');
      await client.deactivate('fit');
      expect(await client.queryRecords({ definitionId: 'fit' })).to.deep.equal({ items: [], total: 0 });
    });
  });

  describe('describeData', () => {
    it('describes the properties, events and lists the builder offers', async () => {
      const data = await client.describeData();
      const contact = data.objects.contact;
      expect(contact.records).to.equal(7);
      expect(contact.sampleIds).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      const property = (name: string) => contact.properties.find((candidate) => candidate.name === name);
      expect(property('jobtitle')).to.deep.equal({ name: 'jobtitle', type: 'string', source: 'inferred', records: 5, distinct: 2, top: [{ value: 'CTO', count: 3 }, { value: 'Manager', count: 2 }] });
      // Declared boolean: "yes" and 1 are true (formats.md §2, decision D7).
      expect(property('converted')).to.deep.equal({ name: 'converted', type: 'boolean', source: 'declared', records: 4, distinct: 2, top: [{ value: true, count: 3 }, { value: false, count: 1 }] });
      expect(property('lifecyclestage')).to.deep.include({ records: 5, distinct: 4 });
      expect(property('lifecyclestage')!.top[0]).to.deep.equal({ value: 'lead', count: 2 });
      // The active definitions' scores, after the record's own properties.
      expect(contact.properties.filter((candidate) => candidate.source === 'score')).to.deep.equal([
        { name: 'eng', type: 'number', source: 'score', records: 6, distinct: null, top: [] },
        { name: 'eng.label', type: 'enum', source: 'score', records: 6, distinct: 3, top: [{ value: 'high', count: 2 }, { value: 'medium', count: 2 }, { value: 'low', count: 2 }] },
        { name: 'fit', type: 'number', source: 'score', records: 7, distinct: null, top: [] },
        { name: 'fit.label', type: 'enum', source: 'score', records: 7, distinct: 3, top: [{ value: 'high', count: 3 }, { value: 'medium', count: 2 }, { value: 'low', count: 2 }] },
      ]);
      expect(data.objects.company.records).to.equal(2);
      expect(data.objects.company.properties.find((candidate) => candidate.name === 'employees')).to.deep.equal({
        name: 'employees', type: 'number', source: 'inferred', records: 2, distinct: 2, top: [{ value: 12, count: 1 }, { value: 250, count: 1 }],
      });
      expect(data.objects.deal).to.deep.equal({ records: 0, properties: [], sampleIds: [] });
      // 9 + 7 + 5 + 4 + 2 + 0 + 3 opens, then a's one form.
      expect(data.events).to.deep.equal([
        { type: 'marketing_email_open', count: 30, properties: [{ name: 'campaign', type: 'string' }] },
        { type: 'form_submission', count: 1, properties: [{ name: 'formName', type: 'string' }, { name: 'pages', type: 'number' }] },
      ]);
      // The dynamic list's members now: a, c and f are CTOs.
      expect(data.lists).to.deep.equal([
        { id: 'competitors', objectType: 'contact', kind: 'static', size: 1 },
        { id: 'ctos', name: 'CTOs', objectType: 'contact', kind: 'dynamic', size: 3 },
      ]);
    });
  });

  describe('getReport', () => {
    it('counts conversion per label against a lifecycle stage, and the mean score per stage in pipeline order', async () => {
      const report = await client.getReport('eng');
      expect(report).to.deep.equal({
        definitionId: 'eng',
        outcome: { stage: 'customer', label: 'Customer' },
        scored: 6,
        converted: 1,
        byLabel: [
          { label: 'high', records: 2, converted: 1, rate: 0.5 },
          { label: 'medium', records: 2, converted: 0, rate: 0 },
          { label: 'low', records: 2, converted: 0, rate: 0 },
        ],
        byStage: [
          { stage: { id: 'subscriber', label: 'Subscriber' }, records: 1, meanScore: 20 },
          { stage: { id: 'lead', label: 'Lead' }, records: 2, meanScore: 45 },
          { stage: { id: 'opportunity', label: 'Opportunity' }, records: 1, meanScore: 70 },
          { stage: { id: 'customer', label: 'Customer' }, records: 1, meanScore: 90 },
          { stage: null, records: 1, meanScore: 0 },
        ],
      });
    });

    it('counts conversion against an outcome property (true, 1 or "yes")', async () => {
      const report = await client.getReport('eng', { outcome: { property: 'converted' } });
      expect(report).to.deep.include({ outcome: { property: 'converted' }, scored: 6, converted: 3 });
      expect(report.byLabel).to.deep.equal([
        { label: 'high', records: 2, converted: 1, rate: 0.5 },
        { label: 'medium', records: 2, converted: 2, rate: 1 },
        { label: 'low', records: 2, converted: 0, rate: 0 },
      ]);
      // fit scores g too (no stage): high a, c, f of which a is a customer.
      const byFit = await client.getReport('fit');
      expect(byFit.byLabel[0]).to.deep.equal({ label: 'high', records: 3, converted: 1, rate: 0.333333333 });
      expect(byFit.byStage.at(-1)).to.deep.equal({ stage: null, records: 2, meanScore: 30 });
      expect((await rejection(client.getReport('eng', { outcome: { stage: 'won' } }))).message).to.contain('outcome.stage "won" is not a stage of the contact pipeline');
      expect((await rejection(client.getReport('nope'))).code).to.equal('not_found');
    });

    it('is kept until a score moves', async () => {
      expect((await client.getReport('eng')).byStage[0]).to.deep.equal({ stage: { id: 'subscriber', label: 'Subscriber' }, records: 1, meanScore: 20 });
      // e: 2 opens → 5, 50.
      await client.trackEvents([0, 1, 2].map((k) => open3('e', k)));
      expect((await client.getReport('eng')).byStage[0]).to.deep.equal({ stage: { id: 'subscriber', label: 'Subscriber' }, records: 1, meanScore: 50 });
    });
  });

  describe('notices carry the new state', () => {
    it('a definition\'s and everyone\'s subscribers get the new value, label and dimensions', async () => {
      const byDefinition = await collect(client, { definitionId: 'eng' });
      const everyone = await collect(client, 'all');
      await client.trackEvents([open3('e', 0)]);
      await until(() => byDefinition.notices.length > 0 && everyone.notices.length > 1);
      // e: 3 opens, 30, low.
      const moved = { type: 'score', definitionId: 'eng', recordId: 'e', value: 30, label: 'low', engagement: null, fit: null };
      expect(byDefinition.notices).to.deep.equal([moved]);
      expect(everyone.notices).to.deep.equal([{ type: 'record', recordId: 'e' }, moved]);
    });

    it('a record\'s subscribers get its card with each score notice and its lifecycle with each record or lifecycle notice', async () => {
      const { notices } = await collect(client, { recordId: 'e' });
      await client.trackEvents([open3('e', 0)]);
      await until(() => notices.some((notice) => notice.type === 'score'));
      const [record, score] = notices as [Extract<ChangeNotice, { type: 'record' }>, Extract<ChangeNotice, { type: 'score' }>];
      expect(record.lifecycle).to.deep.include({ recordId: 'e', stage: 'subscriber' });
      expect(score).to.deep.include({ definitionId: 'eng', value: 30, label: 'low' });
      expect(score.card!.result).to.deep.include({ value: 30, label: 'low' });
      expect(score.card!.history.points.map((point) => point.value)).to.deep.equal([20, 30]);
      expect(score.card!.definition.name).to.equal('Engagement');

      notices.length = 0;
      await client.setLifecycle([{ recordId: 'e', stage: 'lead', source: 'manual' }]);
      await until(() => notices.some((notice) => notice.type === 'lifecycle'));
      const change = notices.find((notice) => notice.type === 'lifecycle')!;
      expect(change).to.deep.include({ field: 'stage', oldValue: 'subscriber', newValue: 'lead', refused: false });
      expect(change.type === 'lifecycle' && change.lifecycle).to.deep.include({ stage: 'lead' });
    });

    it('another tab\'s write reaches this tab\'s record subscriber with the card read from its own worker', async () => {
      const { notices } = await collect(client, { recordId: 'd' });
      const other = open(dbName);
      // d: 4 opens → 7, 70, high.
      await other.trackEvents([0, 1, 2].map((k) => open3('d', k)));
      await until(() => notices.some((notice) => notice.type === 'score'));
      const score = notices.find((notice) => notice.type === 'score')!;
      expect(score.type === 'score' && score.card!.result).to.deep.include({ value: 70, label: 'high' });
    });
  });
});
