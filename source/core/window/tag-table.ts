// Numbers for hashtags, so the sliding window counts in typed arrays instead of string maps.
// Two levels: a *spelling* (`StanLee`, as posted) and its *key* (`stanlee`, see `normalizeTag`).
// A spelling is looked up in a `KeyIndex` on the hot path; `normalizeTag` runs only the first
// time a spelling is seen, and the key is then found in a second `KeyIndex`. Ids are recycled through
// free lists once nothing refers to them, so the table holds only tags that some retained pane
// still counts.
import {normalizeTag} from '../normalize-tag.js';
import {KeyIndex, hashText} from './key-index.js';

const NONE = -1;

function grown(array: Int32Array, size: number, fill = 0): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

export class TagTable {
  // Per spelling id.
  spellingText: string[] = [];
  keyOfSpelling = new Int32Array(1024);
  /** Next spelling of the same key, NONE at the end of the list. */
  nextSpelling = new Int32Array(1024);
  /** Retained panes holding this spelling; at 0 the id is released. */
  spellingRefs = new Int32Array(1024);
  /** Occurrences in the current window. */
  spellingCount = new Int32Array(1024);
  spellingHigh = 0;

  // Per key id.
  keyText: string[] = [];
  firstSpelling = new Int32Array(1024).fill(NONE);
  /** Posts in the current window carrying this key. */
  keyCount = new Int32Array(1024);
  /** Distinct authors in the current window carrying this key. */
  keyAccounts = new Int32Array(1024);
  keyHigh = 0;
  liveKeys = 0;

  /** Per table, so hash collisions cannot be prepared in advance (see `hashText`). */
  private readonly seed = (Math.random() * 0x100000000) | 0;
  private readonly spellingIds = new KeyIndex((spelling) => this.spellingText[spelling]!);
  private readonly keyIds = new KeyIndex((key) => this.keyText[key]!);
  private readonly freeSpellings: number[] = [];
  private readonly freeKeys: number[] = [];

  /** The id of a spelling, interning it (and its key) on first sight. */
  idOf(spelling: string): number {
    const hash = hashText(spelling, this.seed);
    const id = this.spellingIds.find(spelling, hash);
    return id === NONE ? this.intern(spelling, hash) : id;
  }

  /** Forget a spelling no retained pane holds any more, and its key if it was the last one. */
  release(spelling: number): void {
    const key = this.keyOfSpelling[spelling]!;
    this.spellingIds.remove(spelling, hashText(this.spellingText[spelling]!, this.seed));
    this.spellingText[spelling] = '';
    // Unlink from the key's list (a key rarely has more than a few spellings).
    let previous = NONE;
    let at = this.firstSpelling[key]!;
    while (at !== spelling) {
      previous = at;
      at = this.nextSpelling[at]!;
    }
    const next = this.nextSpelling[spelling]!;
    if (previous === NONE) this.firstSpelling[key] = next;
    else this.nextSpelling[previous] = next;
    this.freeSpellings.push(spelling);
    if (next === NONE && previous === NONE) {
      this.keyIds.remove(key, hashText(this.keyText[key]!, this.seed));
      this.keyText[key] = '';
      this.freeKeys.push(key);
      this.liveKeys--;
    }
  }

  /** The spelling shown for a key: most occurrences in the window, ties by code-unit order. */
  displayOf(key: number): string {
    let best = NONE;
    let bestCount = -1;
    for (let at = this.firstSpelling[key]!; at !== NONE; at = this.nextSpelling[at]!) {
      const count = this.spellingCount[at]!;
      if (
        count > bestCount ||
        (count === bestCount && this.spellingText[at]! < this.spellingText[best]!)
      ) {
        best = at;
        bestCount = count;
      }
    }
    return this.spellingText[best]!;
  }

  /** Zero every window count (before the window is recounted from panes). */
  clearCounts(): void {
    this.spellingCount.fill(0, 0, this.spellingHigh);
    this.keyCount.fill(0, 0, this.keyHigh);
    this.keyAccounts.fill(0, 0, this.keyHigh);
  }

  private intern(spelling: string, spellingHash: number): number {
    const keyText = normalizeTag(spelling);
    // Most tags are their own key (lower-case ASCII): no need to hash the same text twice.
    const hash = keyText === spelling ? spellingHash : hashText(keyText, this.seed);
    let key = this.keyIds.find(keyText, hash);
    if (key === NONE) {
      key = this.freeKeys.pop() ?? this.newKeyId();
      this.keyText[key] = keyText;
      this.firstSpelling[key] = NONE;
      this.keyIds.insert(key, hash);
      this.liveKeys++;
    }
    const id = this.freeSpellings.pop() ?? this.newSpellingId();
    this.spellingText[id] = spelling;
    this.spellingIds.insert(id, spellingHash);
    this.keyOfSpelling[id] = key;
    // Prepended: list order does not matter, display ties break by code-unit order.
    this.nextSpelling[id] = this.firstSpelling[key]!;
    this.firstSpelling[key] = id;
    return id;
  }

  private newSpellingId(): number {
    const id = this.spellingHigh++;
    if (id === this.keyOfSpelling.length) {
      const size = id * 2;
      this.keyOfSpelling = grown(this.keyOfSpelling, size);
      this.nextSpelling = grown(this.nextSpelling, size);
      this.spellingRefs = grown(this.spellingRefs, size);
      this.spellingCount = grown(this.spellingCount, size);
    }
    return id;
  }

  private newKeyId(): number {
    const id = this.keyHigh++;
    if (id === this.keyCount.length) {
      const size = id * 2;
      this.firstSpelling = grown(this.firstSpelling, size, NONE);
      this.keyCount = grown(this.keyCount, size);
      this.keyAccounts = grown(this.keyAccounts, size);
    }
    return id;
  }
}
