// Random streams against a brute-force recount: every result the SlidingWindow emits (counts,
// accounts, displays, ranks in every order including rising, posts, late, duplicates) must equal what a naive oracle computes by keeping every counted
// post in a list and recounting each window from scratch. The oracle implements the module
// header's rules directly, with its own formulas, and shares no code with the window.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {RankOrder} from '../../source/core/rank-order.js';
import {SlidingWindow} from '../../source/core/sliding-window.js';
import type {RankedTag, WindowResult} from '../../source/core/window-result.js';

type Mode = 'arrival' | 'event';
type Setup = {
  unit: number;
  windowUnits: number;
  slideUnits: number;
  origin: number;
  mode: Mode;
  top: number;
  boundUnits: number;
  latenessUnits: number;
  /**
   * An out-of-orderness bound longer than the whole stream, as the batch engine uses for an
   * archive in no particular order: nothing is due or late before `finish()`.
   */
  archive: boolean;
  rank: RankOrder;
  /** Undefined: the default, 10 × the current window. */
  baselineUnits: number | undefined;
  minAccounts: number;
};
type Op =
  | {
      kind: 'add';
      step: number;
      behind: number;
      tags: string[];
      /** From a small pool, so ids repeat (duplicates); undefined: no id, never a duplicate. */
      id: number | undefined;
      /** From a small pool, so authors repeat; undefined: an account of its own. */
      author: string | undefined;
    }
  | {kind: 'setRank'; rank: RankOrder}
  | {kind: 'advance'; ahead: number}
  | {kind: 'setWindow'; windowUnits: number; slideUnits: number};

/**
 * Lower-casing and NFKC make several of these one key: a/A/Ａ, é (two spellings), ss/SS (ß
 * stays apart). `H̱` has key `ẖ`, which is itself a spelling of another key, `ẖ`: normalising
 * is not always idempotent, and the interning must not mix the two up.
 */
const SPELLINGS = [
  'a',
  'A',
  'Ａ',
  'b',
  'B',
  'c',
  'é',
  'e\u0301',
  'ß',
  'SS',
  'ss',
  'StanLee',
  'H\u0331',
  'h\u0331',
  '\u1e96',
];
const keyOf = (tag: string) => tag.normalize('NFKC').toLowerCase();

type CountedPost = {time: number; tags: readonly string[]; author: string; id: string | undefined};
let anonymous = 0;

/** The naive model: every counted post in a list, every window recounted from it. */
class BruteForce {
  private windowMs: number;
  private slideMs: number;
  private lastEnd: number | undefined;
  private readonly counted: CountedPost[] = [];
  private latestSeen = Number.NEGATIVE_INFINITY;
  private late = 0;
  private duplicates = 0;
  /** Posts before this time are no longer retained: their ids are forgotten. */
  private forgottenBefore = Number.NEGATIVE_INFINITY;
  rank: RankOrder;
  lastResult: WindowResult | undefined;
  emitted = 0;
  /** Results listing rising terms, and results where a term has fewer accounts than posts. */
  risingLists = 0;
  sharedAccounts = 0;

  constructor(
    windowMs: number,
    slideMs: number,
    private readonly mode: Mode,
    private readonly top: number,
    private readonly bound: number,
    private readonly lateness: number,
    rank: RankOrder,
    private readonly baselineMs: number | undefined,
    private readonly minAccounts: number,
    private readonly retention: number,
    private readonly paneMs: number,
  ) {
    this.windowMs = windowMs;
    this.slideMs = slideMs;
    this.rank = rank;
  }

  private get baseline(): number {
    return this.baselineMs ?? 10 * this.windowMs;
  }

  add(
    time: number,
    tags: readonly string[],
    author: string | undefined,
    id: string | undefined,
  ): 'counted' | 'late' | 'duplicate' {
    if (
      id !== undefined &&
      this.counted.some((post) => post.id === id && post.time >= this.forgottenBefore)
    ) {
      this.duplicates++;
      return 'duplicate';
    }
    this.latestSeen = Math.max(this.latestSeen, time);
    if (this.lastEnd !== undefined) {
      // The last window holding `time` (ends in (time, time + window]); emitted already?
      const lastHolding = Math.floor((time + this.windowMs) / this.slideMs) * this.slideMs;
      if (lastHolding <= this.lastEnd) {
        this.late++;
        return 'late';
      }
    }
    this.counted.push({time, tags, author: author ?? `anonymous ${++anonymous}`, id});
    return 'counted';
  }

