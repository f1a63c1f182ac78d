// The dashboard's sliding windows: one per kind of term (so the `t` key switches what is counted
// at once, from history already counted) on each of two sides, every post and originals only
// (so the retweet key switches at once and exactly instead of filtering a window that has
// already been summed). Every question is answered for the current kind and retweet setting.
import type {Post} from '../core/post.js';
import type {RankOrder} from '../core/rank-order.js';
import {SlidingWindow, type SlidingWindowOptions} from '../core/sliding-window.js';
import {TERM_KINDS, type TermKind} from '../core/terms/term-kind.js';
import {droppedWordsFor, termsOf, type DroppedWords} from '../core/terms/terms-of.js';
import type {WindowResult} from '../core/window-result.js';
import {RankMoves, type ShownResult} from './rank-moves.js';

/** One window counting one kind of term: its newest result, and the moves between results. */
class Counted {
  readonly window: SlidingWindow;
  latest: ShownResult | undefined;
  readonly #moves = new RankMoves();
  #draining: Iterator<WindowResult> | undefined;

  constructor(options: SlidingWindowOptions) {
    this.window = new SlidingWindow(options);
  }

  /** Takes results in emission order; true when there was one. */
  took(results: readonly WindowResult[]): boolean {
    for (const result of results) this.latest = this.#moves.next(result);
    return results.length > 0;
  }

  /** A result that replaces the newest one (a window change), or none yet. */
  replace(result: WindowResult | undefined): void {
    this.latest = result && this.#moves.next(result);
  }

  /** The same window in another order: no rank moves to show until the next window. */
  reorder(result: WindowResult | undefined): void {
    this.latest = result && this.#moves.restart(result);
  }

  startDrain(): void {
    this.#draining = this.window.drain();
  }

  /** The next drained window; false when there is none left. */
  drainOne(): boolean {
    const next = this.#draining?.next();
    if (next === undefined || next.done) return false;
    this.latest = this.#moves.next(next.value);
    return true;
  }
}

/** Every kind's window over one set of posts. */
class Side {
  readonly byKind: Record<TermKind, Counted>;

  constructor(options: SlidingWindowOptions) {
    const make = (terms: TermKind) => new Counted({...options, terms});
    this.byKind = {
      hashtags: make('hashtags'),
      words: make('words'),
      cashtags: make('cashtags'),
      mentions: make('mentions'),
    };
  }

  get all(): Counted[] {
    return TERM_KINDS.map((kind) => this.byKind[kind]);
  }
}

export type WindowPairOptions = Omit<SlidingWindowOptions, 'terms'> & {
  /** The query, whose own words are never counted as words. */
  query?: readonly string[];
};

export class WindowPair {
  readonly #all: Side;
  readonly #originals: Side;
  readonly #queryWords: DroppedWords;
  #retweets: boolean;
  #terms: TermKind;
  #draining = false;

  constructor(options: WindowPairOptions, retweets: boolean, terms: TermKind = 'hashtags') {
    const {query = [], ...windowOptions} = options;
    this.#all = new Side(windowOptions);
    this.#originals = new Side(windowOptions);
    this.#queryWords = droppedWordsFor(query);
    this.#retweets = retweets;
    this.#terms = terms;
  }

  get retweets(): boolean {
    return this.#retweets;
  }

  set retweets(on: boolean) {
    this.#retweets = on;
  }

  /** What is counted and shown. */
  get terms(): TermKind {
    return this.#terms;
  }

  set terms(kind: TermKind) {
    this.#terms = kind;
  }

  get rank(): RankOrder {
    return this.#all.byKind.hashtags.window.order;
  }

  /** Orders every window by `rank`, the current ones at once. */
  setRank(rank: RankOrder): void {
    for (const side of [this.#all, this.#originals]) {
      for (const counted of side.all) counted.reorder(counted.window.setRank(rank));
    }
  }

  /** Between `drain` and its last window: the windows must not change shape meanwhile. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Counts one post under every kind, once: a post id already counted is a duplicate. */
  add(timeMs: number, post: Post): void {
    const {author, id} = post;
    const all = this.#all.byKind;
    // The first window checks the id for all of them; the rest see only posts it counted.
    if (all.hashtags.window.add(timeMs, post.hashtags, author, id) === 'duplicate') return;
    const words = termsOf(post, 'words', this.#queryWords);
    all.words.window.add(timeMs, words, author);
    all.cashtags.window.add(timeMs, post.cashtags, author);
    all.mentions.window.add(timeMs, post.mentions, author);
    if (post.retweet) return;
    const originals = this.#originals.byKind;
    originals.hashtags.window.add(timeMs, post.hashtags, author);
    originals.words.window.add(timeMs, words, author);
    originals.cashtags.window.add(timeMs, post.cashtags, author);
    originals.mentions.window.add(timeMs, post.mentions, author);
  }

  /**
   * Closes the windows due by `nowMs`. Returns whether the window of every post emitted (it
   * never emits later than the originals' one, having every post they have) and whether the
   * shown one did.
   */
  advance(nowMs: number): {any: boolean; shown: boolean} {
    let any = false;
    let shown = false;
    for (const side of [this.#all, this.#originals]) {
      for (const kind of TERM_KINDS) {
        const counted = side.byKind[kind];
        const emitted = counted.took(counted.window.advance(nowMs));
        if (side === this.#all) any ||= emitted;
        if (kind === this.#terms && side === this.#side) shown ||= emitted;
      }
    }
    return {any, shown};
  }

  /** Recounts every window at a new window and slide; throws what `SlidingWindow.setWindow` throws. */
  setWindow(windowMs: number, slideMs: number): void {
    for (const side of [this.#all, this.#originals]) {
      for (const counted of side.all) counted.replace(counted.window.setWindow(windowMs, slideMs));
    }
  }

  /** Finite input ended: close the remaining windows, `drainSome` at a time. */
  drain(): void {
    for (const side of [this.#all, this.#originals])
      for (const counted of side.all) counted.startDrain();
    this.#draining = true;
  }

  /** Closes up to `most` drained windows of each; true when the shown one changed. */
  drainSome(most: number): boolean {
    let changed = false;
    for (let i = 0; i < most; i++) {
      let any = false;
      for (const side of [this.#all, this.#originals]) {
        for (const kind of TERM_KINDS) {
          const drained = side.byKind[kind].drainOne();
          any ||= drained;
          if (drained && kind === this.#terms && side === this.#side) changed = true;
        }
      }
      if (!any) {
        this.#draining = false;
        break;
      }
    }
    return changed;
  }

  get #side(): Side {
    return this.#retweets ? this.#all : this.#originals;
  }

  /** The newest result for the current kind and retweet setting. */
  get latest(): ShownResult | undefined {
    return this.#side.byKind[this.#terms].latest;
  }

  /** The window for the current kind and retweet setting, for questions about one term (read only). */
  get shown(): SlidingWindow {
    return this.#side.byKind[this.#terms].window;
  }

  /** Posts too late for their windows, for the current retweet setting. */
  get late(): number {
    return this.#side.byKind.hashtags.window.late;
  }

  /** Posts not counted again because their id was already counted. */
  get duplicates(): number {
    return this.#all.byKind.hashtags.window.duplicates;
  }
}
