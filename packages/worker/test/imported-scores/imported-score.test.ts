// importScores' lines (contract/imported-scores.ts, docs/results.md "Scores from a warehouse"):
// the shape of one `leadscore score` line, checked with a path for every problem, then against the
// definition it names; the mark an imported score row keeps in its page; the agreement check with
// the worker's own engine.
import { describe, expect, it } from 'vitest';
import { compileDefinition, indexDataset } from '../../src/engine/evaluate.ts';
import type { Definition } from '../../src/model/definition.ts';
import { instantsOf, issuesAgainstDefinition, validateImportedScores, type ImportedScore } from '../../src/model/imported-score.ts';
import { agrees } from '../../src/service/score-agreement.ts';
import { decodePage, encodePage } from '../../src/store/score-pages.ts';
import type { ScoreRow } from '../../src/store/schema.ts';

/** Two groups: web (a form submission +10, a meeting booked +20) and content (a download +15). */
const definition: Definition = {
  id: 'eng',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [
    { id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 10 }, { id: 'meetings', type: 'event', event: 'meeting_booked', points: 20 }] },
    { id: 'content', rules: [{ id: 'downloads', type: 'event', event: 'content_download', points: 15 }] },
  ],
  thresholds: { high: 50, medium: 30 },
};

/** A contact with two forms, a meeting and a download: web 2×10 + 20 = 40, content 15, score 55, high. */
const line = {
  definitionId: 'eng', recordId: 'c1', asOf: '2026-04-01T00:00:00Z', value: 55, engagement: null, fit: null, label: 'high',
  groups: [{ id: 'web', value: 40 }, { id: 'content', value: 15 }], nextChangeAt: null,
};
const outOfScope = { definitionId: 'eng', recordId: 'c2', asOf: '2026-04-01T00:00:00Z', value: null, inScope: false };

function messages(lines: unknown[]): string[] {
  const checked = validateImportedScores(lines);
  if (checked.ok) throw new Error('expected the lines to be refused');
  return checked.issues.map((issue) => issue.message);
}

describe('a line of leadscore score, by its shape', () => {
  it('takes the warehouse engines\' two forms, as objects or as the lines\' JSON text', () => {
    const checked = validateImportedScores([line, JSON.stringify(outOfScope)]);
    expect(checked).toEqual({ ok: true, value: [line, outOfScope] });
  });

  it('takes a JavaScript engine line too, keeping only each group\'s id and value', () => {
    const jsLine = { ...line, groups: [{ id: 'web', value: 40, raw: 40, capped: false, rules: [] }, { id: 'content', value: 15, raw: 15, capped: false, rules: [] }] };
    const checked = validateImportedScores([jsLine, { ...outOfScope, nextChangeAt: null }]);
    expect(checked.ok && checked.value[0]!.value !== null && checked.value[0]!.groups).toEqual([{ id: 'web', value: 40 }, { id: 'content', value: 15 }]);
  });

  it('takes a line with toNext as both engines print it (high ≥ 50: 55 is at the top, 35 is 15 short), and checks its shape', () => {
    const lines = [{ ...line, toNext: null }, { ...line, recordId: 'c3', value: 35, label: 'medium', toNext: { label: 'high', points: 15 } }];
    expect(validateImportedScores(lines)).toEqual({ ok: true, value: lines });
    expect(messages([{ ...line, toNext: { label: 'high' } }])).toEqual(['results[0].toNext.points is required']);
  });

  it('names the path of every problem from results', () => {
    expect(messages([line, { ...line, recordId: 'c3', value: '55' }])).toEqual(['results[1].value must be a number']);
    expect(messages([{ ...line, groups: [{ id: 'web', value: 40 }, { id: 'content' }] }])).toEqual(['results[0].groups[1].value is required']);
    expect(messages([{ ...line, asOf: 'yesterday' }])).toEqual(['results[0].asOf must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds']);
    expect(messages([{ ...line, nextChange: null }])).toEqual(['results[0].nextChange is not a known field (check its spelling)']);
    expect(messages([{ ...outOfScope, inScope: true }])).toEqual(['results[0].inScope must be false']);
    expect(messages([line, '{"definitionId":'])[0]).toMatch(/^results\[1\] is not a line of JSON: /);
  });

  it('refuses a record scored twice under one definition, naming the line before', () => {
    expect(messages([line, outOfScope, { ...line, value: 40 }])).toEqual(['results[2].recordId "c1" is scored under "eng" by results[0] already']);
  });
});