  advance(now: number): WindowResult[] {
    const due =
      this.mode === 'arrival' ? now : Math.max(this.latestSeen, now) - this.bound - this.lateness;
    return this.emitThrough(due);
  }

  finish(): WindowResult[] {
    if (this.counted.length === 0) return [];
    const latest = Math.max(...this.counted.map((post) => post.time));
    return this.emitThrough(Math.floor((latest + this.windowMs) / this.slideMs) * this.slideMs);
  }

  setWindow(windowMs: number, slideMs: number): WindowResult | undefined {
    this.windowMs = windowMs;
    this.slideMs = slideMs;
    return this.lastEnd === undefined ? undefined : this.recount(this.lastEnd);
  }

  setRank(rank: RankOrder): WindowResult | undefined {
    this.rank = rank;
    return this.lastEnd === undefined ? undefined : this.recount(this.lastEnd);
  }

  private emitThrough(due: number): WindowResult[] {
    const slide = this.slideMs;
    let end: number;
    if (this.lastEnd === undefined) {
      if (this.counted.length === 0) return [];
      const earliest = Math.min(...this.counted.map((post) => post.time));
      end = Math.floor(earliest / slide) * slide + slide;
    } else {
      end = Math.floor(this.lastEnd / slide) * slide + slide;
    }
    const results: WindowResult[] = [];
    for (; end <= due; end += slide) {
      this.lastEnd = end;
      results.push(this.recount(end));
    }
    return results;
  }

  /** Accounts per key among the counted posts in [end − window, end). */
  private accountsIn(end: number): Map<string, number> {
    const authors = new Map<string, Set<string>>();
    for (const post of this.counted) {
      if (post.time < end - this.windowMs || post.time >= end) continue;
      for (const tag of post.tags) {
        const set = authors.get(keyOf(tag)) ?? new Set<string>();
        set.add(post.author);
        authors.set(keyOf(tag), set);
      }
    }
    return new Map([...authors].map(([key, set]) => [key, set.size]));
  }

  private recount(end: number): WindowResult {
    const start = end - this.windowMs;
    const inside = this.counted.filter((post) => post.time >= start && post.time < end);
    const byKey = new Map<string, Map<string, number>>();
    for (const post of inside) {
      for (const tag of post.tags) {
        const spellings = byKey.get(keyOf(tag)) ?? new Map<string, number>();
        spellings.set(tag, (spellings.get(tag) ?? 0) + 1);
        byKey.set(keyOf(tag), spellings);
      }
    }
    const accounts = this.accountsIn(end);
    let rows: {key: string; display: string; count: number; accounts: number; score?: number}[] = [
      ...byKey,
    ].map(([key, spellings]) => {
      const list = [...spellings].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      const count = list.reduce((sum, [, n]) => sum + n, 0);
      return {key, display: list[0]![0], count, accounts: accounts.get(key)!};
    });
    let warmingUp = false;
    if (this.rank === 'posts') {
      rows.sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : 1));
    } else if (this.rank === 'accounts') {
      rows.sort((x, y) => y.accounts - x.accounts || (x.key < y.key ? -1 : 1));
    } else {
      // The earlier windows: ends t − W, t − 2W, … floored to the slide, after the earliest post.
      const earliest = Math.min(...this.counted.map((post) => post.time));
      const count = Math.max(1, Math.floor(this.baseline / this.windowMs));
      const earlier: Map<string, number>[] = [];
      for (let k = 1; k <= count; k++) {
        const at = Math.floor((end - k * this.windowMs) / this.slideMs) * this.slideMs;
        if (at > earliest) earlier.push(this.accountsIn(at));
      }
      warmingUp = earlier.length === 0;
      rows = warmingUp
        ? []
        : rows
            .map((row) => {
              const expected =
                earlier.reduce((sum, map) => sum + (map.get(row.key) ?? 0), 0) / earlier.length;
              const observed = row.accounts;
              const score =
                observed > expected && observed >= this.minAccounts
                  ? (observed - expected) ** 2 / Math.max(expected, 1)
                  : 0;
              return {...row, score};
            })
            .filter((row) => row.score > 0)
            .sort(
              (x, y) => y.score! - x.score! || y.accounts - x.accounts || (x.key < y.key ? -1 : 1),
            );
    }
    const shown = this.top === 0 ? rows : rows.slice(0, this.top);
    const top: RankedTag[] = shown.map((row, i) => ({...row, rank: i + 1}));
    // Retained history after this emission: what the window keeps (see its header).
    const rising = this.rank === 'rising' ? this.baseline + this.windowMs + this.slideMs : 0;
    const kept = Math.max(this.windowMs, this.retention, rising);
    this.forgottenBefore = Math.max(
      this.forgottenBefore,
      Math.floor((end - kept) / this.paneMs) * this.paneMs,
    );
    this.emitted++;
    const result: WindowResult = {
      start,
      end,
      windowMs: this.windowMs,
      slideMs: this.slideMs,
      terms: 'hashtags',
      rank: this.rank,
      posts: inside.length,
      late: this.late,
      duplicates: this.duplicates,
      top,
    };
    if (warmingUp) result.warmingUp = true;
    if (this.rank === 'rising' && top.length > 0) this.risingLists++;
    if (top.some((tag) => tag.accounts < tag.count)) this.sharedAccounts++;
    return (this.lastResult = result);
  }

  get lateCount(): number {
    return this.late;
  }

  get duplicateCount(): number {
    return this.duplicates;
  }
}

