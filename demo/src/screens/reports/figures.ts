// Numbers, shares and lengths of time as the Reports screen shows them, in the reader's locale.

/** A whole count (1,234 / 1.234). */
export function countText(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A share as a percentage with one decimal at most, or an en dash when there is none. */
export function shareText(locale: string, value: number | null): string {
  return value === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Seconds in the largest unit that reads well: days from one day, hours from one hour, else minutes. */
export function durationText(locale: string, seconds: number | null): string {
  if (seconds === null) return '–';
  const [value, unit] = seconds >= 86_400 ? [seconds / 86_400, 'day'] : seconds >= 3_600 ? [seconds / 3_600, 'hour'] : [seconds / 60, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}
