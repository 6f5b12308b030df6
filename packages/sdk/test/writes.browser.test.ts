// Writes through the client and the re-scoring each causes (scoring.md §6.4, §7.1, §9.3, §9.4):
// property changes, associations, deletions, lists, definition updates, deactivation, deletion, a
// CSV import; and writes that fail leave everything as it was.
import { expect } from '@esm-bundle/chai';
import type { Dataset, Definition, LeadscoreClient, ScoreChange } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/** Contact fit: CTO or CEO +30; a primary company with 100 or more employees +20. */
const fit: Definition = {
  id: 'fit',
  name: 'Contact fit',
  objectType: 'contact',
  kind: 'fit',
  scope: { mode: 'all', excludeLists: ['competitors'] },
  groups: [{ id: 'person', rules: [
    { id: 'exec', type: 'property', condition: { property: 'jobtitle', operator: 'is_any_of', values: ['CTO', 'CEO'] }, points: 30 },
    { id: 'bigco', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 20 },
  ] }],
};

/** Company fit: each executive title among its contacts adds its points once (D9); 100+ employees +10. */
const companyFit: Definition = {
  id: 'company-fit',
  name: 'Company fit',
  objectType: 'company',
  kind: 'fit',
  groups: [{ id: 'company', rules: [
    { id: 'execs', type: 'property', of: 'contacts', condition: { property: 'jobtitle', operator: 'is_any_of', values: ['CTO', 'CEO'] }, pointsByValue: { CTO: 40, CEO: 25 } },
    { id: 'size', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 10 },
  ] }],
};

function dataset(): Dataset {
  return {
    records: [
      { id: 'big', objectType: 'company', properties: { employees: 500 } },
      { id: 'small', objectType: 'company', properties: { employees: 10 } },
      { id: 'p1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { primaryCompany: 'big' } },
      { id: 'p2', objectType: 'contact', properties: { jobtitle: 'Intern' }, associations: { primaryCompany: 'small' } },
      { id: 'p3', objectType: 'contact', properties: { jobtitle: 'CEO' } },
    ],
    lists: [{ id: 'competitors', objectType: 'contact', recordIds: [] }],
  };
}

const shape = (changes: ScoreChange[]) => changes.map((c) => [c.oldValue, c.newValue, c.cause]);

async function values(client: LeadscoreClient): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const id of ['p1', 'p2', 'p3', 'big', 'small']) out[id] = (await client.getScores(id))[0]?.value ?? null;
  return out;
}

