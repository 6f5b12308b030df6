// The benchmark's figures: every row of the closing table (issue 14), each with the peer measured in
// the same run, the ratio and the target. The Node part and the browser part add to one
// collection; score.bench.ts prints it and writes it as JSON (latest.ts). A figure that could not be
// measured (a feature not there yet, a phase that broke) keeps its row with `na` saying why.

export type Unit = 'ms' | 'B' | 'count' | 'x';

export interface Figure {
  /** Stable name across runs: the JSON's key and what a later run compares by. */
  key: string;
  /** The table's section (engine, writes, activation, …). */
  section: string;
  label: string;
  /** In `unit`; null when not measured (`na` says why). */
  value: number | null;
  unit: Unit;
  /** What the value is compared with, measured in the same run. */
  peer?: { label: string; value: number; unit?: Unit };
  /** The target: the ratio value/peer, or the value itself, at most `max` (`below`: strictly under). */
  target?: { of: 'ratio' | 'value'; max: number; below?: boolean };
  detail?: string;
  na?: string;
}

export function ratioOf(figure: Figure): number | null {
  return figure.value !== null && figure.peer && figure.peer.value > 0 ? figure.value / figure.peer.value : null;
}

/** Whether the figure meets its target; null without a target or a measurement. */
export function metTarget(figure: Figure): boolean | null {
  if (!figure.target) return null;
  const measured = figure.target.of === 'ratio' ? ratioOf(figure) : figure.value;
  if (measured === null) return null;
  return figure.target.below ? measured < figure.target.max : measured <= figure.target.max;
}

export class Figures {
  readonly list: Figure[] = [];

  add(figure: Figure): Figure {
    const at = this.list.findIndex((f) => f.key === figure.key);
    if (at >= 0) this.list[at] = figure;
    else this.list.push(figure);
    return figure;
  }

  /** A row whose feature or phase is missing: kept in the table and the JSON with the reason. */
  missing(key: string, section: string, label: string, unit: Unit, na: string, target?: Figure['target']): Figure {
    return this.add({ key, section, label, value: null, unit, na, ...(target ? { target } : {}) });
  }

  get(key: string): Figure | undefined {
    return this.list.find((f) => f.key === key);
  }

  addAll(figures: readonly Figure[], prefix = ''): void {
    for (const figure of figures) this.add({ ...figure, key: `${prefix}${figure.key}` });
  }
}
