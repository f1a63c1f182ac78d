// Counts per (key id, author id) pair: what makes a window's distinct accounts exact. A `Map`
// keyed by key × 2³² + author would do, but those keys are beyond small-integer range, so every
// lookup boxes a heap number: with accounts on, that garbage was most of a post's cost. Here the
// two ids and the count live in typed arrays under linear probing, and a count of 0 marks an
// empty slot (a pair whose count falls to 0 is removed by shifting its successors back, so no
// tombstones build up in a window that slides for hours).

const INITIAL_CAPACITY = 16;

export class PairTable {
  private keys: Int32Array;
  private authors: Int32Array;
  private counts: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, capacity)));
    this.keys = new Int32Array(size);
    this.authors = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Pairs with a count other than 0. */
  get size(): number {
    return this.used;
  }

  /** The pair's count, 0 when absent. */
  get(key: number, author: number): number {
    const slot = this.find(key, author);
    return this.counts[slot]!;
  }

  /**
   * Adds `delta` to the pair's count and returns the count before; a pair reaching 0 is
   * removed. Counts never go below 0 in use: the window subtracts only what a pane added.
   */
  add(key: number, author: number, delta: number): number {
    const slot = this.find(key, author);
    const before = this.counts[slot]!;
    const after = before + delta;
    if (before === 0) {
      if (after === 0) return 0;
      this.keys[slot] = key;
      this.authors[slot] = author;
      this.counts[slot] = after;
      if (++this.used * 2 > this.counts.length) this.grow();
    } else if (after === 0) {
      this.remove(slot);
    } else {
      this.counts[slot] = after;
    }
    return before;
  }

  /** Calls `visit` with every pair and its count, in no particular order. */
  forEach(visit: (key: number, author: number, count: number) => void): void {
    const {keys, authors, counts} = this;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = counts[slot]!;
      if (count !== 0) visit(keys[slot]!, authors[slot]!, count);
    }
  }

  clear(): void {
    this.counts.fill(0);
    this.used = 0;
  }

  private home(key: number, author: number): number {
    let hash = Math.imul(key, 0x9e3779b1) ^ Math.imul(author, 0x85ebca77);
    hash ^= hash >>> 15;
    return Math.imul(hash, 0x2c1b3c6d) >>> 0;
  }

  /** The pair's slot, or the empty slot where it would go. */
  private find(key: number, author: number): number {
    const {keys, authors, counts, mask} = this;
    let slot = this.home(key, author) & mask;
    while (counts[slot] !== 0 && (keys[slot] !== key || authors[slot] !== author)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Backward-shift deletion: later pairs of the probe run move into the gap they can fill. */
  private remove(slot: number): void {
    const {keys, authors, counts, mask} = this;
    let gap = slot;
    let next = slot;
    for (;;) {
      next = (next + 1) & mask;
      if (counts[next] === 0) break;
      const home = this.home(keys[next]!, authors[next]!) & mask;
      // The pair at `next` may move back to `gap` unless its home lies cyclically in (gap, next].
      const stays = gap < next ? home > gap && home <= next : home > gap || home <= next;
      if (stays) continue;
      keys[gap] = keys[next]!;
      authors[gap] = authors[next]!;
      counts[gap] = counts[next]!;
      gap = next;
    }
    counts[gap] = 0;
    this.used--;
  }

  private grow(): void {
    const {keys, authors, counts} = this;
    const size = counts.length * 2;
    this.keys = new Int32Array(size);
    this.authors = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = counts[slot]!;
      if (count === 0) continue;
      const target = this.find(keys[slot]!, authors[slot]!);
      this.keys[target] = keys[slot]!;
      this.authors[target] = authors[slot]!;
      this.counts[target] = count;
    }
  }
}
