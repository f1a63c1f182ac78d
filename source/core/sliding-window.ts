// The trend engine: exact hashtag counts over an epoch-aligned sliding window, updated
// incrementally, with time always passed in (no clocks, no timers), so tests drive it with plain
// numbers. What users see of it (half-open windows, event time, `late`) is the README's "How it
// counts".
//
// Panes. Every counted post goes into exactly one pane, the slice [i·pane, (i+1)·pane) holding
// its time. The pane length divides the window and the slide (by default gcd(window, slide,
// 1 s)), so every window is a whole number of panes and stays so when the dashboard switches to
// any other whole-second window or slide. The window's counts are kept as running totals: when
// the window slides, the panes entering are added and the panes leaving are subtracted (Spark's
// inverse reduce), so a slide costs the entries of two slides' worth of panes, never a recount.
//
// Windows. A window covers [end − window, end); ends are the multiples of the slide. The first
// window emitted is the first one holding the earliest post counted before any emission; after
// that every window end is emitted in order, empty ones included:
//   - arrival mode: the window ending at `end` is emitted once `advance(now)` has `end <= now`;
//   - event mode: once `end <= watermark − allowedLateness`, where
//     `watermark = max(latest post time seen, now) − maxOutOfOrderness`. Taking `now` in lets a
//     quiet stream still slide; a replay passes its own clock as `now`.
// Emitted windows are final: they are never revised.
//
// Late posts (the one rule, also what the property test's brute-force recount implements):
// a post is counted iff at least one window holding it has not been emitted yet, i.e. iff the
// last window holding it ends after the last emitted end. Otherwise it only increments `late`.
// A counted post appears in every not-yet-emitted window holding it; an emitted window never
// changes. So a post is never lost silently and never counted twice. A post whose time is not a
// finite number fits no window and is counted as late too.
//
// Run-time changes. `setWindow` answers at once with the window of the new length ending at the
// last emitted end (which may be off the new slide's grid), recounted from retained panes; later
// windows end on the new slide's multiples. Panes are retained for max(retention, window)
// behind the last emitted end (no retention beyond the window unless asked for), and no longer:
// a window made longer later is missing what was already dropped, and says so (`partial`) until
// it no longer reaches back before the history held.
//
// Memory. Tags are interned to ids (`TagTable`) and counted in typed arrays; a tag's id is
// recycled as soon as no retained pane holds it, so zero counts cost nothing and the table
// tracks only live tags. The panes themselves (sparse, sealed, dropped) are a `PaneStore`.
//
// Finite input. `finish()` emits every window through the last one holding the latest post. A
// batch job that must count every post whatever the order (a twarc2 search archive is newest
// first) passes an out-of-orderness longer than the input's span: nothing is due, so nothing is
// late, before `finish()`.
//
// Accounts. Each pane also keeps, per (key, author), how many of its posts by that author carry
// the key; the window keeps the same sums over its panes, added and subtracted with them, and a
// key's accounts are the authors whose sum is above zero. So `accounts` is exact and costs a
// slide the pairs of its entering and leaving panes, like the counts.
//
// Duplicates. A post whose id was already counted in a retained pane is not counted again, only
// added to `duplicates`; a pane takes its posts' ids with it when it is dropped, so the memory
// this needs is bounded by the retained history (kept compactly: window/post-id-set.ts).
//
// Order. `posts` (count), `accounts`, or `rising` (see window/rising.ts, which needs the
// retained history to reach back a baseline: ranking by `rising`, panes are kept for
// max(retention, window, baseline + window + slide)). `setRank` re-orders the current window at
// once; a caller that may switch to `rising` later asks to keep the baseline (`keepBaseline`).
//
// Display: the spelling with the most occurrences in the window; ties go to the smallest in
// UTF-16 code-unit order rather than the first seen, so that the same posts give the same
// output whatever order they arrive in. Ranking: count descending, then key ascending. How a
// tag moved since the previous window is the reader's business (the dashboard's arrows).
import type {RankOrder} from './rank-order.js';
import type {TermKind} from './terms/term-kind.js';
import type {RankedTag, WindowResult} from './window-result.js';
import {AuthorTable} from './window/author-table.js';
import type {Pane} from './window/pane.js';
import {PairTable} from './window/pair-table.js';
import {PaneStore} from './window/pane-store.js';
import {PostIdSet} from './window/post-id-set.js';
import {PostTermLists} from './window/post-term-lists.js';
import {TagTable} from './window/tag-table.js';
import {defaultBaselineMs, selectRising} from './window/rising.js';
import {selectTop} from './window/top-k.js';

