/** Numbers and dates in the element's locale, through Intl (never hand-formatted). */
export function formatNumber(locale: string, value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

export function formatDate(locale: string, iso: string | number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(locale: string, iso: string | number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A duration in seconds as the largest fitting unit ("3 days", "5 hours"). */
export function formatDuration(locale: string, seconds: number): string {
  const units: [Intl.NumberFormatOptions['unit'], number][] = [['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  for (const [unit, size] of units) {
    if (seconds >= size || unit === 'second') {
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(seconds / size);
    }
  }
  return String(seconds);
}
