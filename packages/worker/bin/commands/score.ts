import { InvalidInputError, indexDataset, type Dataset, type Definition } from '../../src/index.ts';
import { compileValidated } from '../../src/engine/evaluate.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset, loadDefinition } from '../inputs.ts';
import { printLines } from '../output.ts';
import { parseAsOf } from '../as-of.ts';
import { loadDuckDb, scoreOnDuckDb } from '../warehouse/duckdb-engine.ts';
import { NotCompiledError } from '../../src/sql/not-compiled.ts';
import { warehouseDataProblems } from '../../src/warehouse/data-problems.ts';
import { toEpochMs, type Instant } from '../../src/model/time.ts';

const flags: FlagSpecs = {
  definition: { value: 'DEF.json' },
  data: { value: 'DATA.json' },
  'as-of': { value: 'ISO' },
  record: { value: 'ID', multiple: true },
  engine: { value: 'js|duckdb' },
};

const engines = ['js', 'duckdb'] as const;

const help = `Usage: leadscore score --definition DEF.json --data DATA.json [--as-of ISO] [--record ID]...

Scores every record of the definition's object type in the dataset and prints one score result
(formats.md §3) per line as JSON Lines, in the order of the dataset. Both files are validated
first; every problem is printed on its own line on stderr and nothing is scored.

Flags:
  --definition DEF.json  the score definition (formats.md §1)
  --data DATA.json       the dataset: records, events, lists, property history (formats.md §2);
                         DATA.ndjson or DATA.jsonl: the same as NDJSON, one part a line, for
                         datasets too large for one JSON text (leadscore convert makes one)
  --as-of ISO            the instant to score at: 2026-04-01, 2026-04-01T00:00:00Z or epoch
                         milliseconds (default: now)
  --record ID            score only this record; repeat for more (still in dataset order)
  --engine E             js (default), or duckdb: the definition compiled to SQL and run in an
                         embedded DuckDB (docs/warehouse.md); the same lines without the per-rule
                         explanations; needs the package @duckdb/node-api
  -h, --help             show this help

Example:
  leadscore score --definition contact-engagement.json --data crm.json --as-of 2026-04-01`;

/** formats.md §4: `leadscore score --definition DEF.json --data DATA.json [--as-of ISO] [--record ID]...`. */
export const score: Command = {
  name: 'score',
  summary: "score every record of a definition's object type; prints one JSON result per line",
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('score', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('score', `unexpected argument "${extra}"`);

    const definitionFile = single(args, 'definition');
    const dataFile = single(args, 'data');
    const missing = [definitionFile === undefined && '--definition DEF.json', dataFile === undefined && '--data DATA.json'].filter(Boolean);
    if (missing.length > 0) return usageError('score', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);

    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('score', asOf.problem);
    const engine = single(args, 'engine') ?? 'js';
    if (!engines.includes(engine as (typeof engines)[number])) return usageError('score', `--engine must be ${engines.join(' or ')}, not "${engine}"`);

    const [definition, dataset] = await Promise.all([loadDefinition(definitionFile!), loadDataset(dataFile!)]);
    if (!definition.ok || !dataset.ok) {
      return fail([...(definition.ok ? [] : definition.problems), ...(dataset.ok ? [] : dataset.problems)]);
    }

    const recordIds = args.flags.has('record') ? [...new Set(args.flags.get('record'))] : undefined;
    if (recordIds) {
      const problems = checkRecordIds(recordIds, definition.value, dataset.value, dataFile!);
      if (problems.length > 0) return fail(problems);
    }

    if (engine === 'duckdb') return scoreOnWarehouse(definition.value, dataset.value, asOf.value, recordIds, definitionFile!);

    let results;
    try {
      // Validated by loadDefinition: compiled without validating it again.
      results = compileValidated(definition.value).scoreAll(indexDataset(dataset.value), { asOf: asOf.value, recordIds });
    } catch (error) {
      // The definition names lists the dataset does not have: bad input, reported like validation.
      if (error instanceof InvalidInputError) return fail(error.issues.map((issue) => `${definitionFile}: ${issue.message}`));
      throw error;
    }
    await printLines(results.map((result) => JSON.stringify(result)));
    return exitCodes.ok;
  },
};

/** `--engine duckdb`: what the compiler or the data cannot give exactly is refused, not scored otherwise. */
async function scoreOnWarehouse(definition: Definition, dataset: Dataset, asOf: Instant, recordIds: readonly string[] | undefined, definitionFile: string): Promise<number> {
  const loaded = await loadDuckDb();
  if (!loaded.ok) return fail([loaded.problem]);
  const problems = warehouseDataProblems(definition, dataset);
  if (problems.length > 0) return fail(problems.map((problem) => `${definitionFile}: ${problem}`));
  let results;
  try {
    results = await scoreOnDuckDb(loaded.duckdb, definition, dataset, toEpochMs(asOf));
  } catch (error) {
    if (error instanceof NotCompiledError) return fail([`${definitionFile}: ${error.message}`]);
    throw error;
  }
  const wanted = recordIds && new Set(recordIds);
  await printLines(results.filter((result) => !wanted || wanted.has(result.recordId)).map((result) => JSON.stringify(result)));
  return exitCodes.ok;
}

/** An unknown `--record` id is an error, not an empty result: it is most likely a typo. */
function checkRecordIds(ids: readonly string[], definition: Definition, dataset: Dataset, dataFile: string): string[] {
  const records = new Map(dataset.records.map((record) => [record.id, record]));
  return ids.flatMap((id) => {
    const record = records.get(id);
    if (!record) return [`--record ${id}: ${dataFile} has no record with this id`];
    if (record.objectType !== definition.objectType) {
      return [`--record ${id}: this record is a ${record.objectType}, but the definition scores ${definition.objectType}s`];
    }
    return [];
  });
}
