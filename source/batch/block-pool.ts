// Recycles the memory of the blocks batch replay cuts. A 1 GB archive is some 4,000 blocks of
// 256 KiB; allocated fresh, each is garbage once parsed, and V8 frees array buffers only when
// it next collects, so tens of MB of dead blocks piled up (measured: 30-40 MB of array buffers
// at peak on the 1M-post benchmark, with at most 16 blocks in flight). A block's buffer comes
// back here once it is parsed (a worker sends it back with the batch), so the blocks in flight
// are all the block memory there is.

/** Room for a full read (256 KiB) plus the end of a line carried over from the read before. */
export const POOLED_BLOCK_BYTES = 320 * 1024;

export class BlockPool {
  readonly #capacity: number;
  readonly #free: ArrayBuffer[] = [];

  constructor(capacity = POOLED_BLOCK_BYTES) {
    this.#capacity = capacity;
  }

  /** A block of `length` bytes (contents undefined), on recycled memory when it fits. */
  take(length: number): Uint8Array {
    // A block with a long line carried over is rare: it gets memory of its own, not pooled.
    if (length > this.#capacity) return new Uint8Array(length);
    return new Uint8Array(this.#free.pop() ?? new ArrayBuffer(this.#capacity), 0, length);
  }

  /** Hands back a block no one reads any more; its memory is used for a later block. */
  give(block: Uint8Array): void {
    const buffer = block.buffer;
    // A detached buffer (length 0) or one not of the pool's size is left to the collector.
    if (buffer.byteLength === this.#capacity && buffer instanceof ArrayBuffer) {
      this.#free.push(buffer);
    }
  }
}
