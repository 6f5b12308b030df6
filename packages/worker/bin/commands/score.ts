import { InvalidInputError, indexDataset, type Dataset, type Definition } from '../../src/index.ts';
import { compileValidated } from '../../src/engine/evaluate.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset, loadDefinition } from '../inputs.ts';
import { printLines } from '../output.ts';
import { parseAsOf } from '../as-of.ts';
import { toEpochMs } from '../../src/model/time.ts';
import { isFolder, scoreFolder, scoreOnWarehouse } from '../warehouse/score-on-warehouse.ts';

const flags: FlagSpecs = {
  definition: { value: 'DEF.json' },
  data: { value: 'DATA.json' },
  'as-of': { value: 'ISO' },
  record: { value: 'ID', multiple: true },
  engine: { value: 'js|duckdb|spark' },
  'spark-master': { value: 'URL' },
};

const engines = ['js', 'duckdb', 'spark'] as const;

const help = `Usage: leadscore score --definition DEF.json --data DATA.json [--as-of ISO] [--record ID]...
                       [--engine js|duckdb|spark] [--spark-master URL]

Scores every record of the definition's object type in the dataset and prints one score result
(formats.md §3) per line as JSON Lines, in the order of the dataset. Both files are validated
first; every problem is printed on its own line on stderr and nothing is scored. With thresholds,
each line's "toNext" says how far the next label is: {"label":"high","points":12}, null at the
top label (docs/results.md).

Flags:
  --definition DEF.json  the score definition (formats.md §1)
  --data DATA.json       the dataset: records, events, lists, property history (formats.md §2);
                         with --engine duckdb or spark also a folder of tables written by
                         leadscore export;
                         DATA.ndjson or DATA.jsonl: the same as NDJSON, one part a line, for
                         datasets too large for one JSON text (leadscore convert makes one)
  --as-of ISO            the instant to score at: 2026-04-01, 2026-04-01T00:00:00Z or epoch
                         milliseconds (default: now)
  --record ID            score only this record; repeat for more (still in dataset order)
  --engine E             js (default); duckdb: the definition compiled to SQL and run in an
                         embedded DuckDB; spark: compiled to Spark SQL and run through pyspark
                         (docs/warehouse.md, docs/spark.md). The same lines without the per-rule
                         explanations; both need the package @duckdb/node-api, spark also
                         Python 3 with pyspark and Java 17
  --spark-master URL     with --engine spark: the Spark master (default local[2], a local Spark),
                         e.g. spark://127.0.0.1:7077
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

    const master = single(args, 'spark-master');
    if (master !== undefined && engine !== 'spark') return usageError('score', '--spark-master is for --engine spark');
    if (await isFolder(dataFile!)) {
      if (engine === 'js') return usageError('score', `--data ${dataFile} is a folder: exported tables are read by --engine duckdb or spark`);
      const definition = await loadDefinition(definitionFile!);
      if (!definition.ok) return fail(definition.problems);
      const recordIds = args.flags.has('record') ? [...new Set(args.flags.get('record'))] : undefined;
      return scoreFolder(engine as 'duckdb' | 'spark', master, definition.value, dataFile!, toEpochMs(asOf.value), recordIds, definitionFile!);
    }

    const [definition, dataset] = await Promise.all([loadDefinition(definitionFile!), loadDataset(dataFile!)]);
    if (!definition.ok || !dataset.ok) {
      return fail([...(definition.ok ? [] : definition.problems), ...(dataset.ok ? [] : dataset.problems)]);
    }

    const recordIds = args.flags.has('record') ? [...new Set(args.flags.get('record'))] : undefined;
    if (recordIds) {
      const problems = checkRecordIds(recordIds, definition.value, dataset.value, dataFile!);
      if (problems.length > 0) return fail(problems);
    }

    if (engine !== 'js') return scoreOnWarehouse(engine as 'duckdb' | 'spark', master, definition.value, dataset.value, asOf.value, recordIds, definitionFile!);

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
