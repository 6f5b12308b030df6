// formats.md §4 import-csv on a real CRM export: ../shared/datasets/x-education-leads.csv (see
// ../shared/README.md), a LeadSquared-style export of an online-course company's leads. The tests
// skip, under a name that says why, where the shared folder is not beside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/import/csv.ts';
import { validateDataset } from '../../src/model/validate.ts';
import { runLeadscore } from '../cli/run-cli.ts';

/** `<repo root>/../shared/datasets/x-education-leads.csv`. */
const file = fileURLToPath(new URL('../../../../../shared/datasets/x-education-leads.csv', import.meta.url));
const exists = existsSync(file);

describe('formats.md §4 import-csv: x-education-leads.csv', () => {
  it.skipIf(!exists)('x-education-leads.csv (needs ../shared/datasets): one contact per lead, types inferred, valid', () => {
    const result = importCsv(readFileSync(file, 'utf8'), { objectType: 'contact', source: 'x-education-leads.csv' });
    if (!result.ok) throw new Error(result.issues.slice(0, 5).map((issue) => `line ${issue.line}: ${issue.message}`).join('\n'));
    const { dataset, report } = result;

    // ../shared/README.md says 9,236 leads; the file has 9,237 data rows (9,238 lines, each a
    // 37-field row with a unique Prospect ID), and the count here is the file's.
    expect(dataset.records).toHaveLength(9237);
    expect(report).toMatchObject({ source: 'x-education-leads.csv', rows: 9237, idColumn: 'Prospect ID', generatedIds: 0, blankRows: 0 });
    expect(report.columns).toHaveLength(36);
    expect(dataset.records[0]?.id).toBe('7927b2df-8bba-4d29-b9a2-b6e0beafe620');
    expect(dataset.records.every((record) => record.objectType === 'contact')).toBe(true);

    const types = dataset.propertyTypes?.contact ?? {};
    expect(types).toMatchObject({
      Converted: 'number',
      TotalVisits: 'number',
      'Page Views Per Visit': 'number',
      'Lead Number': 'number',
      'Do Not Email': 'boolean',
      Magazine: 'boolean', // "No" in every row: still yes/no
      'Lead Source': 'enum',
      Specialization: 'enum', // "Select" is one of its values
      'Asymmetrique Activity Index': 'enum',
    });
    expect(types).not.toHaveProperty('Prospect ID');

    const first = dataset.records[0]?.properties ?? {};
    expect(first).toMatchObject({ 'Do Not Email': false, Converted: 0, TotalVisits: 0, Specialization: 'Select', 'Lead Origin': 'API' });
    expect(first).not.toHaveProperty('Country'); // empty in that row
    // The README's 38.5 % converted.
    const converted = dataset.records.filter((record) => record.properties?.Converted === 1).length;
    expect(converted / dataset.records.length).toBeCloseTo(0.385, 3);

    const validation = validateDataset(dataset);
    expect(validation.ok ? [] : validation.issues.slice(0, 5)).toEqual([]);
  });

  it.skipIf(!exists)('x-education-leads.csv (needs ../shared/datasets): leadscore import-csv prints it as a valid dataset', async () => {
    const run = await runLeadscore(process.cwd(), 'import-csv', '--object', 'contact', file);
    if (run.code !== 0) throw new Error(`exit ${String(run.code)}: ${run.stderr}`);
    const stdout = run.stdout;
    const validation = validateDataset(JSON.parse(stdout));
    expect(validation.ok).toBe(true);
    if (validation.ok) expect(validation.value.records).toHaveLength(9237);
  });
});
