// A growable list of 32-bit integers in one typed array: per-pane records that would otherwise
// be arrays of boxed numbers or strings, many thousands a second.

export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(capacity, 4));
  }

  /** Room for `extra` more entries after `length`. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Int32Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
