// The one clock a reader of the stream (the dashboard, pipe mode) windows posts by: which time
// a post is counted at, and what "now" is when asking the window which windows have closed.
// The window turns that "now" into its watermark (see `SlidingWindow`: in event time,
// max(newest post, now) − out-of-orderness − allowed lateness) and counts what comes too late.
// The README's "How it counts" (time and lateness) says the same for users.
//
// - Arrival time: a post is counted at the moment it reaches this process, and windows close
//   by the same clock, so no post is ever late.
// - Event time, a live source (X, Bluesky, the demo): posts are counted at their own time and
//   "now" is the wall clock, so a quiet stream still closes its windows, and a post older than
//   the watermark (a backdated or long-delayed one) is late.
// - Event time, a paced source, which carries its own clock (a replayed archive, stdin): "now"
//   is the newest post time seen, never extrapolated by the wall clock. Delivery pauses (the
//   server waits for a slow reader, a compressed block takes a while) would otherwise push the
//   watermark ahead of the posts still coming: at speed 1000 a 100 ms pause is 100 s of
//   archive, and every later post would be late. A quiet stretch of such a source waits for
//   its next post, or its end, which closes the remaining windows (`SlidingWindow.finish`).
import type {SlidingWindowOptions} from '../sliding-window.js';

export class WindowClock {
  #paced: boolean;
  #newestPost = Number.NEGATIVE_INFINITY;

  /**
   * @param paced whether the source is paced (the one asked for, until the stream names its own)
   * @param wall the wall clock; injectable so tests control time
   */
  constructor(
    readonly timeMode: SlidingWindowOptions['timeMode'],
    paced: boolean,
    private readonly wall: () => number = Date.now,
  ) {
    this.#paced = paced;
  }

  /** The stream named its source (a connection may reach any kind of server). */
  setPaced(paced: boolean): void {
    this.#paced = paced;
  }

  /**
   * The time to count a post at; call once per post as it arrives, before any filtering, so
   * every post delivered moves the clock.
   */
  timeOf(createdAt: number): number {
    if (this.timeMode === 'arrival') return this.wall();
    if (createdAt > this.#newestPost) this.#newestPost = createdAt;
    return createdAt;
  }

  /**
   * "Now" for `SlidingWindow.advance`: −Infinity while a paced source has sent
   * nothing yet (no windows can close then).
   */
  now(): number {
    return this.timeMode === 'event' && this.#paced ? this.#newestPost : this.wall();
  }
}
