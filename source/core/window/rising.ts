// The `rising` order: growth of a term's accounts against its own past, as Mastodon scores
// trending tags. For the window ending at t (length W, slide S): o = the term's distinct
// accounts in it; e = the mean of its accounts over the B = ⌊baseline ÷ W⌋ earlier windows of
// the same length ending at t − W, t − 2W, … (where such an end is off the slide's grid, the
// latest window ending before it), counting only those that end after the earliest post
// counted, so windows from before the data began do not dilute the baseline, and only those
// wholly within the history still held (after a window was made longer at run time, the
// earlier windows of the new length may reach back before it). Score =
// (o − e)² ÷ max(e, 1) when o > e and o ≥ the minimum, else 0; zero scores are not listed.

/** Earlier windows rising compares against when no baseline is given: 10 × the window. */
export const DEFAULT_BASELINE_WINDOWS = 10;

/** The baseline span used when none is given. */
export function defaultBaselineMs(windowMs: number): number {
  return DEFAULT_BASELINE_WINDOWS * windowMs;
}

export type RisingQuestion = {
  end: number;
  windowMs: number;
  slideMs: number;
  baselineMs: number;
  minAccounts: number;
  /** Time of the earliest post counted so far. */
  earliestMs: number;
  /** Where the history held begins (−Infinity when nothing was dropped). */
  historyFromMs: number;
  /** Key ids are [0, keyHigh); `keyAccounts[id]` its accounts in the current window. */
  keyHigh: number;
  keyAccounts: Int32Array;
  keyText: readonly string[];
  /** Terms wanted; 0 = all. */
  top: number;
  /** Accounts per key id in the window of this length ending at `end`. */
  accountsBefore(end: number): ReadonlyMap<number, number>;
};

export type RisingAnswer = {
  ids: number[];
  scores: number[];
  /** No earlier window exists yet: nothing can be said to rise. */
  warmingUp: boolean;
};

/** The ends of the earlier windows the baseline averages over (newest first). */
export function baselineEnds(
  end: number,
  windowMs: number,
  slideMs: number,
  baselineMs: number,
  earliestMs: number,
  historyFromMs: number,
): number[] {
  const count = Math.max(1, Math.floor(baselineMs / windowMs));
  const ends: number[] = [];
  for (let k = 1; k <= count; k++) {
    const earlier = Math.floor((end - k * windowMs) / slideMs) * slideMs;
    if (earlier > earliestMs && earlier - windowMs >= historyFromMs) ends.push(earlier);
  }
  return ends;
}

/** The rising score of a term with `observed` accounts now against `expected` before. */
export function risingScore(observed: number, expected: number, minAccounts: number): number {
  if (observed <= expected || observed < minAccounts) return 0;
  return (observed - expected) ** 2 / Math.max(expected, 1);
}

export function selectRising(question: RisingQuestion): RisingAnswer {
  const {keyAccounts, keyText, minAccounts} = question;
  const ends = baselineEnds(
    question.end,
    question.windowMs,
    question.slideMs,
    question.baselineMs,
    question.earliestMs,
    question.historyFromMs,
  );
  if (ends.length === 0) return {ids: [], scores: [], warmingUp: true};
  const before = ends.map((end) => question.accountsBefore(end));
  const candidates: {id: number; score: number; observed: number}[] = [];
  // A term with no accounts now, or fewer than the minimum, cannot score.
  const least = Math.max(minAccounts, 1);
  for (let id = 0; id < question.keyHigh; id++) {
    const observed = keyAccounts[id]!;
    if (observed < least) continue;
    let sum = 0;
    for (const accounts of before) sum += accounts.get(id) ?? 0;
    const score = risingScore(observed, sum / before.length, minAccounts);
    if (score > 0) candidates.push({id, score, observed});
  }
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      b.observed - a.observed ||
      (keyText[a.id]! < keyText[b.id]! ? -1 : keyText[a.id]! > keyText[b.id]! ? 1 : 0),
  );
  const chosen = question.top > 0 ? candidates.slice(0, question.top) : candidates;
  return {
    ids: chosen.map((candidate) => candidate.id),
    scores: chosen.map((candidate) => candidate.score),
    warmingUp: false,
  };
}
