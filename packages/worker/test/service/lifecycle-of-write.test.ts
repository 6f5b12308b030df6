// lifecycle.md §2 and decision L7: what a write of whole records asks of the lifecycle, and the
// records it stores before the stage rules have decided (their stored stage and lead status).
import { describe, expect, test } from 'vitest';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import type { CrmRecord } from '../../src/model/dataset.ts';
import { lifecycleOfWrite } from '../../src/service/lifecycle-writes.ts';

const settings = defaultLifecycleSettings();
const writeAt = Date.UTC(2026, 0, 2, 3, 4, 5);

describe('lifecycleOfWrite', () => {
  test('a new contact is stored without the stage it asks for, which becomes a request from its creation', () => {
    const record: CrmRecord = {
      id: 'c1', objectType: 'contact', createdAt: '2024-04-11T18:31:34.440Z',
      properties: { firstname: 'Ida', lifecyclestage: 'lead', country: 'Denmark', hs_lead_status: '' },
    };
    const { records, requests } = lifecycleOfWrite(settings, [record], [undefined], { source: 'api', at: writeAt });
    expect(records).toEqual([{ id: 'c1', objectType: 'contact', createdAt: '2024-04-11T18:31:34.440Z', properties: { firstname: 'Ida', country: 'Denmark' } }]);
    expect(Object.keys(records[0]!.properties!)).toEqual(['firstname', 'country']);
    expect(requests).toEqual([{ recordId: 'c1', field: 'stage', value: 'lead', source: 'api', at: Date.UTC(2024, 3, 11, 18, 31, 34, 440), index: 0 }]);
    // The caller's record is left as it was.
    expect(record.properties).toEqual({ firstname: 'Ida', lifecyclestage: 'lead', country: 'Denmark', hs_lead_status: '' });
  });

  test('a creation time with an offset, or none that is valid, gives the request its instant', () => {
    const contacts: CrmRecord[] = [
      { id: 'c1', objectType: 'contact', createdAt: '2024-04-11T20:31:34+02:00', properties: { lifecyclestage: 'lead' } },
      { id: 'c2', objectType: 'contact', createdAt: '2024-04-11', properties: { lifecyclestage: 'lead' } },
      { id: 'c3', objectType: 'contact', properties: { lifecyclestage: 'lead' } },
    ];
    const { requests } = lifecycleOfWrite(settings, contacts, [undefined, undefined, undefined], { source: 'import', at: writeAt });
    expect(requests.map((request) => request.at)).toEqual([Date.UTC(2024, 3, 11, 18, 31, 34), Date.UTC(2024, 3, 11), writeAt]);
  });

  test('a stored contact keeps its values in place until decided, asks at the write, and keeps what it leaves out (L7)', () => {
    const stored: CrmRecord = { id: 'c1', objectType: 'contact', createdAt: '2020-01-01T00:00:00Z', properties: { lifecyclestage: 'lead', hs_lead_status: 'NEW' } };
    const cleared: CrmRecord = { id: 'c1', objectType: 'contact', createdAt: '2020-01-01T00:00:00Z', properties: { hs_lead_status: null, lifecyclestage: 'customer', city: 'Aarhus' } };
    const left: CrmRecord = { id: 'c1', objectType: 'contact', properties: { city: 'Odense' } };
    const first = lifecycleOfWrite(settings, [cleared], [stored], { source: 'manual', at: writeAt });
    expect(Object.entries(first.records[0]!.properties!)).toEqual([['hs_lead_status', 'NEW'], ['lifecyclestage', 'lead'], ['city', 'Aarhus']]);
    expect(first.requests).toEqual([
      { recordId: 'c1', field: 'stage', value: 'customer', source: 'manual', at: writeAt, index: 0 },
      { recordId: 'c1', field: 'leadStatus', value: null, source: 'manual', at: writeAt, index: 0 },
    ]);
    const second = lifecycleOfWrite(settings, [left], [stored], { source: 'api', at: writeAt });
    expect(Object.entries(second.records[0]!.properties!)).toEqual([['city', 'Odense'], ['lifecyclestage', 'lead'], ['hs_lead_status', 'NEW']]);
    expect(second.requests).toEqual([]);
  });

  test('a new contact made by a form asks quietly for a lead (§6.1); a deal passes as it is', () => {
    const deal: CrmRecord = { id: 'd1', objectType: 'deal', properties: { lifecyclestage: 'lead' } };
    const { records, requests } = lifecycleOfWrite(settings, [{ id: 'c1', objectType: 'contact', properties: {} }, deal], [undefined, undefined], { source: 'api', createdVia: 'form', at: writeAt });
    expect(records[1]).toBe(deal);
    expect(requests).toEqual([{ recordId: 'c1', field: 'stage', value: 'lead', source: 'system', at: writeAt, index: 0, quiet: true }]);
  });

  test('a property named __proto__ stays a property, the record an ordinary object', () => {
    const record = JSON.parse('{"id":"c1","objectType":"contact","properties":{"__proto__":"x","lifecyclestage":"lead"}}') as CrmRecord;
    const out = lifecycleOfWrite(settings, [record], [undefined], { source: 'api', at: writeAt }).records[0]!.properties!;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.entries(out)).toEqual([['__proto__', 'x']]);
  });
});
