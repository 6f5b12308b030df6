import type { Instant } from '../src/index.ts';
import { instantSchema } from '../src/model/time.ts';

export type AsOf = { ok: true; value: Instant } | { ok: false; problem: string };

/** `--as-of` takes what the formats take for an instant; digits alone are epoch milliseconds. */
export function parseAsOf(text: string | undefined): AsOf {
  if (text === undefined) return { ok: true, value: new Date().toISOString() };
  const candidate = /^-?\d+$/.test(text) ? Number(text) : text;
  const parsed = instantSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problem: `--as-of must be a date (2026-03-01), a date-time with a time zone (2026-03-01T10:00:00Z) or epoch milliseconds, not "${text}"`,
  };
}
