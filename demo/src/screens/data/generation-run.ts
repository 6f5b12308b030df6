// Generating sample data from the page: the generator worker makes chunks, the page imports each
// into the demo database, then the sample definitions (and, after a regeneration, the user's own)
// are saved and activated. One run at a time; its progress is observable (the data screen shows it,
// and so does the banner of sample-data.ts).
import { inScoreOrder, type Definition, type DefinitionInfo, type LifecycleSettingsInput } from '@leadscore/sdk';
import { demoClient, resetDemo } from '../../app/client.ts';
import type { GenerationCounts } from './generator.ts';
import type { GeneratorReply, GeneratorRequest } from './generator.worker.ts';
import { activationWaves } from './activation-waves.ts';
import { sampleDefinitions } from './sample-definitions.ts';

export interface RunState {
  running: boolean;
  /** How far the run is: contacts stored, then records scored (run-phase.ts words it for people). */
  done: number;
  total: number;
  error?: string;
  /** The last finished run. */
  result?: { contacts: number; seed: number; counts: GenerationCounts; seconds: number; activated: string[] };
}

let state: RunState = { running: false, done: 0, total: 0 };
const listeners = new Set<(state: RunState) => void>();

export function runState(): RunState {
  return state;
}

/** Calls `listener` with every change of the run state; returns the unsubscribe. */
export function onRunState(listener: (state: RunState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(patch: Partial<RunState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener(state);
}

/** What a regeneration carries over the database reset (sessionStorage survives the reload). */
interface PendingGeneration {
  contacts: number;
  seed: number;
  /** How many times a reload interrupted this generation (it restarts at most three times). */
  attempts?: number;
  definitions: { definition: Definition; active: boolean }[];
  lifecycleSettings?: LifecycleSettingsInput;
}

const PENDING_KEY = 'leadscore-demo:pending-generation';
/** Set while a generation runs: a reload in the middle leaves half the data, so the next load starts it again. */
const RUNNING_KEY = 'leadscore-demo:generation-running';
/** Set by "reset": the user emptied the database on purpose, so no sample data is made on load. */
export const EMPTY_KEY = 'leadscore-demo:emptied';

/**
 * Replaces what is stored with freshly generated data: the user's definitions and lifecycle settings
 * are kept aside, the database is reset (the page reloads), and the next load generates
 * (`takePendingGeneration`, called by ensureSampleData) and restores them.
 */
export async function regenerate(contacts: number, seed: number): Promise<void> {
  const client = demoClient();
  const infos = await client.listDefinitions();
  const latest = new Map<string, DefinitionInfo>();
  for (const info of infos) if ((latest.get(info.id)?.version ?? -1) < info.version || info.status === 'active') latest.set(info.id, info);
  const pending: PendingGeneration = {
    contacts,
    seed,
    definitions: [...latest.values()].map((info) => ({ definition: info.definition, active: info.status === 'active' })),
    lifecycleSettings: await client.getLifecycleSettings(),
  };
  await restartWith(pending);
}

async function restartWith(pending: PendingGeneration): Promise<void> {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  localStorage.removeItem(EMPTY_KEY);
  update({ running: true, done: 0, total: 0, error: undefined });
  await resetDemo();
}

/**
 * A generation that a reload cut short (its marker is still set): clears the half-written data and
 * starts it again, up to three times. True when the page is about to reload for it.
 */
export async function restartInterrupted(): Promise<boolean> {
  const text = sessionStorage.getItem(RUNNING_KEY);
  if (text === null) return false;
  sessionStorage.removeItem(RUNNING_KEY);
  let pending: PendingGeneration;
  try {
    pending = JSON.parse(text) as PendingGeneration;
  } catch {
    return false;
  }
  const attempts = (pending.attempts ?? 0) + 1;
  if (attempts > 3) return false;
  await restartWith({ ...pending, attempts });
  return true;
}

export function takePendingGeneration(): PendingGeneration | undefined {
  const text = sessionStorage.getItem(PENDING_KEY);
  if (text === null) return undefined;
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return JSON.parse(text) as PendingGeneration;
  } catch {
    return undefined;
  }
}

/** Start of today in UTC: the generated year ends there, so a seed gives the same data all day. */
export function todayAnchor(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/**
 * Generates `contacts` contacts with `seed` into the (empty) demo database and activates the
 * definitions: the sample ones when the database has none, then `keep` (a regeneration's).
 */
export async function generateIntoDemo(contacts: number, seed: number, keep: PendingGeneration['definitions'] = [], lifecycleSettings?: LifecycleSettingsInput, attempts = 0): Promise<void> {
  if (state.running && state.total > 0) throw new Error('a generation is already running');
  const started = performance.now();
  const marker: PendingGeneration = { contacts, seed, definitions: keep, attempts, ...(lifecycleSettings ? { lifecycleSettings } : {}) };
  sessionStorage.setItem(RUNNING_KEY, JSON.stringify(marker));
  update({ running: true, done: 0, total: contacts, error: undefined });
  try {
    const client = demoClient();
    // The pipelines come before the data; score rules name active definitions, so they come after them.
    if (lifecycleSettings) await client.saveLifecycleSettings({ ...lifecycleSettings, scoreRules: [] });
    const counts = await importGenerated(contacts, seed);
    update({ done: contacts, total: contacts });
    const activated = await activateDefinitions(keep);
    if (lifecycleSettings?.scoreRules?.length) {
      // A rule naming a kept definition that stayed a draft is refused: the rules are then not kept.
      await client.saveLifecycleSettings(lifecycleSettings).catch((error: unknown) => console.warn('the score rules were not kept:', error));
    }
    const seconds = (performance.now() - started) / 1000;
    const result = { contacts, seed, counts, seconds, activated };
    sessionStorage.removeItem(RUNNING_KEY);
    update({ running: false, done: 1, total: 1, result });
  } catch (error) {
    sessionStorage.removeItem(RUNNING_KEY);
    update({ running: false, error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * Imports in flight at once. The worker stores them one after the other in the order sent, but a
 * chunk it has already received is cloned in and checked while the one before waits on IndexedDB
 * (most of an import's time is that wait: demo/README.md, "Generating sample data").
 */
const IMPORTS_IN_FLIGHT = 2;

/**
 * Runs the generator worker and imports its chunks in order; the worker makes the next chunk while
 * the last ones are stored, and at most IMPORTS_IN_FLIGHT chunks are held on the page.
 */
function importGenerated(contacts: number, seed: number): Promise<GenerationCounts> {
  const worker = new Worker(new URL('./generator.worker.ts', import.meta.url), { type: 'module' });
  const send = (request: GeneratorRequest) => worker.postMessage(request);
  const client = demoClient();
  const inFlight: Promise<unknown>[] = [];
  let failed = false;
  return new Promise<GenerationCounts>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.onerror = (event) => fail(new Error(`the generator worker failed: ${event.message}`));
    worker.onmessage = async (event: MessageEvent<GeneratorReply>) => {
      const reply = event.data;
      if (reply.type === 'error') return fail(new Error(reply.message));
      if (reply.type === 'done') {
        worker.terminate();
        Promise.all(inFlight).then(() => resolve(reply.counts), fail);
        return;
      }
      const { dataset, done, total } = reply.chunk;
      const stored = client.importDataset(dataset).then(() => {
        if (!failed) update({ done, total });
      });
      inFlight.push(stored);
      stored.catch(fail);
      // The next chunk is asked for once fewer than IMPORTS_IN_FLIGHT are unsettled.
      if (inFlight.length >= IMPORTS_IN_FLIGHT) await inFlight.shift()!.catch(() => undefined);
      if (!failed) send({ type: 'next' });
    };
    send({ type: 'start', options: { contacts, seed, anchor: todayAnchor() } });
  });
}

/** The sample definitions when none are stored, then the kept ones; returns the ids activated. */
async function activateDefinitions(keep: PendingGeneration['definitions']): Promise<string[]> {
  const client = demoClient();
  const stored = await client.listDefinitions();
  const fresh = stored.length === 0 && keep.length === 0;
  const wanted = fresh ? sampleDefinitions.map((definition) => ({ definition, active: true })) : keep;
  // The sample definitions start with 90 days of history (docs/score-history.md): the score
  // history and the weekly report have something to show on the first visit. Kept definitions have
  // a history of their own, which a backfill may not fill (it is refused).
  const options = fresh ? { backfill: { days: 90 } } : undefined;
  const activeById = new Map(wanted.map(({ definition, active }) => [definition.id, active]));
  const ordered = inScoreOrder(wanted.map((kept) => kept.definition));
  for (const definition of ordered) await client.saveDraft(definition);
  const activated: string[] = [];
  const progress = new Map<string, { done: number; total: number }>();
  const show = () => {
    let done = 0;
    let total = 0;
    for (const one of progress.values()) {
      done += one.done;
      total += one.total;
    }
    update({ done, total: Math.max(1, total) });
  };
  // Activations of one wave are asked for together (the worker may score them in one pass); a
  // definition that reads another's score waits for that one's wave.
  for (const wave of activationWaves(ordered.filter((definition) => activeById.get(definition.id)))) {
    progress.clear();
    await Promise.all(wave.map(async (definition) => {
      progress.set(definition.id, { done: 0, total: 0 });
      try {
        await client.activate(definition.id, (step) => {
          // The backfill's steps count days, not records: the bar counts the records.
          if (step.step === 'backfill') return;
          progress.set(definition.id, { done: step.done, total: step.total });
          show();
        }, options);
        activated.push(definition.id);
      } catch (error) {
        // A kept definition that no longer fits the data (a list it names is gone) stays a draft.
        console.warn(`"${definition.id}" was kept as a draft:`, error);
      }
    }));
  }
  return ordered.filter((definition) => activated.includes(definition.id)).map((definition) => definition.id);
}
