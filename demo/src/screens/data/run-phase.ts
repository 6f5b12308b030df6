// A sample-data generation's phase, told from its numbers: the run's own `text` (generation-run.ts)
// is English, so the welcome and the data screen word each phase through their locale instead.
import { localeOf } from '@leadscore/widgets';
import { onRunState, runState, type RunState } from './generation-run.ts';
import { runPhaseText } from './run-phase-messages.ts';

export type RunPhase =
  | { kind: 'idle' | 'clearing' | 'saving' }
  | { kind: 'storing' | 'scoring'; done: number; total: number }
  | { kind: 'ready'; counts: NonNullable<RunState['result']>['counts'] }
  | { kind: 'failed'; message: string };

/**
 * The phase of `run`. The import counts contacts up to its total; once they are all stored
 * (`imported`), the definitions are saved, then activated, counting the records scored.
 */
export function runPhase(run: RunState, imported: boolean): RunPhase {
  if (run.error) return { kind: 'failed', message: run.error };
  if (!run.running) return run.result ? { kind: 'ready', counts: run.result.counts } : { kind: 'idle' };
  if (run.total === 0) return { kind: 'clearing' };
  if (!imported) return { kind: 'storing', done: run.done, total: run.total };
  return run.done >= run.total || run.total <= 1 ? { kind: 'saving' } : { kind: 'scoring', done: run.done, total: run.total };
}

/** Calls `listener` with the run and its phase now and at every change; returns the unsubscribe. */
export function watchRunPhase(listener: (run: RunState, phase: RunPhase) => void): () => void {
  let imported = false;
  const seen = (run: RunState) => {
    if (!run.running || run.total === 0 || (run.done === 0 && !imported)) imported = false;
    else if (run.done >= run.total) imported = true;
    listener(run, runPhase(run, imported));
  };
  seen(runState());
  return onRunState(seen);
}

/** The phase in words, in the element's language; the bar's numbers when it has them. */
export function phaseText(element: Element, phase: RunPhase): string {
  const t = runPhaseText(element);
  const number = new Intl.NumberFormat(localeOf(element));
  const n = (value: number) => number.format(value);
  switch (phase.kind) {
    case 'storing': case 'scoring': return t(phase.kind, { done: n(phase.done), total: n(phase.total) });
    case 'ready': return t('ready', { contacts: n(phase.counts.contacts), companies: n(phase.counts.companies), deals: n(phase.counts.deals), events: n(phase.counts.events) });
    case 'failed': return t('failed', { message: phase.message });
    default: return t(phase.kind);
  }
}
