import { defaultLifecycleSettings, validateLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { recordLifecycle } from '../../src/lifecycle/record-lifecycle.ts';
import type { HistoryEntry } from '../../src/lifecycle/history.ts';
import { leadStatusProperty, stageProperty } from '../../src/lifecycle/stages.ts';
import { toEpochMs, toIso } from '../../src/model/time.ts';
import { parseArgs, single, type FlagSpecs } from '../args.ts';
import { exitCodes, fail, usageError, type Command } from '../command.ts';
import { loadDataset, loadWith } from '../inputs.ts';
import { printLines } from '../output.ts';
import { parseAsOf } from '../as-of.ts';

const flags: FlagSpecs = {
  data: { value: 'DATA.json' },
  'as-of': { value: 'ISO' },
  settings: { value: 'SETTINGS.json' },
};

const help = `Usage: leadscore lifecycle --data DATA.json [--as-of ISO] [--settings SETTINGS.json]

Replays each contact's and company's recorded lifecycle-stage and lead-status changes
(the dataset's propertyHistory of "lifecyclestage" and "hs_lead_status") in time order and prints
one line per record: its stage and lead status as of --as-of, the calculated properties of every
stage (date_entered_<stage>, date_exited_<stage>, latest_time_in_<stage>,
cumulative_time_in_<stage>, became_a_<stage>_date) and the changes that were refused, e.g. an
import moving a stage backward. Dates are ISO-8601 in UTC, times are whole seconds; a property
without a value is left out.

Flags:
  --data DATA.json          the dataset (formats.md §2), or DATA.ndjson / DATA.jsonl: NDJSON, one
                            part a line (leadscore convert --help)
  --as-of ISO               the instant to compute at (default: now)
  --settings SETTINGS.json  custom stages and lead statuses (docs/lifecycle.md); default: the eight
                            default stages and lead statuses
  -h, --help                show this help

Example:
  leadscore lifecycle --data crm.json --as-of 2026-04-01`;

/** formats.md §4: `leadscore lifecycle --data DATA.json [--as-of ISO] [--settings SETTINGS.json]`. */
export const lifecycle: Command = {
  name: 'lifecycle',
  summary: "replay the lifecycle-stage history; prints each record's stage and calculated properties",
  help,

  async run(argv) {
    const parsed = parseArgs(argv, flags);
    if (!parsed.ok) return usageError('lifecycle', parsed.problem);
    const args = parsed.value;
    if (args.help) {
      await printLines([help]);
      return exitCodes.ok;
    }
    const [extra] = args.positionals;
    if (extra !== undefined) return usageError('lifecycle', `unexpected argument "${extra}"`);
    const dataFile = single(args, 'data');
    if (dataFile === undefined) return usageError('lifecycle', '--data DATA.json is required');
    const asOf = parseAsOf(single(args, 'as-of'));
    if (!asOf.ok) return usageError('lifecycle', asOf.problem);
    const settingsFile = single(args, 'settings');

    const [dataset, settings] = await Promise.all([
      loadDataset(dataFile),
      settingsFile === undefined ? Promise.resolve({ ok: true as const, value: defaultLifecycleSettings() }) : loadWith(settingsFile, validateLifecycleSettings),
    ]);
    if (!dataset.ok || !settings.ok) return fail([...(dataset.ok ? [] : dataset.problems), ...(settings.ok ? [] : settings.problems)]);

    const at = toEpochMs(asOf.value);
    const changes = dataset.value.propertyHistory ?? [];
    const lines = dataset.value.records
      .filter((record) => record.objectType !== 'deal')
      .map((record) => JSON.stringify(lineOf(recordLifecycle(record, changes, settings.value, at))));
    await printLines(lines);
    return exitCodes.ok;
  },
};

function lineOf(state: ReturnType<typeof recordLifecycle>) {
  return { recordId: state.recordId, stage: state.stage, leadStatus: state.leadStatus, properties: state.properties, refused: state.refused.map(refusalJson) };
}

function refusalJson(entry: HistoryEntry) {
  return {
    property: entry.field === 'stage' ? stageProperty : leadStatusProperty,
    from: entry.oldValue,
    to: entry.newValue,
    at: toIso(entry.at),
    source: entry.source,
    reason: entry.reason,
  };
}
