import type { Decay } from '../model/definition.ts';
import { DAY_MS } from './calendar.ts';

/**
 * Linear and stepwise, per event, from its original points; a month is exactly 30 days (§5.1).
 * A class, not closures: scoring calls it for every counted event, and one method for every
 * group's decay keeps those calls cheap.
 */
export class CompiledDecay {
  private readonly stepMs: number;
  private readonly perStep: number;

  constructor(decay: Decay) {
    this.stepMs = 30 * decay.everyMonths * DAY_MS;
    this.perStep = decay.percent / 100;
  }

  /** The share of its original points an event of this time keeps at `asOf` (scoring.md §5.2). */
  factor(eventTime: number, asOf: number): number {
    return Math.max(0, 1 - this.perStep * Math.floor((asOf - eventTime) / this.stepMs));
  }

  /** When that share next drops, or Infinity once it is 0. */
  nextStep(eventTime: number, asOf: number): number {
    const steps = Math.floor((asOf - eventTime) / this.stepMs);
    return 1 - this.perStep * steps > 0 ? eventTime + (steps + 1) * this.stepMs : Infinity;
  }
}

export function compileDecay(decay: Decay): CompiledDecay {
  return new CompiledDecay(decay);
}