export type SlidingWindowOptions = {
  windowMs: number;
  slideMs: number;
  timeMode: 'arrival' | 'event';
  /** Tags per result; 0 = all. */
  top: number;
  /** Event time: how far behind the latest post the watermark trails. Default 5000. */
  maxOutOfOrdernessMs?: number;
  /** Event time: extra wait after the watermark passes a window's end. Default 0. */
  allowedLatenessMs?: number;
  /**
   * History kept for run-time window changes. Default 0. Panes kept: max(this, window, and the
   * baseline's span when ranking by `rising` or `keepBaseline`).
   */
  retentionMs?: number;
  /** Keep `rising`'s baseline whatever the order, so that switching to it has one at once. */
  keepBaseline?: boolean;
  /**
   * Pane length; must divide window and slide, and every window or slide later passed to
   * `setWindow`. Default gcd(window, slide, 1000): fine enough for any whole-second change.
   * A fixed-window batch job can pass gcd(window, slide) to hold fewer, larger panes.
   */
  paneMs?: number;
  /** What is counted, as results name it. Default `hashtags`. */
  terms?: TermKind;
  /** How results are ordered. Default `posts`. */
  rank?: RankOrder;
  /** `rising`: the history compared against. Default 10 × the current window. */
  baselineMs?: number;
  /** `rising`: the least accounts a term needs to rank. Default 3. */
  minAccounts?: number;
  /** Count distinct accounts per term (default); off only to measure what that costs. */
  accounts?: boolean;
};

type AddOutcome = 'counted' | 'late' | 'duplicate';

/** A term seen with another: `count` is the posts carrying both. */
export type CooccurringTerm = Pick<RankedTag, 'key' | 'display' | 'count' | 'rank'>;

/** A (key, author) pair as one number: key id × 2³² + author id. */
const DEFAULT_MIN_ACCOUNTS = 3;