describe('a line against its definition', () => {
  const check = (changed: Partial<ImportedScore>) => issuesAgainstDefinition({ ...line, ...changed } as ImportedScore, definition, 'results[4]').map((issue) => issue.message);

  it('finds nothing wrong with a line the definition can have produced', () => {
    expect(check({})).toEqual([]);
    expect(issuesAgainstDefinition(outOfScope as ImportedScore, definition, 'results[0]')).toEqual([]);
  });

  it('wants the definition\'s groups in its order, its labels, and no dimensions on a score that is not combined', () => {
    expect(check({ groups: [{ id: 'content', value: 15 }, { id: 'web', value: 40 }] })).toEqual(['results[4].groups must be the groups of "eng" in its order (web, content), not content, web']);
    expect(check({ label: 'A1' })).toEqual(['results[4].label must be one of high, medium, low, the labels of "eng"']);
    expect(check({ engagement: 40 })).toEqual(['results[4].engagement must be null: "eng" is not a combined score']);
  });

  it('reads its instants as epoch milliseconds', () => {
    expect(instantsOf({ ...line, nextChangeAt: '2026-05-01' } as ImportedScore)).toEqual({ asOf: Date.UTC(2026, 3, 1), nextChangeAt: Date.UTC(2026, 4, 1) });
  });
});

describe('an imported row in its score page', () => {
  const row = (recordId: string, engine?: string): ScoreRow => ({
    definitionId: 'eng', recordId, version: 1, asOf: Date.UTC(2026, 3, 1), value: 55, engagement: null, fit: null, label: 'high', nextChangeAt: null, groups: [40, 15], ...(engine ? { engine } : {}),
  });

  it('keeps its engine, and the worker\'s own rows stay without one and as long as before', () => {
    const page = encodePage('eng', 0, [row('c1', 'duckdb'), row('c2')]);
    const rows = decodePage(page).rows;
    expect(rows.get('c1')).toEqual(row('c1', 'duckdb'));
    expect(rows.get('c2')).toEqual(row('c2'));
    expect('engine' in rows.get('c2')!).toBe(false);
    expect(JSON.parse(page.rows)).toEqual([[1, Date.UTC(2026, 3, 1), 55, null, null, 'high', null, [40, 15], 'duckdb'], [1, Date.UTC(2026, 3, 1), 55, null, null, 'high', null, [40, 15]]]);
  });
});

describe('the agreement of a line with the worker\'s own score', () => {
  const dataset = {
    records: [{ id: 'c1', objectType: 'contact' as const }, { id: 'c2', objectType: 'contact' as const }],
    events: [
      { id: 'e1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-01T10:00:00Z' },
      { id: 'e2', recordId: 'c1', type: 'form_submission', occurredAt: '2026-03-10T10:00:00Z' },
      { id: 'e3', recordId: 'c1', type: 'meeting_booked', occurredAt: '2026-03-20T10:00:00Z' },
      { id: 'e4', recordId: 'c1', type: 'content_download', occurredAt: '2026-03-25T10:00:00Z' },
    ],
  };
  const own = compileDefinition(definition).score(indexDataset(dataset), 'c1', '2026-04-01T00:00:00Z', { explain: false });

  it('holds for the hand-computed score of c1 (55, high; web 40, content 15), also 1e-10 apart', () => {
    expect(agrees(line, own)).toBe(true);
    expect(agrees({ ...line, value: 55 + 1e-10 }, own)).toBe(true);
  });

  it('fails on another value, label or group value, and between in and out of scope', () => {
    expect(agrees({ ...line, value: 56 }, own)).toBe(false);
    expect(agrees({ ...line, label: 'medium' }, own)).toBe(false);
    expect(agrees({ ...line, groups: [{ value: 45 }, { value: 10 }] }, own)).toBe(false);
    expect(agrees({ value: null }, own)).toBe(false);
  });
});
