// One opened trend, kept outside React beside the trend model: the posts carrying it as they
// arrive, and, read from the sliding window at each snapshot, its count per slide over the
// retained history, its baseline and the terms seen with it. Final slides (wholly before the
// window, which no late post can change any more) are counted once and kept, so a snapshot
// recounts only the window's own few slides.
import type {Post} from '../core/post.js';
import {normalizeTag} from '../core/normalize-tag.js';
import type {CooccurringTerm, SlidingWindow} from '../core/sliding-window.js';
import {defaultBaselineMs} from '../core/window/rising.js';
import {RecentPosts} from './recent-posts.js';

/** Terms listed as seen with the open one. */
export const COOCCURRING_TERMS = 5;

export type TrendDetailSnapshot = {
  key: string;
  /** As shown when it was opened (its current spelling when it is in the window's top). */
  display: string;
  slideMs: number;
  /** Posts carrying the term per slide, oldest first; the last slide ends at `end`. */
  history: number[];
  end: number;
  /** Mean posts per slide over the baseline span before the window; undefined until one exists. */
  baseline?: number;
  baselineMs: number;
  /** Posts in the window carrying the term. */
  count: number;
  /** The terms most often carried with it in the window, with exact post counts. */
  cooccurring: CooccurringTerm[];
  /** Where the co-occurrence counts begin: the window's start, unless it was just made longer. */
  cooccurringFromMs: number;
  windowStart: number;
  /** Posts carrying the term, newest first. */
  posts: Post[];
};

type Cache = {signature: string; from: number; counts: number[]};

export class TrendDetail {
  readonly key: string;
  readonly display: string;
  readonly #posts: RecentPosts;
  #final: Cache | undefined;
  #cooccurring: {signature: string; terms: CooccurringTerm[]; fromMs: number} | undefined;

  /**
   * `earlier`: posts already listed, newest first; those carrying it (by `termsOf`, the terms
   * they were counted under) start the list.
   */
  constructor(
    key: string,
    display: string,
    capacity: number,
    earlier: readonly Post[] = [],
    termsOf: (post: Post) => readonly string[] = (post) => post.hashtags,
  ) {
    this.key = key;
    this.display = display;
    this.#posts = new RecentPosts(capacity);
    for (let i = earlier.length - 1; i >= 0; i--) {
      const post = earlier[i]!;
      if (this.carries(termsOf(post))) this.#posts.push(post);
    }
  }

  /** Whether terms (display forms, as counted) include this trend. */
  carries(terms: readonly string[]): boolean {
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      // Most terms are lower-case ASCII already: skip the normaliser when nothing can change.
      if (term === this.key || normalizeTag(term) === this.key) return true;
    }
    return false;
  }

  /** A post as it arrives, with the terms it was counted under. */
  offer(post: Post, terms: readonly string[]): void {
    if (this.carries(terms)) this.#posts.push(post);
  }

  /**
   * The detail for the window `window` last emitted. `signature` names what the counts depend on
   * beyond the window's end (which of the pair, the window and slide), so a change recounts.
   */
  snapshot(
    window: SlidingWindow,
    signature: string,
    retweets: boolean,
    baselineMs: number | undefined,
    postLimit: number,
  ): TrendDetailSnapshot | undefined {
    const latest = window.latest();
    if (latest === undefined) return undefined;
    const {end, windowMs, slideMs, start} = latest;
    const sig = `${signature}|${windowMs}|${slideMs}`;
    const earliest = window.earliestMs;
    // From the slide holding the earliest post, or the first slide wholly in the history still
    // held if some was dropped (a slide reaching before it would read as fewer posts).
    const forgotten = window.historyFromMs;
    const firstEnd = Math.max(
      Number.isFinite(earliest) ? (Math.floor(earliest / slideMs) + 1) * slideMs : end,
      Number.isFinite(forgotten) ? (Math.ceil(forgotten / slideMs) + 1) * slideMs : -Infinity,
    );
    const from = Math.min(end - slideMs, firstEnd - slideMs);
    // Slides ending at or before the window's start take no more posts (they are behind it).
    const finalTo = Math.max(from, start - ((start - from) % slideMs));
    const final = this.#finalCounts(window, sig, from, finalTo, slideMs);
    const history = final.concat(window.termCounts(this.key, finalTo, end, slideMs));
    const baseSpan = baselineMs ?? defaultBaselineMs(windowMs);
    let sum = 0;
    let slides = 0;
    for (let i = 0; i < history.length; i++) {
      const sliceEnd = from + (i + 1) * slideMs;
      if (sliceEnd > start || sliceEnd <= start - baseSpan) continue;
      if (!(sliceEnd > earliest)) continue;
      sum += history[i]!;
      slides++;
    }
    const top = latest.top.find((tag) => tag.key === this.key);
    const co = this.#cooccurringIn(window, `${sig}|${end}`);
    const count = top?.count ?? window.termCounts(this.key, start, end, windowMs)[0] ?? 0;
    return {
      key: this.key,
      display: top?.display ?? this.display,
      slideMs,
      history,
      end,
      baseline: slides > 0 ? sum / slides : undefined,
      baselineMs: baseSpan,
      count,
      cooccurring: co.terms,
      cooccurringFromMs: co.fromMs,
      windowStart: start,
      posts: this.#posts.newest(postLimit, retweets),
    };
  }

  #finalCounts(
    window: SlidingWindow,
    signature: string,
    from: number,
    to: number,
    slideMs: number,
  ): number[] {
    const cached = this.#final;
    if (cached === undefined || cached.signature !== signature || cached.from > from) {
      this.#final = {signature, from, counts: window.termCounts(this.key, from, to, slideMs)};
    } else {
      const cachedTo = cached.from + cached.counts.length * slideMs;
      if (to > cachedTo) {
        cached.counts.push(...window.termCounts(this.key, cachedTo, to, slideMs));
      }
      if (from > cached.from) {
        cached.counts.splice(0, (from - cached.from) / slideMs);
        cached.from = from;
      }
    }
    const counts = this.#final!.counts;
    return counts.slice(0, Math.max(0, (to - from) / slideMs));
  }

  #cooccurringIn(
    window: SlidingWindow,
    signature: string,
  ): {terms: CooccurringTerm[]; fromMs: number} {
    if (this.#cooccurring?.signature !== signature) {
      const answer = window.cooccurring(this.key, COOCCURRING_TERMS) ?? {terms: [], fromMs: 0};
      this.#cooccurring = {signature, ...answer};
    }
    return this.#cooccurring;
  }
}
