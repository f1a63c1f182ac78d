// Window and slide lengths as people type them (`10s`, `2m30s`, `1h`, `500ms`) and as the
// dashboard and records print them. Milliseconds everywhere inside.

const UNIT_MS = {h: 3_600_000, m: 60_000, s: 1000, ms: 1} as const;
type Unit = keyof typeof UNIT_MS;

// Units largest first, each at most once, so `1m30s` parses and `30s1m` or `1m1m` do not.
const ORDER: readonly Unit[] = ['h', 'm', 's', 'ms'];
const PART = /(\d+)(ms|h|m|s)/y;

/** The window lengths the dashboard's `+`/`-` keys step through (the README's "Keys"). */
export const WINDOW_PRESETS_MS: readonly number[] = Object.freeze([
  10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
]);

/**
 * Milliseconds for a duration like `10s`, `1m`, `2m30s`, `1h` or `500ms`; `undefined` for
 * anything else, including an empty string, a bare number, a sign, or a total of zero.
 */
export function parseDuration(text: string): number | undefined {
  const input = text.trim();
  if (input === '') return undefined;
  let total = 0;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < input.length) {
    const match = PART.exec(input);
    if (match === null) return undefined;
    const unitIndex = ORDER.indexOf(match[2] as Unit);
    if (unitIndex <= lastUnit) return undefined;
    lastUnit = unitIndex;
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest spelling `parseDuration` reads back: 20000 → `20s`, 150000 → `2m30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return `${ms}ms`;
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ORDER) {
    const size = UNIT_MS[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      out += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return out;
}
