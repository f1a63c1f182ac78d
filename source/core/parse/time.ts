// Timestamps as the sources write them, to epoch milliseconds. X and Bluesky send millions of
// `2021-04-01T15:53:42.000Z` strings; reading those digits directly is ~10× faster than
// `Date.parse`, which stays the fallback for every other shape (offsets, v1.1's
// `Thu May 10 17:41:57 +0000 2018`).

/** Epoch milliseconds of a date string, or NaN when it is not one. */
export function parseTime(text: string): number {
  if (text.length === 24 && text.charCodeAt(23) === 0x5a /* Z */ && text.charCodeAt(10) === 0x54) {
    const fast = parseUtcIso(text);
    if (!Number.isNaN(fast)) return fast;
  }
  return Date.parse(text);
}

/** Epoch milliseconds of `value` if it is a date string, else `fallback`. */
export function timeOr(value: unknown, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  const time = parseTime(value);
  return Number.isNaN(time) ? fallback : time;
}

// `YYYY-MM-DDTHH:MM:SS.sssZ`, NaN for anything off-pattern (left to Date.parse).
function parseUtcIso(t: string): number {
  if (
    t.charCodeAt(4) !== 0x2d ||
    t.charCodeAt(7) !== 0x2d ||
    t.charCodeAt(13) !== 0x3a ||
    t.charCodeAt(16) !== 0x3a ||
    t.charCodeAt(19) !== 0x2e
  ) {
    return NaN;
  }
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  const ms = digits(t, 20, 3);
  // NaN from a non-digit anywhere poisons the sum.
  if (Number.isNaN(year + month + day + hour + minute + second + ms)) return NaN;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}
