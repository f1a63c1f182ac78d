// Counts per (key id, author id) pair: what makes a window's distinct accounts exact. A `Map`
// keyed by key × 2³² + author would do, but those keys are beyond small-integer range, so every
// lookup boxes a heap number: with accounts on, that garbage was most of a post's cost. Here the
// two ids and the count live in typed arrays under linear probing, and a count of 0 marks an
// empty slot (a pair whose count falls to 0 is removed by shifting its successors back, so no
// tombstones build up in a window that slides for hours).
//
// A pane's table is only read once the pane is sealed, for as long as the history is kept (the
// window, or its baseline span): `pack` then keeps its pairs in one array of exactly their size,
// a quarter to a half of the probing arrays, and hands those back for the next pane to reuse
// instead of growing its own from 16 slots by doubling. A sealed pane that takes a late post unpacks.

const INITIAL_CAPACITY = 16;
const NO_SLOTS = new Int32Array(0);

/** The probing arrays of a table, handed on when it is packed. */
export type PairBuffers = {keys: Int32Array; authors: Int32Array; counts: Int32Array};

export class PairTable {
  private keys: Int32Array;
  private authors: Int32Array;
  private counts: Int32Array;
  private mask: number;
  private used = 0;
  /** Once packed: (key, author, count) triples, exactly `used` of them; no probing arrays. */
  private packed: Int32Array | undefined;

  /**
   * `expected`: pairs it will likely hold, to grow less. `spare`: a packed table's probing
   * arrays to reuse when they are large enough.
   */
  constructor(expected = 0, spare?: PairBuffers) {
    const size = slotsFor(expected);
    if (spare !== undefined && spare.counts.length >= size) {
      ({keys: this.keys, authors: this.authors} = spare);
      this.counts = spare.counts.fill(0);
    } else {
      this.keys = new Int32Array(size);
      this.authors = new Int32Array(size);
      this.counts = new Int32Array(size);
    }
    this.mask = this.counts.length - 1;
  }

  /** Pairs with a count other than 0. */
  get size(): number {
    return this.used;
  }

  /** The pair's count, 0 when absent. */
  get(key: number, author: number): number {
    const packed = this.packed;
    if (packed !== undefined) {
      for (let at = 0; at < packed.length; at += 3) {
        if (packed[at] === key && packed[at + 1] === author) return packed[at + 2]!;
      }
      return 0;
    }
    const slot = this.find(key, author);
    return this.counts[slot]!;
  }

  /**
   * Adds `delta` to the pair's count and returns the count before; a pair reaching 0 is
   * removed. Counts never go below 0 in use: the window subtracts only what a pane added.
   */
  add(key: number, author: number, delta: number): number {
    if (this.packed !== undefined) this.unpack();
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
    const packed = this.packed;
    if (packed !== undefined) {
      for (let at = 0; at < packed.length; at += 3) {
        visit(packed[at]!, packed[at + 1]!, packed[at + 2]!);
      }
      return;
    }
    const {keys, authors, counts} = this;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = counts[slot]!;
      if (count !== 0) visit(keys[slot]!, authors[slot]!, count);
    }
  }

  clear(): void {
    if (this.packed !== undefined) this.unpack();
    this.counts.fill(0);
    this.used = 0;
  }

  /**
   * The table will only be read (`forEach`) for a long while: keep its pairs packed, exactly
   * sized, and return the probing arrays for another table (undefined when already packed).
   */
  pack(): PairBuffers | undefined {
    if (this.packed !== undefined) return undefined;
    const {keys, authors, counts} = this;
    const packed = new Int32Array(this.used * 3);
    let at = 0;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = counts[slot]!;
      if (count === 0) continue;
      packed[at++] = keys[slot]!;
      packed[at++] = authors[slot]!;
      packed[at++] = count;
    }
    this.packed = packed;
    this.keys = this.authors = this.counts = NO_SLOTS;
    return {keys, authors, counts};
  }

  /** Back to probing arrays, with room for the pair that is about to be added. */
  private unpack(): void {
    const packed = this.packed!;
    this.packed = undefined;
    const size = slotsFor(this.used + 1);
    this.keys = new Int32Array(size);
    this.authors = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
    for (let at = 0; at < packed.length; at += 3) {
      const slot = this.find(packed[at]!, packed[at + 1]!);
      this.keys[slot] = packed[at]!;
      this.authors[slot] = packed[at + 1]!;
      this.counts[slot] = packed[at + 2]!;
    }
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

/** Slots for `pairs` pairs at most half full: a power of two, at least the initial size. */
function slotsFor(pairs: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, pairs * 2)));
}
