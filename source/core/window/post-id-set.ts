// The ids of the posts counted in the panes a window holds, for its duplicate check, each
// forgotten when its pane is dropped.
//
// Memory. This is the window's largest store: every post of the held history (the window and,
// for rising, its baseline: 230 s at 2,000 posts/s is 460,000 ids). A string id kept in a Set and
// in its pane's list costs about 70 bytes. X's and Mastodon's ids are decimal numbers of at most
// 19 digits, so below 2^64: those are kept exactly as two 32-bit halves, in a pair table and in
// per-pane typed lists, 20 to 40 bytes each. Any other id (Bluesky's `did/rkey`, a
// decimal with a leading zero) stays a string.

import {IntList} from './int-list.js';
import {PairTable} from './pair-table.js';
import {PaneRecords} from './pane-records.js';

const TWO_32 = 2 ** 32;

/** The ids one pane counted. */
class PaneIds {
  /** Numeric ids as (high, low) pairs. */
  readonly numeric: IntList;
  readonly strings: string[] = [];

  /** `expectedInts`: twice the numeric ids it will likely take. */
  constructor(expectedInts: number) {
    this.numeric = new IntList(expectedInts);
  }
}

export class PostIdSet {
  /** Numeric ids, as (high, low) → 1: the pair table's probing suits two 32-bit halves. */
  readonly #numeric = new PairTable();
  readonly #strings = new Set<string>();
  readonly #panes = new PaneRecords(() => {
    // The newest pane's ids: their number is the first guess for the next pane's.
    const pane = new PaneIds(this.#newestPane?.numeric.length ?? 0);
    this.#newestPane = pane;
    return pane;
  });
  #newestPane: PaneIds | undefined;
  // The id `has` looked at last, split: `add` nearly always follows with the same one.
  #parsedId: string | undefined;
  #parsedHigh = 0;
  #parsedLow = 0;

  /** Ids held. */
  get size(): number {
    return this.#numeric.size + this.#strings.size;
  }

  has(id: string): boolean {
    if (!this.#parse(id)) return this.#strings.has(id);
    return this.#numeric.get(this.#parsedHigh, this.#parsedLow) !== 0;
  }

  /** Holds `id` (not held yet) as counted in pane `paneIndex`. */
  add(id: string, paneIndex: number): void {
    const pane = this.#panes.at(paneIndex);
    if (!this.#parse(id)) {
      this.#strings.add(id);
      pane.strings.push(id);
      return;
    }
    const high = this.#parsedHigh;
    const low = this.#parsedLow;
    this.#numeric.add(high, low, 1);
    const list = pane.numeric;
    list.reserve(2);
    list.data[list.length++] = high;
    list.data[list.length++] = low;
  }

  /** Forgets the ids pane `paneIndex` counted. */
  releasePane(paneIndex: number): void {
    const pane = this.#panes.take(paneIndex);
    if (pane === undefined) return;
    for (const id of pane.strings) this.#strings.delete(id);
    const {data, length} = pane.numeric;
    for (let at = 0; at < length; at += 2) this.#numeric.add(data[at]!, data[at + 1]!, -1);
  }

  /** True when `id` is a canonical decimal below 10^19; its halves are left in #parsed*. */
  #parse(id: string): boolean {
    if (id === this.#parsedId) return true;
    const length = id.length;
    if (length === 0 || length > 19) return false;
    if (length > 1 && id.charCodeAt(0) === 48) return false;
    let high = 0;
    let low = 0;
    for (let i = 0; i < length; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      // (high, low) × 10 + digit, exactly: low × 10 + 9 stays far below 2^53.
      const wide = low * 10 + digit;
      low = wide % TWO_32;
      high = high * 10 + Math.floor(wide / TWO_32);
    }
    this.#parsedId = id;
    this.#parsedHigh = high | 0;
    this.#parsedLow = low | 0;
    return true;
  }
}
