// formats.md §2: a whole dataset imported from and exported to JSON.
import { describe, expect, it } from 'vitest';
import { datasetToJson, parseDatasetJson } from '../../src/import/dataset-json.ts';
import type { Dataset } from '../../src/model/dataset.ts';

/** formats.md §2's example, with its fields written in a scrambled order. */
const scrambled = {
  propertyTypes: { contact: { employees: 'number', state: 'multi' } },
  propertyHistory: [{ at: '2026-01-02T09:00:00Z', source: 'form', value: 'lead', property: 'lifecyclestage', recordId: 'c1' }],
  lists: [
    { recordIds: ['c9'], objectType: 'contact', id: 'competitors' },
    { condition: { all: [{ property: 'employees', operator: 'gte', value: 200 }] }, objectType: 'company', id: 'big' },
  ],
  events: [{ properties: { formName: 'Contact us' }, occurredAt: '2026-03-01T10:00:00Z', type: 'form_submission', recordId: 'c1', id: 'e1' }],
  records: [{
    associations: { deals: ['d1'], primaryCompany: 'co1', companies: ['co1'] },
    properties: { jobtitle: 'CTO', state: ['Northeast', 'Midwest'], employees: 250 },
    createdAt: '2026-01-02T09:00:00Z', objectType: 'contact', id: 'c1',
  }],
} as Dataset;

describe('formats.md §2 dataset JSON: export', () => {
  it("writes the format's field order at every level, whatever order the object was built in", () => {
    const json = datasetToJson(scrambled);
    expect(json).toBe(`{
  "records": [
    {
      "id": "c1",
      "objectType": "contact",
      "createdAt": "2026-01-02T09:00:00Z",
      "properties": {
        "jobtitle": "CTO",
        "state": [
          "Northeast",
          "Midwest"
        ],
        "employees": 250
      },
      "associations": {
        "companies": [
          "co1"
        ],
        "primaryCompany": "co1",
        "deals": [
          "d1"
        ]
      }
    }
  ],
  "events": [
    {
      "id": "e1",
      "recordId": "c1",
      "type": "form_submission",
      "occurredAt": "2026-03-01T10:00:00Z",
      "properties": {
        "formName": "Contact us"
      }
    }
  ],
  "lists": [
    {
      "id": "competitors",
      "objectType": "contact",
      "recordIds": [
        "c9"
      ]
    },
    {
      "id": "big",
      "objectType": "company",
      "condition": {
        "all": [
          {
            "property": "employees",
            "operator": "gte",
            "value": 200
          }
        ]
      }
    }
  ],
  "propertyHistory": [
    {
      "recordId": "c1",
      "property": "lifecyclestage",
      "value": "lead",
      "at": "2026-01-02T09:00:00Z",
      "source": "form"
    }
  ],
  "propertyTypes": {
    "contact": {
      "employees": "number",
      "state": "multi"
    }
  }
}`);
  });

  it('round-trips: parse(export(d)) equals d, and export(parse(export(d))) is the same text', () => {
    const json = datasetToJson(scrambled);
    const parsed = parseDatasetJson(json);
    expect(parsed).toEqual({ ok: true, value: scrambled });
    if (parsed.ok) expect(datasetToJson(parsed.value)).toBe(json);
  });

  it('leaves out absent fields, and keeps fields the format does not know after the rest', () => {
    const odd = { extra: 1, records: [{ objectType: 'deal', id: 'd1', note: 'x' }] } as unknown as Dataset;
    expect(JSON.parse(datasetToJson(odd))).toEqual(odd);
    expect(Object.keys(JSON.parse(datasetToJson(odd)) as object)).toEqual(['records', 'extra']);
    expect(datasetToJson({ records: [] })).toBe('{\n  "records": []\n}');
  });
});

describe('formats.md §2 dataset JSON: import', () => {
  it('validates with validateDataset: every problem with its JSON path', () => {
    const result = parseDatasetJson(JSON.stringify({ records: [{ id: 'c1', objectType: 'lead' }, { id: 'c1', objectType: 'contact' }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.path).sort()).toEqual(['records[0].objectType', 'records[1].id']);
    }
  });

  it('reports text that is not JSON on one line, with the line and column where the engine gives them', () => {
    const result = parseDatasetJson('{\n  "records": [\n    { "id": "c1", },\n  ]\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]?.path).toBe('');
      expect(result.issues[0]?.message).toMatch(/^invalid JSON( at line 3, column \d+)?: \S/);
      expect(result.issues[0]?.message).not.toContain('\n');
    }
  });

  it('reads a byte order mark, and says so for empty text', () => {
    expect(parseDatasetJson('\uFEFF{"records":[]}')).toEqual({ ok: true, value: { records: [] } });
    expect(parseDatasetJson('  \n')).toEqual({ ok: false, issues: [{ path: '', message: 'the text is empty; expected a dataset in JSON' }] });
  });
});