describe('writes through the client', () => {
  let client: LeadscoreClient;
  beforeEach(async () => {
    client = open(freshDbName('writes'));
    await client.importDataset(dataset());
    for (const definition of [fit, companyFit]) {
      await client.saveDraft(definition);
      await client.activate(definition.id);
    }
  });
  afterEach(cleanUp);

  it('starts from the hand-computed values', async () => {
    // p1 CTO at big: 30 + 20; p2 intern at small: 0; p3 CEO without a company: 30 (a missing
    // company never matches gte, §3.5). big: CTO 40 + size 10; small: 0.
    expect(await values(client)).to.deep.equal({ p1: 50, p2: 0, p3: 30, big: 50, small: 0 });
  });

  it('re-scores a record whose property changed, and its company, with cause property', async () => {
    const receipt = await client.upsertRecords([{ id: 'p2', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { primaryCompany: 'small' } }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 2 });
    expect(await values(client)).to.deep.equal({ p1: 50, p2: 30, p3: 30, big: 50, small: 40 });
    expect(shape(await client.getHistory('p2', 'fit'))[0]).to.deep.equal([0, 30, { kind: 'property', ref: 'jobtitle' }]);
    expect(shape(await client.getHistory('small'))[0]).to.deep.equal([0, 40, { kind: 'property', ref: 'jobtitle' }]);
    expect((await client.getHistory('p1')).length).to.equal(1);
  });

  it('re-scores the company a record no longer names when an upsert drops the association', async () => {
    await client.upsertRecords([{ id: 'p1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: {} }]);
    // p1 loses its primary company (−20); big loses its CTO (−40).
    expect(await values(client)).to.deep.equal({ p1: 30, p2: 0, p3: 30, big: 10, small: 0 });
    expect(shape(await client.getHistory('p1'))[0]).to.deep.equal([50, 30, { kind: 'association', ref: 'p1' }]);
  });

  it('re-scores both ends of an association and of a dissociation (§6.4)', async () => {
    const linked = await client.associate([{ from: 'p3', to: 'big', primary: true }]);
    expect(linked).to.deep.equal({ written: 1, rescored: 2 });
    // p3 gains a big primary company (+20); big gains a CEO (+25, D9).
    expect(await values(client)).to.deep.equal({ p1: 50, p2: 0, p3: 50, big: 75, small: 0 });
    expect(shape(await client.getHistory('p3'))[0]).to.deep.equal([30, 50, { kind: 'association', ref: 'big' }]);
    expect(shape(await client.getHistory('big'))[0]).to.deep.equal([50, 75, { kind: 'association', ref: 'p3' }]);

    const unlinked = await client.dissociate([{ from: 'big', to: 'p3' }]);
    expect(unlinked).to.deep.equal({ written: 1, rescored: 2 });
    expect(await values(client)).to.deep.equal({ p1: 50, p2: 0, p3: 30, big: 50, small: 0 });
    expect(shape(await client.getHistory('big')).slice(0, 2)).to.deep.equal([
      [75, 50, { kind: 'association', ref: 'p3' }],
      [50, 75, { kind: 'association', ref: 'p3' }],
    ]);
  });

  it('deletes records with their scores and history, re-scoring what was associated with them', async () => {
    const receipt = await client.deleteRecords(['p1']);
    expect(receipt).to.deep.equal({ written: 1, rescored: 1 });
    expect(await client.getScores('p1')).to.deep.equal([]);
    expect(await client.getHistory('p1')).to.deep.equal([]);
    expect(await values(client)).to.deep.equal({ p1: null, p2: 0, p3: 30, big: 10, small: 0 });
    expect(shape(await client.getHistory('big'))[0]).to.deep.equal([50, 10, { kind: 'association', ref: 'p1' }]);
    expect((await client.exportDataset()).records.map((record) => record.id).sort()).to.deep.equal(['big', 'p2', 'p3', 'small']);
  });

  it('takes a record out of scope when it joins an exclusion list: no value, no score returned (§7.1)', async () => {
    const receipt = await client.saveLists([{ id: 'competitors', objectType: 'contact', recordIds: ['p3'] }]);
    expect(receipt).to.deep.equal({ written: 1, rescored: 1 });
    expect(await client.getScores('p3')).to.deep.equal([]);
    expect(shape(await client.getHistory('p3'))[0]).to.deep.equal([30, null, { kind: 'list', ref: 'competitors' }]);
    const page = await client.queryRecords({ definitionId: 'fit', order: 'asc' });
    expect(page.items.map((item) => item.recordId)).to.deep.equal(['p2', 'p1']);
    expect((await client.getDistribution('fit')).outOfScope).to.equal(1);
    // Back in scope when it leaves the list.
    await client.saveLists([{ id: 'competitors', objectType: 'contact', recordIds: [] }]);
    expect((await client.getScores('p3'))[0]!.value).to.equal(30);
  });

  it('re-scores retroactively under a new version when an active definition is updated (§9.3)', async () => {
    const updated: Definition = { ...fit, groups: [{ ...fit.groups[0]!, rules: [{ ...fit.groups[0]!.rules[0]!, points: 35 }, fit.groups[0]!.rules[1]!] }] };
    const info = await client.updateActive(updated);
    expect(info).to.include({ id: 'fit', status: 'active', version: 2 });
    expect(await values(client)).to.deep.equal({ p1: 55, p2: 0, p3: 35, big: 50, small: 0 });
    expect(shape(await client.getHistory('p1', 'fit'))[0]).to.deep.equal([50, 55, { kind: 'definition', ref: 'fit@2' }]);
    // p2's value did not move: no history row for it.
    expect((await client.getHistory('p2', 'fit')).length).to.equal(1);
    const listed = (await client.listDefinitions()).find((d) => d.id === 'fit')!;
    expect(listed).to.include({ status: 'active', version: 2 });
    // The same update again (a retried call) adds no version.
    expect(await client.updateActive(updated)).to.include({ version: 2 });
    const error = await rejection(client.updateActive({ ...fit, id: 'never-active' }));
    expect(error.code).to.equal('not_found');
  });

  it('deactivates (scores gone) and deletes a definition (history gone too)', async () => {
    const info = await client.deactivate('fit');
    expect(info).to.include({ status: 'inactive', version: 1 });
    expect(await client.getScores('p1')).to.deep.equal([]);
    expect((await client.getScores('big'))[0]!.value).to.equal(50);
    expect((await rejection(client.getDistribution('fit'))).code).to.equal('not_found');
    expect((await client.queryRecords({ definitionId: 'fit' })).total).to.equal(0);
    // An inactive definition is no longer kept current.
    await client.upsertRecords([{ id: 'p2', objectType: 'contact', properties: { jobtitle: 'CEO' }, associations: { primaryCompany: 'small' } }]);
    expect(await client.getScores('p2')).to.deep.equal([]);
    expect((await client.getHistory('p1', 'fit')).length).to.equal(1);

    await client.deleteDefinition('fit');
    expect((await client.listDefinitions()).map((d) => d.id)).to.deep.equal(['company-fit']);
    expect(await client.getHistory('p1', 'fit')).to.deep.equal([]);
    expect((await rejection(client.deleteDefinition('fit'))).code).to.equal('not_found');
  });
});

describe('failed writes leave the previous state intact', () => {
  let client: LeadscoreClient;
  beforeEach(async () => {
    client = open(freshDbName('failures'));
    await client.importDataset(dataset());
    await client.saveDraft(fit);
    await client.activate('fit');
  });
  afterEach(cleanUp);

  it('refuses a batch of records with one bad item whole, naming it', async () => {
    const error = await rejection(client.upsertRecords([
      { id: 'p2', objectType: 'contact', properties: { jobtitle: 'CEO' } },
      { id: 'p9', objectType: 'person' } as never,
    ]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items.map((item) => item.index)).to.deep.equal([1]);
    expect((await client.getScores('p2'))[0]!.value).to.equal(0);
    // The export carries p2's score as its property "fit" (decision D25).
    expect((await client.exportDataset()).records.find((record) => record.id === 'p2')!.properties).to.deep.equal({ jobtitle: 'Intern', fit: 0 });
  });

  it('refuses a link to a record that does not exist, storing none of the batch', async () => {
    const error = await rejection(client.associate([{ from: 'p3', to: 'big' }, { from: 'p3', to: 'nowhere' }]));
    expect(error.code).to.equal('not_found');
    expect((await client.getScores('p3'))[0]!.value).to.equal(30);
    expect((await client.exportDataset()).records.find((record) => record.id === 'p3')!.associations).to.equal(undefined);
  });

  it('refuses a list change that would leave an active definition unable to score', async () => {
    const error = await rejection(client.saveLists([{ id: 'competitors', objectType: 'company', recordIds: ['big'] }]));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.contain('competitors');
    expect((await client.exportDataset()).lists).to.deep.equal([{ id: 'competitors', objectType: 'contact', recordIds: [] }]);
    // Writes still work afterwards.
    await client.trackEvents([{ id: 'x1', recordId: 'p1', type: 'page_view', occurredAt: new Date().toISOString() }]);
  });

  it('refuses to activate a definition that names a list the data does not have; it stays a draft', async () => {
    await client.saveDraft({ ...fit, id: 'fit-vip', scope: { mode: 'lists', includeLists: ['vip'] } });
    const error = await rejection(client.activate('fit-vip'));
    expect(error.code).to.equal('invalid_input');
    expect(error.issues.map((issue) => issue.path)).to.deep.equal(['scope.includeLists[0]']);
    expect((await client.listDefinitions()).find((d) => d.id === 'fit-vip')).to.include({ status: 'draft' });
    expect((await client.getScores('p1')).map((score) => score.definitionId)).to.deep.equal(['fit']);
  });
});

describe('CSV import through the client', () => {
  afterEach(cleanUp);

  it('imports a CRM export with inferred types, and an active definition scores the new records', async () => {
    const client = open(freshDbName('csv'));
    const csvFit: Definition = {
      id: 'csv-fit',
      name: 'CSV fit',
      objectType: 'contact',
      kind: 'fit',
      groups: [{ id: 'g', rules: [
        { id: 'cto', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' }, points: 30 },
        { id: 'big', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 20 },
        { id: 'news', type: 'property', condition: { property: 'newsletter', operator: 'is_true' }, points: 5 },
      ] }],
    };
    await client.saveDraft(csvFit);
    await client.activate('csv-fit');
    const csv = [
      'id,name,jobtitle,employees,newsletter,stage',
      'i1,Ann,CTO,120,yes,lead',
      'i2,Bob,Intern,5,no,lead',
      'i3,Cy,CTO,80,yes,customer',
      'i4,Di,Sales,300,no,customer',
    ].join('\n');
    const report = await client.importCsv(csv, { objectType: 'contact' });
    // formats.md / column-type.ts: numbers, yes/no booleans, 2 repeated values an enum, the rest text.
    expect(report).to.deep.equal({
      written: 4,
      rescored: 4,
      format: 'generic',
      objectType: 'contact',
      delimiter: ',',
      encoding: 'text',
      timezone: 'UTC',
      history: 0,
      unreadable: [],
      rows: 4,
      columns: [
        { name: 'name', type: 'string' },
        { name: 'jobtitle', type: 'string' },
        { name: 'employees', type: 'number' },
        { name: 'newsletter', type: 'boolean' },
        { name: 'stage', type: 'enum' },
      ],
    });
    const value = async (id: string) => (await client.getScores(id))[0]!.value;
    // i1 30 + 20 + 5; i2 nothing; i3 30 + 5; i4 20.
    expect([await value('i1'), await value('i2'), await value('i3'), await value('i4')]).to.deep.equal([55, 0, 35, 20]);
    expect(shape(await client.getHistory('i1'))).to.deep.equal([[null, 55, { kind: 'property', ref: 'import' }]]);

    const error = await rejection(client.importCsv('id,name\ni5,Eve,extra', { objectType: 'contact' }));
    expect(error.code).to.equal('invalid_input');
    expect(error.issues[0]!.message).to.match(/^line 2: /);
    expect((await client.exportDataset()).records.length).to.equal(4);
  });
});
