// Feeds post batches to the SlidingWindow in event time and hands its results on in small
// chunks, so that no archive (however sparse: posts years apart with a 10 s slide means
// millions of empty windows; however long when held: a day of dense windows at `--top 0`)
// ever makes the window return one enormous array.
//
// Both orders use the same event-time window; they differ only in how far the watermark trails
// the newest post:
//   - stream: STREAM_OUT_OF_ORDER_BOUND_MS. After every post that moves the clock forward the
//     window emits what is due, so windows come out as the input goes and memory is bounded
//     by the window, not the file. The rule does not depend on how the input was cut into
//     batches, so a file and the same bytes on stdin give the same records and `late` count.
//   - hold: HOLD_BOUND_MS, longer than any archive's span, so nothing is due or late until
//     the input ends; every post is counted in its window whatever the order. At the end the
//     windows are released a chunk at a time.
import type {RankOrder} from '../core/rank-order.js';
import {SlidingWindow} from '../core/sliding-window.js';
import type {TermKind} from '../core/terms/term-kind.js';
import type {WindowResult} from '../core/window-result.js';
import {STREAM_OUT_OF_ORDER_BOUND_MS, type Ordering} from '../core/order-probe.js';
import type {PostBatch} from './post-batch.js';

/** Some 31,000 years: a watermark that never passes a window before the end. */
export const HOLD_BOUND_MS = 1e15;
/**
 * Windows released per step when the clock leaps or a held input ends. Small, because with
 * `--top 0` one window can list tens of thousands of tags; stepping costs next to nothing.
 */
const WINDOWS_PER_STEP = 16;

const NO_TAGS: readonly string[] = Object.freeze([]);

export type WindowShape = {
  windowMs: number;
  slideMs: number;
  /** Tags per window; 0 = all. */
  top: number;
  terms: TermKind;
  rank: RankOrder;
  baselineMs: number;
  minAccounts: number;
};
/** Writes results; false when the output has failed and the run should stop. */
export type Emit = (results: readonly WindowResult[]) => Promise<boolean>;

export class WindowFeeder {
  readonly #window: SlidingWindow;
  readonly #streaming: boolean;
  readonly #bound: number;
  readonly #shape: WindowShape;
  readonly #stepMs: number;
  #earliest = Number.POSITIVE_INFINITY;
  #newest = Number.NEGATIVE_INFINITY;
  /** The furthest window end already stepped to. */
  #stepped = Number.NEGATIVE_INFINITY;

  constructor(shape: WindowShape, ordering: Ordering) {
    this.#shape = shape;
    this.#streaming = ordering === 'stream';
    this.#bound = this.#streaming ? STREAM_OUT_OF_ORDER_BOUND_MS : HOLD_BOUND_MS;
    this.#stepMs = WINDOWS_PER_STEP * shape.slideMs;
    this.#window = new SlidingWindow({
      windowMs: shape.windowMs,
      slideMs: shape.slideMs,
      timeMode: 'event',
      top: shape.top,
      terms: shape.terms,
      rank: shape.rank,
      baselineMs: shape.baselineMs,
      minAccounts: shape.minAccounts,
      maxOutOfOrdernessMs: this.#bound,
      allowedLatenessMs: 0,
      // The window never changes in a batch run: the coarsest panes, and no history kept
      // beyond the window itself (and the baseline, ranking by `rising`).
      paneMs: gcd(shape.windowMs, shape.slideMs),
      retentionMs: shape.windowMs,
    });
  }

  /** Posts not counted because every window holding them had already been emitted. */
  get late(): number {
    return this.#window.late;
  }

  /** Posts not counted again because their id was already counted. */
  get duplicates(): number {
    return this.#window.duplicates;
  }

  /** Counts a batch's posts and emits the windows they complete. */
  async add(batch: PostBatch, emit: Emit): Promise<boolean> {
    const {times, tagCounts, tags, ids, authors} = batch;
    const window = this.#window;
    const due: WindowResult[] = [];
    let next = 0;
    for (let i = 0; i < times.length; i++) {
      const time = times[i]!;
      const count = tagCounts[i]!;
      let moved = false;
      if (time > this.#newest) {
        if (this.#streaming && time - this.#newest > this.#stepMs && this.#newest > -Infinity) {
          // A leap forward: hand on what is due, then walk the clock up in steps.
          if (!(await emit(due.splice(0)))) return false;
          if (!(await this.#stepTo(time - this.#bound, emit))) return false;
        }
        this.#newest = time;
        moved = true;
      }
      if (time < this.#earliest) this.#earliest = time;
      const author = authors[i]!;
      window.add(
        time,
        count === 0 ? NO_TAGS : tags.slice(next, next + count),
        author === '' ? undefined : author,
        ids[i],
      );
      next += count;
      if (moved && this.#streaming) {
        const results = window.advance(time);
        for (const result of results) due.push(result);
      }
    }
    return emit(due);
  }

  /** The input has ended: every remaining window through the last one holding a post. */
  async finish(emit: Emit): Promise<boolean> {
    if (this.#newest > -Infinity) {
      const {windowMs, slideMs} = this.#shape;
      const lastEnd = Math.floor((this.#newest + windowMs) / slideMs) * slideMs;
      if (!(await this.#stepTo(lastEnd, emit))) return false;
    }
    return emit(this.#window.finish());
  }

  /** Emits every window ending by `end`, at most WINDOWS_PER_STEP at a time. */
  async #stepTo(end: number, emit: Emit): Promise<boolean> {
    const {slideMs} = this.#shape;
    const firstEnd = (Math.floor(this.#earliest / slideMs) + 1) * slideMs;
    const from = Math.max(firstEnd, this.#stepped);
    for (let step = from + this.#stepMs; step < end; step += this.#stepMs) {
      if (!(await emit(this.#window.advance(step + this.#bound)))) return false;
    }
    this.#stepped = Math.max(this.#stepped, end);
    return emit(this.#window.advance(end + this.#bound));
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
