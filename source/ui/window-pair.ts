// Two sliding windows fed side by side, one over every post and one over originals only, so the
// retweet key switches the counts at once and exactly instead of filtering a window that has
// already been summed. Every question is answered for the current retweet setting.
import {SlidingWindow, type SlidingWindowOptions} from '../core/sliding-window.js';
import type {WindowResult} from '../core/window-result.js';
import {RankMoves, type ShownResult} from './rank-moves.js';

/** One of the pair: its window, its newest result, and the moves between its results. */
class Side {
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

export class WindowPair {
  readonly #all: Side;
  readonly #originals: Side;
  #retweets: boolean;
  #draining = false;

  constructor(options: SlidingWindowOptions, retweets: boolean) {
    this.#all = new Side(options);
    this.#originals = new Side(options);
    this.#retweets = retweets;
  }

  get retweets(): boolean {
    return this.#retweets;
  }

  set retweets(on: boolean) {
    this.#retweets = on;
  }

  /** Between `drain` and its last window: the windows must not change shape meanwhile. */
  get draining(): boolean {
    return this.#draining;
  }

  add(timeMs: number, hashtags: readonly string[], retweet: boolean): void {
    this.#all.window.add(timeMs, hashtags);
    if (!retweet) this.#originals.window.add(timeMs, hashtags);
  }

  /**
   * Closes the windows due by `nowMs`. Returns whether the window of every post emitted (it
   * never emits later than the originals' one, having every post they have) and whether the
   * shown one did.
   */
  advance(nowMs: number): {any: boolean; shown: boolean} {
    const all = this.#all.took(this.#all.window.advance(nowMs));
    const originals = this.#originals.took(this.#originals.window.advance(nowMs));
    return {any: all, shown: this.#retweets ? all : originals};
  }

  /** Recounts both at a new window and slide; throws what `SlidingWindow.setWindow` throws. */
  setWindow(windowMs: number, slideMs: number): void {
    this.#all.replace(this.#all.window.setWindow(windowMs, slideMs));
    this.#originals.replace(this.#originals.window.setWindow(windowMs, slideMs));
  }

  /** Finite input ended: close the remaining windows, `drainSome` at a time. */
  drain(): void {
    this.#all.startDrain();
    this.#originals.startDrain();
    this.#draining = true;
  }

  /** Closes up to `most` drained windows of each; true when the shown one changed. */
  drainSome(most: number): boolean {
    let changed = false;
    for (let i = 0; i < most; i++) {
      const all = this.#all.drainOne();
      const originals = this.#originals.drainOne();
      changed ||= this.#retweets ? all : originals;
      if (!all && !originals) {
        this.#draining = false;
        break;
      }
    }
    return changed;
  }

  /** The newest result for the current retweet setting. */
  get latest(): ShownResult | undefined {
    return (this.#retweets ? this.#all : this.#originals).latest;
  }

  /** The window for the current retweet setting, for questions about one term (read only). */
  get shown(): SlidingWindow {
    return (this.#retweets ? this.#all : this.#originals).window;
  }

  /** Posts too late for their windows, for the current retweet setting. */
  get late(): number {
    return (this.#retweets ? this.#all : this.#originals).window.late;
  }
}
