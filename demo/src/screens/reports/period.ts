// The funnel's period as the reader picks it: whole days in their own time zone, the end date
// included, sent to the worker as the instants [from, to).

export type PeriodPreset = '30' | '90' | '365' | 'year' | 'custom';
export const periodPresets: PeriodPreset[] = ['30', '90', '365', 'year', 'custom'];

/** Inclusive local dates as a date input holds them (YYYY-MM-DD). */
export interface PeriodDates {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date as a date input's value. */
export function dateValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a date input's value, `days` later; undefined for a value that is not a date. */
function midnight(value: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/** The dates a preset stands for, ending today. */
export function presetDates(preset: Exclude<PeriodPreset, 'custom'>, today: Date): PeriodDates {
  const to = dateValue(today);
  if (preset === 'year') return { from: `${today.getFullYear()}-01-01`, to };
  const days = Number(preset);
  return { from: dateValue(new Date(today.getFullYear(), today.getMonth(), today.getDate() - days + 1)), to };
}

/** [from, to) in epoch ms: from the start of the first day to the end of the last; undefined when empty or unreadable. */
export function periodInstants(dates: PeriodDates): { from: number; to: number } | undefined {
  const from = midnight(dates.from);
  const to = midnight(dates.to, 1);
  return from === undefined || to === undefined || from >= to ? undefined : { from, to };
}
