import type { Decay } from '../model/definition.ts';
import { DAY_MS } from './calendar.ts';

export interface CompiledDecay {
  /** The share of its original points an event of this time keeps at `asOf` (scoring.md §5.2). */
  factor(eventTime: number, asOf: number): number;
  /** When that share next drops, or Infinity once it is 0. */
  nextStep(eventTime: number, asOf: number): number;
}

/** Linear and stepwise, per event, from its original points; a month is exactly 30 days (§5.1). */
export function compileDecay(decay: Decay): CompiledDecay {
  const stepMs = 30 * decay.everyMonths * DAY_MS;
  const perStep = decay.percent / 100;
  const stepsAt = (eventTime: number, asOf: number) => Math.floor((asOf - eventTime) / stepMs);
  return {
    factor: (eventTime, asOf) => Math.max(0, 1 - perStep * stepsAt(eventTime, asOf)),
    nextStep: (eventTime, asOf) => {
      const steps = stepsAt(eventTime, asOf);
      return 1 - perStep * steps > 0 ? eventTime + (steps + 1) * stepMs : Infinity;
    },
  };
}
