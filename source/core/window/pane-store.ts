// The panes a sliding window is built from, by index (pane i holds the slice [i·paneMs,
// (i+1)·paneMs)): created when a post first falls in a slice (no pane exists for a slice
// without posts), sealed once the window has taken them in, reopened when a late-but-counted
// post lands in a sealed one, and dropped once they fall behind the retained history. What a
// pane's counts mean to the window (which tags are live) is the window's business: dropping
// hands each pane back to the caller first.
import {Pane, type PaneBuffers} from './pane.js';

/** Open panes at once, in practice: the current one and a few behind the watermark. */
const MAX_SPARE_BUFFERS = 2;

export class PaneStore {
  /** Pane index → pane; only slices that received posts. */
  private readonly panes = new Map<number, Pane>();
  // The pane posts went to last: nearly every post goes to the same one as the post before.
  private cachedIndex = Number.NaN;
  private cachedPane: Pane | undefined;
  /** Panes below this index have been dropped (or never existed). */
  private retainedFrom = Number.NEGATIVE_INFINITY;
  /** Sealed panes that took a post again (event time, behind the watermark): reseal later. */
  private reopened: Pane[] = [];
  /** The newest pane created; its size is the guess for the next one's. */
  private lastCreated: Pane | undefined;
  /** Working arrays of sealed panes, for new panes to reuse. */
  private readonly spare: PaneBuffers[] = [];

  constructor(readonly paneMs: number) {}

  /** Pane `index` (of a finite time), created or reopened as needed. */
  paneAt(index: number): Pane {
    // Kept this small so that it inlines into the window's per-post path.
    return index === this.cachedIndex ? this.cachedPane! : this.open(index);
  }

  private open(index: number): Pane {
    let pane = this.panes.get(index);
    if (pane === undefined) {
      const last = this.lastCreated;
      pane = new Pane(last?.size, last?.pairs.size, this.spare.pop());
      this.lastCreated = pane;
      this.panes.set(index, pane);
      if (index < this.retainedFrom) this.retainedFrom = index;
    } else if (pane.sealed) {
      this.reopened.push(pane);
    }
    this.cachedIndex = index;
    this.cachedPane = pane;
    return pane;
  }

  /** Visit the retained panes with index in [from, to), in index order. */
  forEach(from: number, to: number, visit: (pane: Pane, index: number) => void): void {
    if (to <= from) return;
    if (to - from <= this.panes.size) {
      for (let index = from; index < to; index++) {
        const pane = this.panes.get(index);
        if (pane !== undefined) visit(pane, index);
      }
      return;
    }
    // A long stretch (an idle gap, a first drop): cheaper to scan the panes that exist.
    const indices: number[] = [];
    for (const index of this.panes.keys()) if (index >= from && index < to) indices.push(index);
    indices.sort((a, b) => a - b);
    for (const index of indices) visit(this.panes.get(index)!, index);
  }

  /** The pane will only be read from now on: trim it, and keep its working arrays for reuse. */
  seal(pane: Pane): void {
    const buffers = pane.seal();
    if (buffers !== undefined && this.spare.length < MAX_SPARE_BUFFERS) this.spare.push(buffers);
  }

  /** After a slide: seal again the panes reopened since the last one. */
  sealReopened(): void {
    for (const pane of this.reopened) this.seal(pane);
    this.reopened = [];
    // The cached pane may just have been sealed: look it up again (and note a reopening).
    this.forgetCached();
  }

  /** Drop every pane with index below `index`, handing each to `release` first. */
  dropBefore(index: number, release: (pane: Pane, index: number) => void): void {
    if (index <= this.retainedFrom) return;
    this.forEach(this.retainedFrom, index, (old, at) => {
      release(old, at);
      this.panes.delete(at);
      if (at === this.cachedIndex) this.forgetCached();
    });
    this.retainedFrom = index;
  }

  private forgetCached(): void {
    this.cachedIndex = Number.NaN;
    this.cachedPane = undefined;
  }
}
