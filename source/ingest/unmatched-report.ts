// Tells the clients of a live source that filters locally (Bluesky with a query, say) when posts
// keep arriving but none matches: without it, a dashboard can only say "nothing arrives", which
// points at the network when the query is the reason. Reported on the status the source last
// sent (`unmatched`), at most once per interval, and withdrawn by the next post that matches.
import type {SourceStatus} from '../core/stream.js';

/** Quiet this long (no post kept) before non-matching posts are worth a word. */
export const UNMATCHED_AFTER_MS = 5_000;

export class UnmatchedReport {
  #sinceKept = 0;
  #lastKeptAt: number;
  #reportedAt = Number.NEGATIVE_INFINITY;
  #reported = false;

  constructor(
    private readonly clock: () => number = performance.now.bind(performance),
    private readonly intervalMs = UNMATCHED_AFTER_MS,
  ) {
    this.#lastKeptAt = clock();
  }

  /**
   * A post was kept: the status to send again without `unmatched` if one was reported (so no
   * client goes on saying "none matched"), else undefined.
   */
  kept(last: SourceStatus | undefined): SourceStatus | undefined {
    this.#sinceKept = 0;
    this.#lastKeptAt = this.clock();
    if (!this.#reported) return undefined;
    this.#reported = false;
    return last;
  }

  /** A post did not match: the status to send with the count, when one is due, else undefined. */
  skipped(last: SourceStatus | undefined): SourceStatus | undefined {
    this.#sinceKept++;
    if (last?.state !== 'live') return undefined;
    const now = this.clock();
    if (now - this.#lastKeptAt < this.intervalMs || now - this.#reportedAt < this.intervalMs) {
      return undefined;
    }
    this.#reportedAt = now;
    this.#reported = true;
    return {...last, unmatched: this.#sinceKept};
  }
}
