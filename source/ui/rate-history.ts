// Posts received per wall-clock second over the last hour, in a fixed ring of counters, so the
// rate chart and the posts/s figure cost nothing per post beyond one increment.

const SECOND = 1000;

export class RateHistory {
  readonly #counts: Uint32Array;
  /** The second (epoch s) that the newest slot holds. */
  #newest = -1;

  constructor(readonly capacitySeconds = 3600) {
    this.#counts = new Uint32Array(capacitySeconds);
  }

  add(nowMs: number, posts = 1): void {
    const second = Math.floor(nowMs / SECOND);
    this.#moveTo(second);
    if (second <= this.#newest - this.capacitySeconds) return; // older than the ring
    const slot = second % this.capacitySeconds;
    this.#counts[slot] = (this.#counts[slot] ?? 0) + posts;
  }

  /** Per-second counts for the `seconds` complete seconds before `nowMs`, oldest first. */
  series(nowMs: number, seconds: number): number[] {
    const current = Math.floor(nowMs / SECOND);
    this.#moveTo(current);
    const n = Math.min(seconds, this.capacitySeconds - 1);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const second = current - n + i;
      out[i] = this.#newest < 0 ? 0 : (this.#counts[second % this.capacitySeconds] ?? 0);
    }
    return out;
  }

  /** Average posts/s over the `seconds` complete seconds before `nowMs`. */
  perSecond(nowMs: number, seconds = 5): number {
    const values = this.series(nowMs, seconds);
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  }

  /** Clears the slots between the newest second written and `second`. */
  #moveTo(second: number): void {
    if (second <= this.#newest) return;
    if (this.#newest < 0 || second - this.#newest >= this.capacitySeconds) {
      this.#counts.fill(0);
    } else {
      for (let s = this.#newest + 1; s <= second; s++) this.#counts[s % this.capacitySeconds] = 0;
    }
    this.#newest = second;
  }
}