const setupArbitrary: fc.Arbitrary<Setup> = fc
  .record({
    unit: fc.constantFrom(1, 7, 250, 1000, 1500),
    windowUnits: fc.integer({min: 1, max: 6}),
    slideUnits: fc.integer({min: 1, max: 6}),
    origin: fc.integer({min: -50, max: 50}),
    mode: fc.constantFrom<Mode>('arrival', 'event'),
    top: fc.constantFrom(0, 1, 2, 3, 10),
    boundUnits: fc.integer({min: 0, max: 3}),
    latenessUnits: fc.integer({min: 0, max: 2}),
    archive: fc.boolean(),
    rank: fc.constantFrom<RankOrder>('posts', 'accounts', 'rising'),
    baselineUnits: fc.option(fc.integer({min: 1, max: 12}), {nil: undefined}),
    minAccounts: fc.integer({min: 0, max: 3}),
  })
  .map((setup) => ({...setup, slideUnits: Math.min(setup.slideUnits, setup.windowUnits)}));

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      // Mostly small steps forward; sometimes far behind (disorder and late posts).
      step: fc.integer({min: 0, max: 4}),
      behind: fc.oneof(fc.constant(0), fc.integer({min: 0, max: 3}), fc.integer({min: 0, max: 20})),
      tags: fc.subarray(SPELLINGS, {maxLength: 4}),
      id: fc.option(fc.integer({min: 0, max: 40}), {nil: undefined}),
      author: fc.option(fc.constantFrom('ann', 'bob', 'cy', 'dee'), {nil: undefined}),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('setRank' as const),
      rank: fc.constantFrom<RankOrder>('posts', 'accounts', 'rising'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ahead: fc.integer({min: -2, max: 10}),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('setWindow' as const),
      windowUnits: fc.integer({min: 1, max: 8}),
      slideUnits: fc.integer({min: 1, max: 8}),
    }),
  },
);

/** One tag per key, as posts carry them. */
function uniqueByKey(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => !seen.has(keyOf(tag)) && seen.add(keyOf(tag)));
}

/** Far longer than any generated stream (a few million ms at most). */
const ARCHIVE_BOUND_MS = 1e12;

