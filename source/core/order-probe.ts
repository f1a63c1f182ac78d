// Decides, from the first posts of an archive, whether it can be read as a stream (bounded
// memory, posts used as the input goes) or must be held until the input ends. Shared by the batch
// engine and the replay source, so a file is judged alike whether it is counted or played back.
//
// The rule: a sample of the first SAMPLE_POSTS posts is "in time order" when no post is more
// than STREAM_DISORDER_LIMIT_MS older than the newest before it, and the sample does not run
// backwards overall (its last posts are not older than its first). A stream capture passes;
// a twarc2 search archive (newest first) or a shuffled file fails and is held. An input that
// ends inside the sample is held too: it is small, and holding it is exact whatever its order.
// A file that passes and later runs backwards anyway is still counted, not lost: posts behind
// the watermark (STREAM_OUT_OF_ORDER_BOUND_MS behind the newest) show up in `late`.

export const SAMPLE_POSTS = 10_000;
export const STREAM_DISORDER_LIMIT_MS = 30_000;
/** Twice the disorder the sample may show, so a capture that passed has room to spare. */
export const STREAM_OUT_OF_ORDER_BOUND_MS = 2 * STREAM_DISORDER_LIMIT_MS;
const EDGE_POSTS = Math.floor(SAMPLE_POSTS / 10);

export type Ordering = 'stream' | 'hold';

/** Watches event times until it has seen enough to decide. */
export class OrderProbe {
  #seen = 0;
  #newest = -Infinity;
  #worstDisorder = 0;
  #firstEdgeNewest = -Infinity;
  #lastEdgeNewest = -Infinity;

  /** True once SAMPLE_POSTS times have been seen. */
  get full(): boolean {
    return this.#seen >= SAMPLE_POSTS;
  }

  observe(timeMs: number): void {
    // A post without a usable time has no place in the order (the window reports it as late).
    if (this.full || !Number.isFinite(timeMs)) return;
    this.#seen++;
    this.#worstDisorder = Math.max(this.#worstDisorder, this.#newest - timeMs);
    this.#newest = Math.max(this.#newest, timeMs);
    if (this.#seen <= EDGE_POSTS) this.#firstEdgeNewest = this.#newest;
    if (this.#seen > SAMPLE_POSTS - EDGE_POSTS) {
      this.#lastEdgeNewest = Math.max(this.#lastEdgeNewest, timeMs);
    }
  }

  /** The decision; `inputEnded` when the whole input was seen before the sample filled. */
  decide(inputEnded: boolean): Ordering {
    if (inputEnded && !this.full) return 'hold';
    if (this.#worstDisorder > STREAM_DISORDER_LIMIT_MS) return 'hold';
    return this.#lastEdgeNewest >= this.#firstEdgeNewest ? 'stream' : 'hold';
  }
}