const DEFAULT_OUT_OF_ORDERNESS_MS = 5000;
const FINEST_DEFAULT_PANE_MS = 1000;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkLength(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive whole number of milliseconds, got ${value}`);
  }
}

export class SlidingWindow {
  readonly paneMs: number;
  private windowLength: number;
  private slideLength: number;
  private readonly timeMode: 'arrival' | 'event';
  private readonly topSize: number;
  private readonly outOfOrderness: number;
  private readonly lateness: number;
  private readonly retention: number;
  private readonly keepBaseline: boolean;

  private readonly tags = new TagTable();
  private readonly panes: PaneStore;
  /** Each multi-term post's spelling ids, for the window's panes only: see `cooccurring`. */
  private readonly termLists = new PostTermLists();
  /** The post being added's spelling ids (reused: no allocation per post). */
  private readonly postSpellings: number[] = [];
  private readonly authors = new AuthorTable();
  private readonly countAccounts: boolean;
  /** Per (key, author) pair: posts in the current window. */
  private readonly windowPairs = new PairTable();
  /** Ids of the posts counted in retained panes. */
  private readonly countedIds = new PostIdSet();
  private duplicateCount = 0;
  private readonly terms: TermKind;
  private rank: RankOrder;
  private readonly baselineMs: number | undefined;
  private readonly minAccounts: number;
  /** `rising`: accounts per key of earlier windows of the current length, by end. */
  private readonly earlierAccounts = new Map<number, Map<number, number>>();

  /** End of the last emitted window; undefined before the first emission. */
  private lastEnd: number | undefined;
  /** Posts earlier than this are late (no window holding them is still to be emitted). */
  private countFrom = Number.NEGATIVE_INFINITY;
  private windowPosts = 0;
  private lateCount = 0;
  private earliestCounted = Number.POSITIVE_INFINITY;
  private latestCounted = Number.NEGATIVE_INFINITY;
  private latestSeen = Number.NEGATIVE_INFINITY;
  /** End of the latest dropped pane that held posts: windows reaching before it are partial. */
  private forgottenBefore = Number.NEGATIVE_INFINITY;
  private lastResult: WindowResult | undefined;

  constructor(options: SlidingWindowOptions) {
    checkLength('windowMs', options.windowMs);
    checkLength('slideMs', options.slideMs);
    this.paneMs =
      options.paneMs ?? gcd(gcd(options.windowMs, options.slideMs), FINEST_DEFAULT_PANE_MS);
    checkLength('paneMs', this.paneMs);
    this.panes = new PaneStore(this.paneMs);
    this.checkShape(options.windowMs, options.slideMs);
    this.windowLength = options.windowMs;
    this.slideLength = options.slideMs;
    this.timeMode = options.timeMode;
    if (!Number.isSafeInteger(options.top) || options.top < 0) {
      throw new RangeError(`top must be a whole number >= 0, got ${options.top}`);
    }
    this.topSize = options.top;
    this.outOfOrderness = options.maxOutOfOrdernessMs ?? DEFAULT_OUT_OF_ORDERNESS_MS;
    this.lateness = options.allowedLatenessMs ?? 0;
    this.retention = options.retentionMs ?? 0;
    this.keepBaseline = options.keepBaseline ?? false;
    this.countAccounts = options.accounts ?? true;
    this.terms = options.terms ?? 'hashtags';
    this.rank = options.rank ?? 'posts';
    if (options.baselineMs !== undefined) checkLength('baselineMs', options.baselineMs);
    this.baselineMs = options.baselineMs;
    this.minAccounts = options.minAccounts ?? DEFAULT_MIN_ACCOUNTS;
  }

  /** Posts not counted again because their id was already counted. */
  get duplicates(): number {
    return this.duplicateCount;
  }

  get order(): RankOrder {
    return this.rank;
  }

  /** Posts not counted because every window holding them had already been emitted. */
  get late(): number {
    return this.lateCount;
  }

  /** Tag keys some retained pane still holds (what the memory bound is about). */
  get distinctTags(): number {
    return this.tags.liveKeys;
  }

  /**
   * Count one post. `hashtags` are its terms' display forms, one per key; arrival mode: time
   * received. A time that is not a finite number is counted as late. `author` makes accounts
   * (a post without one is an account of its own); `id`, when given, is checked for duplicates.
   */
  add(timeMs: number, hashtags: readonly string[], author?: string, id?: string): AddOutcome {
    if (id !== undefined && this.countedIds.has(id)) {
      this.duplicateCount++;
      return 'duplicate';
    }
    // A post without a usable time fits no window: reported with the late ones, not lost.
    if (!Number.isFinite(timeMs)) {
      this.lateCount++;
      return 'late';
    }
    if (timeMs > this.latestSeen) this.latestSeen = timeMs;
    if (timeMs < this.countFrom) {
      this.lateCount++;
      return 'late';
    }
    const paneIndex = Math.floor(timeMs / this.paneMs);
    const pane = this.panes.paneAt(paneIndex);
    pane.posts++;
    if (id !== undefined) this.countedIds.add(id, paneIndex);
    const authorId = this.countAccounts && hashtags.length > 0 ? this.authors.idOf(author) : -1;
    if (timeMs < this.earliestCounted) this.earliestCounted = timeMs;
    if (timeMs > this.latestCounted) this.latestCounted = timeMs;
    const tags = this.tags;
    // A pane already inside the emitted window: keep the running totals equal to its panes' sum.
    const inWindow = this.lastEnd !== undefined && timeMs < this.lastEnd;
    if (inWindow) this.windowPosts++;
    const postSpellings = this.postSpellings;
    for (let i = 0; i < hashtags.length; i++) {
      const spelling = tags.idOf(hashtags[i]!);
      postSpellings[i] = spelling;
      if (pane.increment(spelling)) tags.spellingRefs[spelling]!++;
      const key = tags.keyOfSpelling[spelling]!;
      if (inWindow) {
        tags.spellingCount[spelling]!++;
        tags.keyCount[key]!++;
      }
      if (authorId >= 0) {
        if (pane.pairs.add(key, authorId, 1) === 0) this.authors.hold(authorId);
        if (inWindow) this.addPair(key, authorId, 1);
      }
    }
    this.termLists.add(paneIndex, postSpellings, hashtags.length);
    return 'counted';
  }

  /**
   * Every window due by `nowMs` and not yet emitted, in order. `nowMs` may
   * be −Infinity when there is no clock yet (event time: then the posts alone set the watermark).
   */
  advance(nowMs: number): WindowResult[] {
    // −Infinity means "no clock yet"; +Infinity or NaN would emit windows without end.
    if (Number.isNaN(nowMs) || nowMs === Number.POSITIVE_INFINITY) {
      throw new RangeError(`advance needs a time, got ${nowMs}`);
    }
    const due =
      this.timeMode === 'arrival'
        ? nowMs
        : Math.max(this.latestSeen, nowMs) - this.outOfOrderness - this.lateness;
    return [...this.windowsThrough(due)];
  }

  /** Finite input ended: every remaining window through the last one holding the latest post. */
  finish(): WindowResult[] {
    return [...this.drain()];
  }

  /**
   * `finish()` one window at a time, each emitted as it is taken: a long archive's windows
   * (a year at a 10 s slide is three million) need not all be in memory at once. Change
   * nothing else on this window until the iteration is done.
   */
  drain(): Generator<WindowResult, void, undefined> {
    if (this.latestCounted === Number.NEGATIVE_INFINITY) return this.windowsThrough(-Infinity);
    const lastHolding =
      Math.floor((this.latestCounted + this.windowLength) / this.slideLength) * this.slideLength;
    return this.windowsThrough(lastHolding);
  }

  /**
   * Switch window and slide at run time. Returns at once the new-length window ending at the
   * last emitted end, recounted from retained panes (undefined before the first emission).
   */
  setWindow(windowMs: number, slideMs: number): WindowResult | undefined {
    checkLength('windowMs', windowMs);
    checkLength('slideMs', slideMs);
    this.checkShape(windowMs, slideMs);
    this.windowLength = windowMs;
    this.slideLength = slideMs;
    const end = this.lastEnd;
    if (end === undefined) return undefined;
    this.tags.clearCounts();
    this.windowPairs.clear();
    this.earlierAccounts.clear();
    this.windowPosts = 0;
    this.panes.forEach((end - windowMs) / this.paneMs, end / this.paneMs, (pane) =>
      this.addPane(pane, 1),
    );
    this.afterSlide(end);
    return this.emit();
  }

  /**
   * Order results by `rank` from now on. Returns at once the current window in the new order
   * (undefined before the first emission).
   */
  setRank(rank: RankOrder): WindowResult | undefined {
    this.rank = rank;
    return this.lastEnd === undefined ? undefined : this.emit();
  }

  /** The last result emitted (by `advance`, `finish`, `setWindow` or `setRank`). */
  latest(): WindowResult | undefined {
    return this.lastResult;
  }

  /** Time of the earliest post counted so far (+Infinity before any). */
  get earliestMs(): number {
    return this.earliestCounted;
  }

  /**
   * Where the history held begins: counts from here on are complete, earlier ones have been
   * dropped (−Infinity while nothing has been).
   */
  get historyFromMs(): number {
    return this.forgottenBefore;
  }

  /**
   * The terms most often seen with `key` in the last emitted window: posts carrying both, exact,
   * most first (ties by key), at most `limit`. `fromMs` is where the lists it counts from begin:
   * later than the window's start only after the window was made longer at run time.
   */
  cooccurring(key: string, limit: number): {terms: CooccurringTerm[]; fromMs: number} | undefined {
    const end = this.lastEnd;
    if (end === undefined) return undefined;
    const tags = this.tags;
    const keyId = this.keyIdOf(key);
    const fromIndex = Math.max(
      (end - this.windowLength) / this.paneMs,
      this.termLists.completeFrom,
    );
    const fromMs = fromIndex * this.paneMs;
    if (keyId < 0) return {terms: [], fromMs};
    const counts = this.termLists.cooccurring(
      fromIndex,
      end / this.paneMs,
      keyId,
      tags.keyOfSpelling,
    );
    const ids = [...counts.keys()].sort(
      (a, b) =>
        counts.get(b)! - counts.get(a)! ||
        (tags.keyText[a]! < tags.keyText[b]! ? -1 : tags.keyText[a]! > tags.keyText[b]! ? 1 : 0),
    );
    const terms = ids.slice(0, limit).map((id, i): CooccurringTerm => ({
      key: tags.keyText[id]!,
      display: tags.displayOf(id),
      count: counts.get(id)!,
      rank: i + 1,
    }));
    return {terms, fromMs};
  }

  /**
   * Posts carrying `key` in each `stepMs` slice of [fromMs, toMs) (oldest first), from the
   * retained panes; 0 where nothing is retained. Step and bounds must be pane multiples.
   */
  termCounts(key: string, fromMs: number, toMs: number, stepMs: number): number[] {
    const slices = Math.max(0, Math.ceil((toMs - fromMs) / stepMs));
    const out = new Array<number>(slices).fill(0);
    const keyId = this.keyIdOf(key);
    if (keyId < 0 || slices === 0) return out;
    const keyOf = this.tags.keyOfSpelling;
    const paneMs = this.paneMs;
    this.panes.forEach(Math.floor(fromMs / paneMs), Math.ceil(toMs / paneMs), (pane, index) => {
      const {ids, counts, size} = pane;
      let posts = 0;
      for (let entry = 0; entry < size; entry++) {
        if (keyOf[ids[entry]!] === keyId) posts += counts[entry]!;
      }
      const slice = Math.floor((index * paneMs - fromMs) / stepMs);
      if (posts > 0 && slice >= 0 && slice < slices) out[slice]! += posts;
    });
    return out;
  }

  /** The id of a live key, or −1 (a scan: called per question, never per post). */
  private keyIdOf(key: string): number {
    const {keyText, keyHigh} = this.tags;
    for (let id = 0; id < keyHigh; id++) if (keyText[id] === key) return id;
    return -1;
  }

  private checkShape(windowMs: number, slideMs: number): void {
    if (slideMs > windowMs) {
      throw new RangeError(`the slide (${slideMs} ms) must not exceed the window (${windowMs} ms)`);
    }
    if (windowMs % this.paneMs !== 0 || slideMs % this.paneMs !== 0) {
      throw new RangeError(
        `window ${windowMs} ms and slide ${slideMs} ms must be multiples of the pane, ${this.paneMs} ms`,
      );
    }
  }

  /** The windows due by `due`, emitted as they are iterated. */
  private *windowsThrough(due: number): Generator<WindowResult, void, undefined> {
    const slide = this.slideLength;
    let end: number;
    if (this.lastEnd === undefined) {
      if (this.earliestCounted === Number.POSITIVE_INFINITY) return;
      // Start with the window whose end is the first past the earliest post; the running
      // totals start empty, and are right to, since no post is earlier.
      const before = Math.floor(this.earliestCounted / slide) * slide;
      if (before + slide > due) return;
      this.lastEnd = before;
      end = before + slide;
    } else {
      end = (Math.floor(this.lastEnd / slide) + 1) * slide;
    }
    for (; end <= due; end += slide) {
      this.slideTo(end);
      yield this.emit();
    }
  }

  /** Move the running totals from the window ending at `lastEnd` to the one ending at `end`. */
  private slideTo(end: number): void {
    const from = this.lastEnd!;
    const pane = this.paneMs;
    const window = this.windowLength;
    // A pane entering the window is behind the watermark: it is (nearly always) complete.
    this.panes.forEach(from / pane, end / pane, (entering) => {
      this.addPane(entering, 1);
      this.panes.seal(entering);
    });
    this.panes.forEach((from - window) / pane, Math.min(end - window, from) / pane, (leaving) =>
      this.addPane(leaving, -1),
    );
    this.afterSlide(end);
  }

  private afterSlide(end: number): void {
    this.lastEnd = end;
    const slide = this.slideLength;
    const nextEnd = (Math.floor(end / slide) + 1) * slide;
    this.countFrom = nextEnd - this.windowLength;
    this.panes.sealReopened();
    // History is sized by the largest window asked for: retention, or the window if longer,
    // or, ranking by `rising`, what it looks back over.
    const risingSpan =
      this.rank === 'rising' || this.keepBaseline ? this.baseline() + this.windowLength + slide : 0;
    const kept = Math.max(this.windowLength, this.retention, risingSpan);
    const keepFrom = Math.floor((end - kept) / this.paneMs);
    this.panes.dropBefore(keepFrom, this.releasePane);
    // Co-occurrence is asked of the current window only: its lists need not outlive it.
    this.termLists.dropBefore(Math.floor((end - this.windowLength) / this.paneMs));
    // Earlier windows' accounts are needed back to the oldest baseline window only.
    for (const earlier of this.earlierAccounts.keys()) {
      if (earlier - this.windowLength < end - risingSpan) this.earlierAccounts.delete(earlier);
    }
  }

  private baseline(): number {
    return this.baselineMs ?? defaultBaselineMs(this.windowLength);
  }

  /** One (key, author) pair's posts in the window change by `delta`. */
  private addPair(key: number, author: number, delta: number): void {
    const before = this.windowPairs.add(key, author, delta);
    if (before === 0) this.tags.keyAccounts[key]!++;
    else if (before + delta === 0) this.tags.keyAccounts[key]!--;
  }

  /** Accounts per key id in the window of the current length ending at `end` (final by now). */
  private readonly accountsBefore = (end: number): Map<number, number> => {
    let accounts = this.earlierAccounts.get(end);
    if (accounts !== undefined) return accounts;
    accounts = new Map();
    const seen = new PairTable();
    this.panes.forEach((end - this.windowLength) / this.paneMs, end / this.paneMs, (pane) => {
      pane.pairs.forEach((key, author) => {
        if (seen.add(key, author, 1) === 0) accounts.set(key, (accounts.get(key) ?? 0) + 1);
      });
    });
    this.earlierAccounts.set(end, accounts);
    return accounts;
  };

  private addPane(pane: Pane, sign: 1 | -1): void {
    const {ids, counts, size} = pane;
    const tags = this.tags;
    const spellingCount = tags.spellingCount;
    const keyCount = tags.keyCount;
    const keyOf = tags.keyOfSpelling;
    for (let entry = 0; entry < size; entry++) {
      const id = ids[entry]!;
      const count = sign * counts[entry]!;
      spellingCount[id]! += count;
      keyCount[keyOf[id]!]! += count;
    }
    this.windowPosts += sign * pane.posts;
    if (this.countAccounts) {
      pane.pairs.forEach((key, author, count) => this.addPair(key, author, sign * count));
    }
  }

  /** A pane leaves the retained history: its spellings no longer hold their ids. */
  private readonly releasePane = (pane: Pane, index: number): void => {
    if (pane.posts > 0) {
      this.forgottenBefore = Math.max(this.forgottenBefore, (index + 1) * this.paneMs);
    }
    const {ids, size} = pane;
    const tags = this.tags;
    for (let entry = 0; entry < size; entry++) {
      const id = ids[entry]!;
      if (--tags.spellingRefs[id]! === 0) tags.release(id);
    }
    pane.pairs.forEach((_key, author) => this.authors.release(author));
    this.countedIds.releasePane(index);
  };

  private emit(): WindowResult {
    const tags = this.tags;
    const end = this.lastEnd!;
    let ids: number[] = [];
    let scores: number[] | undefined;
    let warmingUp: boolean | undefined;
    if (this.rank === 'rising') {
      const answer = selectRising({
        end,
        windowMs: this.windowLength,
        slideMs: this.slideLength,
        baselineMs: this.baseline(),
        minAccounts: this.minAccounts,
        earliestMs: this.earliestCounted,
        historyFromMs: this.forgottenBefore,
        keyHigh: tags.keyHigh,
        keyAccounts: tags.keyAccounts,
        keyText: tags.keyText,
        top: this.topSize,
        accountsBefore: this.accountsBefore,
      });
      ({ids, scores, warmingUp} = answer);
    } else if (this.windowPosts > 0) {
      // An empty window (a quiet spell, a gap in an archive) has no terms: skip the scan.
      const counts = this.rank === 'accounts' ? tags.keyAccounts : tags.keyCount;
      ids = selectTop(counts, tags.keyHigh, tags.keyText, this.topSize);
    }
    const top: RankedTag[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const tag: RankedTag = {
        key: tags.keyText[id]!,
        display: tags.displayOf(id),
        count: tags.keyCount[id]!,
        accounts: tags.keyAccounts[id]!,
        rank: i + 1,
      };
      if (scores !== undefined) tag.score = scores[i]!;
      top.push(tag);
    }
    const result: WindowResult = {
      start: end - this.windowLength,
      end,
      windowMs: this.windowLength,
      slideMs: this.slideLength,
      terms: this.terms,
      rank: this.rank,
      posts: this.windowPosts,
      late: this.lateCount,
      duplicates: this.duplicateCount,
      top,
    };
    if (warmingUp) result.warmingUp = true;
    if (result.start < this.forgottenBefore) result.partial = true;
    this.lastResult = result;
    return result;
  }
}