function run(setup: Setup, ops: readonly Op[]): void {
  const {unit} = setup;
  const windowMs = setup.windowUnits * unit;
  const slideMs = setup.slideUnits * unit;
  const options = {
    windowMs,
    slideMs,
    timeMode: setup.mode,
    top: setup.top,
    maxOutOfOrdernessMs: setup.archive ? ARCHIVE_BOUND_MS : setup.boundUnits * unit,
    allowedLatenessMs: setup.latenessUnits * unit,
    // Enough for the longest window a setWindow can ask for and its default baseline (10 ×
    // 8 units, plus the window and slide), so panes dropped earlier are never needed; short
    // enough that long streams do drop panes (and forget their posts' ids).
    retentionMs: 100 * unit + 1000,
    rank: setup.rank,
    baselineMs: setup.baselineUnits === undefined ? undefined : setup.baselineUnits * unit,
    minAccounts: setup.minAccounts,
  };
  const window = new SlidingWindow(options);
  const pane = window.paneMs;
  const oracle = new BruteForce(
    windowMs,
    slideMs,
    setup.mode,
    setup.top,
    options.maxOutOfOrdernessMs,
    options.allowedLatenessMs,
    setup.rank,
    options.baselineMs,
    setup.minAccounts,
    options.retentionMs,
    pane,
  );
  // Times: a clock in units, plus a sub-unit phase so posts fall inside panes, not on edges.
  let clock = setup.origin * unit;
  let phase = 0;
  for (const op of ops) {
    if (op.kind === 'add') {
      clock += op.step * unit;
      phase = (phase + 37) % unit;
      const time = clock - op.behind * unit + phase;
      const tags = uniqueByKey(op.tags);
      const id = op.id === undefined ? undefined : `post-${op.id}`;
      expect(window.add(time, tags, op.author, id)).toBe(oracle.add(time, tags, op.author, id));
    } else if (op.kind === 'advance') {
      const now = clock + op.ahead * unit;
      expect(window.advance(now)).toEqual(oracle.advance(now));
    } else if (op.kind === 'setRank') {
      expect(window.setRank(op.rank)).toEqual(oracle.setRank(op.rank));
    } else {
      // Whole panes (the window's contract); the slide no longer than the window.
      const round = (ms: number) => Math.max(pane, Math.ceil(ms / pane) * pane);
      const newWindow = round(op.windowUnits * unit);
      const newSlide = Math.min(round(op.slideUnits * unit), newWindow);
      const answer = oracle.setWindow(newWindow, newSlide);
      expect(window.setWindow(newWindow, newSlide)).toEqual(answer);
      if (answer !== undefined) stats.changes++;
    }
    expect(window.late).toBe(oracle.lateCount);
    expect(window.duplicates).toBe(oracle.duplicateCount);
  }
  expect(window.finish()).toEqual(oracle.finish());
  expect(window.latest()).toEqual(oracle.lastResult);
  stats.runs++;
  stats.emitted += oracle.emitted;
  stats.late += oracle.lateCount;
  stats.duplicates += oracle.duplicateCount;
  stats.rising += oracle.risingLists;
  stats.sharedAccounts += oracle.sharedAccounts;
}

const stats = {
  runs: 0,
  emitted: 0,
  late: 0,
  changes: 0,
  duplicates: 0,
  rising: 0,
  sharedAccounts: 0,
};

describe('SlidingWindow against a brute-force recount', () => {
  // The recount is slow on purpose (every window and baseline from scratch), and the machine
  // may be shared: a generous limit.
  it('gives identical results on random streams', {timeout: 120_000}, () => {
    fc.assert(
      fc.property(
        setupArbitrary,
        fc.array(opArbitrary, {maxLength: 120, size: 'max'}),
        (setup, ops) => {
          run(setup, ops);
        },
      ),
      {numRuns: 500},
    );
    // The streams must exercise what they claim to: windows emitted and late posts.
    expect(stats.emitted).toBeGreaterThan(5000);
    expect(stats.late).toBeGreaterThan(200);
    expect(stats.changes).toBeGreaterThan(200);
    expect(stats.duplicates).toBeGreaterThan(200);
    // Windows listing rising terms, and windows where a term has fewer accounts than posts.
    expect(stats.rising).toBeGreaterThan(200);
    expect(stats.sharedAccounts).toBeGreaterThan(200);
  });
});
