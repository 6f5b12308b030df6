// A write of new contacts under an active definition scores each of them once: after the lifecycle
// has given it its stage and written its history, not once before and again after (note-s5, Found).
import { expect } from '@esm-bundle/chai';
import type { Definition } from '../../src/model/definition.ts';
import { LeadscoreService } from '../../src/service.ts';
import { CompiledCache } from '../../src/service/compiled-cache.ts';
import { cleanUp, uniqueName } from '../store/helpers.ts';

/** 10 points for a lead: a contact's score reads the stage the lifecycle gives it on creation. */
const leads: Definition = {
  id: 'leads', name: 'Leads', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'stage', rules: [{ id: 'lead', type: 'property', condition: { property: 'lifecyclestage', operator: 'eq', value: 'lead' }, points: 10 }] }],
};
const now = Date.parse('2026-06-01T00:00:00Z');

/** How many times each record was scored under each definition, counted at the engine's door. */
function countScorings(): { counts: Map<string, number>; restore: () => void } {
  const counts = new Map<string, number>();
  const get = CompiledCache.prototype.get;
  CompiledCache.prototype.get = function (definition) {
    const compiled = get.call(this, definition);
    return {
      ...compiled,
      scoreAll: (index, options) => {
        const results = compiled.scoreAll(index, options);
        for (const result of results) counts.set(`${definition.id}:${result.recordId}`, (counts.get(`${definition.id}:${result.recordId}`) ?? 0) + 1);
        return results;
      },
    };
  };
  return { counts, restore: () => void (CompiledCache.prototype.get = get) };
}

async function serviceWithActive(): Promise<LeadscoreService> {
  const service = new LeadscoreService({ now: () => now });
  await service.open({ dbName: uniqueName('scored-once') });
  await service.upsertRecords([{ id: 'c0', objectType: 'contact' }]);
  await service.saveDraft(leads);
  await service.activate(leads.id);
  return service;
}

describe('a write of new contacts under an active definition', () => {
  let spy: ReturnType<typeof countScorings> | undefined;
  afterEach(async () => {
    spy?.restore();
    spy = undefined;
    await cleanUp();
  });

  it('upsertRecords scores each new contact once, with the stage the lifecycle gave it', async () => {
    const service = await serviceWithActive();
    spy = countScorings();
    await service.upsertRecords([{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact', properties: { lifecyclestage: 'customer' } }], { createdVia: 'form' });
    expect(Object.fromEntries(spy.counts)).to.deep.equal({ 'leads:c1': 1, 'leads:c2': 1 });
    // Created by a form, a contact becomes a lead (lifecycle.md §6.1): 10 points; one given a stage keeps it: 0.
    expect((await service.getScores('c1')).map((score) => score.value)).to.deep.equal([10]);
    expect((await service.getScores('c2')).map((score) => score.value)).to.deep.equal([0]);
    // One change each, from none to the value scored with the stage.
    expect((await service.getHistory('c1', leads.id)).map((change) => [change.oldValue, change.newValue])).to.deep.equal([[null, 10]]);
    expect((await service.getHistory('c2', leads.id)).map((change) => [change.oldValue, change.newValue])).to.deep.equal([[null, 0]]);
    await service.close();
  });

  it('importDataset scores each new contact once', async () => {
    const service = await serviceWithActive();
    spy = countScorings();
    await service.importDataset({ records: [{ id: 'c1', objectType: 'contact' }, { id: 'c2', objectType: 'contact', properties: { lifecyclestage: 'lead' } }] });
    expect(Object.fromEntries(spy.counts)).to.deep.equal({ 'leads:c1': 1, 'leads:c2': 1 });
    expect((await service.getHistory('c2', leads.id)).map((change) => [change.oldValue, change.newValue])).to.deep.equal([[null, 10]]);
    await service.close();
  });
});
