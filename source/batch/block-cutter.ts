// Cuts a byte stream into blocks of whole lines, so blocks can be parsed independently (and in
// parallel) without a line ever being split between two parsers. A runaway line without a
// newline is not held whole: past `maxLineBytes` it is dropped and counted, as LineSplitter does.

const NEWLINE = 0x0a;

export type BlockCutterOptions = {
  /** Lines longer than this (in bytes, with their `\r`) are dropped. Default 4 MiB. */
  maxLineBytes?: number;
  /** Where blocks get their memory (a BlockPool's `take`); fresh memory by default. */
  allocate?: (length: number) => Uint8Array;
};

export class BlockCutter {
  readonly #maxLineBytes: number;
  readonly #allocate: (length: number) => Uint8Array;
  #carry: Uint8Array | undefined;
  #discarding = false;
  #oversized = 0;

  constructor(options: BlockCutterOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? 4 * 1024 * 1024;
    this.#allocate = options.allocate ?? ((length) => new Uint8Array(length));
  }

  /** Lines dropped for being longer than `maxLineBytes` before their newline came. */
  get oversized(): number {
    return this.#oversized;
  }

  /**
   * Feeds one chunk; returns the block of complete lines it finished (ending with `\n`), or
   * undefined when it completed none. The block never shares memory with `chunk`.
   */
  push(chunk: Uint8Array): Uint8Array | undefined {
    let start = 0;
    if (this.#discarding) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) return undefined;
      this.#discarding = false;
      this.#oversized++;
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) {
      this.#hold(chunk.subarray(start));
      return undefined;
    }
    const carry = this.#carry;
    const body = chunk.subarray(start, last + 1);
    const held = carry?.length ?? 0;
    const block = this.#allocate(held + body.length);
    if (carry !== undefined) block.set(carry, 0);
    block.set(body, held);
    this.#carry = undefined;
    if (last + 1 < chunk.length) this.#hold(chunk.subarray(last + 1));
    return block;
  }

  /** The last line when the input did not end with a newline. */
  end(): Uint8Array | undefined {
    const carry = this.#carry;
    this.#carry = undefined;
    if (this.#discarding) {
      this.#discarding = false;
      this.#oversized++;
    }
    return carry;
  }

  #hold(bytes: Uint8Array): void {
    const held = this.#carry?.length ?? 0;
    // +1 leaves room for a `\r` that the line splitter strips.
    if (held + bytes.length > this.#maxLineBytes + 1) {
      this.#carry = undefined;
      this.#discarding = true;
      return;
    }
    if (this.#carry === undefined) {
      this.#carry = copy(bytes);
      return;
    }
    const joined = new Uint8Array(held + bytes.length);
    joined.set(this.#carry, 0);
    joined.set(bytes, held);
    this.#carry = joined;
  }
}

// Not `.slice()`: on a Buffer (what streams deliver) it is a view of the same memory, which must
// not be transferred to a worker or kept past the next read.
const copy = (bytes: Uint8Array) => new Uint8Array(bytes);
