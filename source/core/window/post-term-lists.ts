// The terms of each post of the current window, as spelling ids, pane by pane: what exact
// co-occurrence counts ("posts carrying both #a and #b in this window") are recounted from. A
// pane's counts alone cannot answer that: they say how many posts carry each term, not which.
//
// Memory. Only posts with two terms or more are kept (a post with one term co-occurs with
// nothing), as one flat Int32Array per pane: [n, id₁ … idₙ] per post. Lists are dropped as soon
// as their pane leaves the window (not the longer retained history), so the bound is the window's
// multi-term posts × (terms per post + 1) × 4 bytes: 20 s at 2,000 posts/s with ~8 words each is
// about 1.4 MB. A window made longer at run time has lists only from where they were still kept;
// `completeFrom` says where that is, so a reader can say its counts cover less than the window.

import {IntList} from './int-list.js';
import {PaneRecords} from './pane-records.js';

export class PostTermLists {
  /** Pane index → the lists of its multi-term posts. */
  readonly #panes = new PaneRecords(() => new IntList());
  /** Lists are complete for panes from this index on (earlier ones were dropped). */
  #completeFrom = Number.NEGATIVE_INFINITY;

  /** Keeps one post's spelling ids (nothing when it has fewer than two). */
  add(paneIndex: number, ids: readonly number[], count: number): void {
    if (count < 2) return;
    const lists = this.#panes.at(paneIndex);
    lists.reserve(count + 1);
    const data = lists.data;
    let at = lists.length;
    data[at++] = count;
    for (let i = 0; i < count; i++) data[at++] = ids[i]!;
    lists.length = at;
  }

  /** Forgets the lists of panes before `paneIndex`. */
  dropBefore(paneIndex: number): void {
    if (paneIndex <= this.#completeFrom) return;
    this.#completeFrom = paneIndex;
    this.#panes.dropBefore(paneIndex);
  }

  /** The first pane index from which every multi-term post is still listed. */
  get completeFrom(): number {
    return this.#completeFrom;
  }

  /**
   * For the posts in panes [from, to) carrying a spelling of `key` (per `keyOf`), how many also
   * carry each other key: key id → posts.
   */
  cooccurring(from: number, to: number, key: number, keyOf: Int32Array): Map<number, number> {
    const counts = new Map<number, number>();
    for (const [index, lists] of this.#panes.entries()) {
      if (index < from || index >= to) continue;
      const data = lists.data;
      for (let at = 0; at < lists.length;) {
        const n = data[at]!;
        const first = at + 1;
        const end = first + n;
        at = end;
        let carries = false;
        for (let i = first; i < end; i++) {
          if (keyOf[data[i]!] === key) {
            carries = true;
            break;
          }
        }
        if (!carries) continue;
        for (let i = first; i < end; i++) {
          const other = keyOf[data[i]!]!;
          if (other !== key) counts.set(other, (counts.get(other) ?? 0) + 1);
        }
      }
    }
    return counts;
  }

  /** Ints held, for tests of the memory bound. */
  get size(): number {
    let size = 0;
    for (const [, lists] of this.#panes.entries()) size += lists.length;
    return size;
  }
}
