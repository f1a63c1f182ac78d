// One pane: the tag counts of a fixed, epoch-aligned slice of time, the unit windows are built
// from. Counts live in dense typed arrays (spelling id, count) with an open-addressing index on
// top while the pane takes posts. Once the pane has entered the window it is sealed: the index
// goes and the arrays are trimmed to exact size, since it is then only read (added to or
// subtracted from the window). A post behind the watermark may still reopen it (the index is
// rebuilt) until the window's next slide seals it again.

import {PairTable, type PairBuffers} from './pair-table.js';

const INITIAL_CAPACITY = 8;
const GOLDEN = 0x9e3779b1;

/** The working arrays of an open pane, handed on to the next pane when this one is sealed. */
export type PaneBuffers = {
  ids: Int32Array;
  counts: Int32Array;
  index: Int32Array;
  pairs: PairBuffers | undefined;
};

export class Pane {
  /** Posts counted in this pane, with or without tags. */
  posts = 0;
  /**
   * Accounts: (key id, author id) → how many of this pane's posts by that author carry that
   * key. Added to and subtracted from the window like the counts, so a window knows each key's
   * distinct authors without rescanning its posts.
   */
  readonly pairs: PairTable;
  /** Number of distinct spellings; entries [0, size) of `ids`/`counts` are in use. */
  size = 0;
  ids: Int32Array;
  counts: Int32Array;
  // Slot → entry index + 1 (0 = empty); length a power of two, at least twice the capacity.
  private index: Int32Array | undefined;
  private shift: number;

  /**
   * `expected`, `expectedPairs`: how many spellings and (key, author) pairs it will likely hold
   * (the previous pane's), to grow less. `spare`: a sealed pane's working arrays to reuse; a
   * pane a second is otherwise a steady stream of large allocations, and typed-array memory
   * outside the heap provokes full GCs.
   */
  constructor(expected = 0, expectedPairs = 0, spare?: PaneBuffers) {
    this.pairs = new PairTable(expectedPairs, spare?.pairs);
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, expected)));
    if (spare !== undefined && spare.ids.length >= capacity) {
      this.ids = spare.ids;
      this.counts = spare.counts;
      this.index = spare.index.fill(0);
    } else {
      this.ids = new Int32Array(capacity);
      this.counts = new Int32Array(capacity);
      this.index = new Int32Array(capacity * 2);
    }
    this.shift = 32 - Math.log2(this.index.length);
  }

  /** Read-only until the next `increment`, which rebuilds the index. */
  get sealed(): boolean {
    return this.index === undefined;
  }

  /** Count one occurrence of a spelling; true when it is the pane's first one. */
  increment(id: number): boolean {
    const index = this.index ?? this.reopen();
    const mask = index.length - 1;
    let slot = Math.imul(id, GOLDEN) >>> this.shift;
    for (;;) {
      const entry = index[slot]!;
      if (entry === 0) break;
      if (this.ids[entry - 1] === id) {
        this.counts[entry - 1]!++;
        return false;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === this.ids.length) {
      this.grow();
      return this.increment(id);
    }
    const entry = this.size++;
    this.ids[entry] = id;
    this.counts[entry] = 1;
    index[slot] = entry + 1;
    return true;
  }

  /**
   * Drop the lookup index and spare capacity: the pane will only be read from now on. Returns
   * the working arrays it no longer needs (undefined when already sealed).
   */
  seal(): PaneBuffers | undefined {
    const index = this.index;
    if (index === undefined) return undefined;
    this.index = undefined;
    const {ids, counts} = this;
    this.ids = ids.slice(0, this.size);
    this.counts = counts.slice(0, this.size);
    return {ids, counts, index, pairs: this.pairs.pack()};
  }

  private reopen(): Int32Array {
    this.rebuild(Math.max(INITIAL_CAPACITY, this.ids.length));
    return this.index!;
  }

  private grow(): void {
    this.rebuild(this.ids.length * 2);
  }

  private rebuild(capacity: number): void {
    if (this.ids.length < capacity) {
      const ids = new Int32Array(capacity);
      const counts = new Int32Array(capacity);
      ids.set(this.ids);
      counts.set(this.counts);
      this.ids = ids;
      this.counts = counts;
    }
    const slots = 2 ** Math.ceil(Math.log2(capacity * 2));
    const index = new Int32Array(slots);
    const mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    for (let entry = 0; entry < this.size; entry++) {
      let slot = Math.imul(this.ids[entry]!, GOLDEN) >>> this.shift;
      while (index[slot] !== 0) slot = (slot + 1) & mask;
      index[slot] = entry + 1;
    }
    this.index = index;
  }
}
