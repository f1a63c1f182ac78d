// Finds a tag key's id by its text: an open-addressing hash table of ids in one typed array,
// with each key's string hash kept beside it. It replaces a `Map<string, number>` because it is
// consulted only when a new spelling is interned, where a Map costs an entry of several words
// per key and a write barrier for every young string stored in it; here a key costs two ints.

const EMPTY = -1;
const GOLDEN = 0x9e3779b1;
const INITIAL_SLOTS = 1024;

/** FNV-1a over UTF-16 code units. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

export class KeyIndex {
  private slots = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private shift = 32 - Math.log2(INITIAL_SLOTS);
  private size = 0;

  /**
   * @param textOf the text of a live key id
   * @param hashOf the `hashText` of a live key id
   */
  constructor(
    private readonly textOf: (id: number) => string,
    private readonly hashOf: (id: number) => number,
  ) {}

  /** The id of the key with this text (and hash), or -1. */
  find(text: string, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = this.home(hash); ; slot = (slot + 1) & mask) {
      const id = slots[slot]!;
      if (id === EMPTY) return EMPTY;
      if (this.hashOf(id) === hash && this.textOf(id) === text) return id;
    }
  }

  /** Add a key id whose text is not in the index yet. */
  insert(id: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    this.place(id);
    this.size++;
  }

  /** Remove a key id that is in the index (before its text and hash are forgotten). */
  remove(id: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let hole = this.home(this.hashOf(id));
    while (slots[hole] !== id) hole = (hole + 1) & mask;
    // Backward-shift deletion: pull later entries of the probe run into the hole, so lookups
    // never need tombstones.
    for (let next = (hole + 1) & mask; slots[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.home(this.hashOf(slots[next]!));
      const movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (movable) {
        slots[hole] = slots[next]!;
        hole = next;
      }
    }
    slots[hole] = EMPTY;
    this.size--;
  }

  private home(hash: number): number {
    return Math.imul(hash, GOLDEN) >>> this.shift;
  }

  private place(id: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = this.home(this.hashOf(id));
    while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    slots[slot] = id;
  }

  private resize(length: number): void {
    const old = this.slots;
    this.slots = new Int32Array(length).fill(EMPTY);
    this.shift = 32 - Math.log2(length);
    for (let slot = 0; slot < old.length; slot++) if (old[slot] !== EMPTY) this.place(old[slot]!);
  }
}
