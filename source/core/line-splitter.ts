// Byte chunks from a socket, an HTTP body or a file in; complete text lines out. Works on bytes so
// a character split across chunks is never decoded in halves, and so a runaway line is counted and
// dropped without ever being held in memory whole.

const NEWLINE = 0x0a;
const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

export type LineSplitterOptions = {
  /** Longest line kept, in UTF-8 bytes without its line ending. Default 4 MiB. */
  maxLineBytes?: number;
};

/**
 * Splits a UTF-8 byte stream on `\n` (a trailing `\r` is dropped, so `\r\n` framing works too),
 * skipping empty lines such as X's `\r\n` heartbeats and holding the partial last line until the
 * rest arrives. Lines over `maxLineBytes` are dropped and counted in `oversized`.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  // `ignoreBOM` keeps a U+FEFF in the middle of the stream; only the stream's very first line
  // has a byte-order mark removed (below).
  readonly #decoder = new TextDecoder('utf-8', {ignoreBOM: true});
  // The partial last line, as the chunks it arrived in (joined only once it is complete).
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  // Inside a line already known to be too long: bytes are thrown away until its newline.
  #discarding = false;
  #atStart = true;
  #oversized = 0;

  constructor(options: LineSplitterOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Lines dropped so far for being longer than `maxLineBytes`. */
  get oversized(): number {
    return this.#oversized;
  }

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    const first = chunk.indexOf(NEWLINE);
    if (first === -1) {
      this.#hold(chunk);
      return lines;
    }

    // The line that began in earlier chunks ends here.
    if (this.#discarding) {
      this.#discarding = false;
      this.#oversized++;
    } else if (this.#pendingBytes > 0) {
      this.#pending.push(chunk.subarray(0, first));
      this.#pendingBytes += first;
      this.#emitPending(lines);
    } else {
      this.#emit(this.#decode(chunk.subarray(0, first)), first, lines);
    }
    const start = first + 1;

    // Lines wholly inside this chunk: decode them in one go, then split the string.
    const last = chunk.lastIndexOf(NEWLINE);
    if (last > start) {
      const text = this.#decode(chunk.subarray(start, last));
      let from = 0;
      for (;;) {
        const to = text.indexOf('\n', from);
        const line = to === -1 ? text.slice(from) : text.slice(from, to);
        this.#emit(line, -1, lines);
        if (to === -1) break;
        from = to + 1;
      }
    }
    if (last + 1 < chunk.length) this.#hold(chunk.subarray(last + 1));
    return lines;
  }

  /** Ends the stream: returns the last line if it had no newline. */
  end(): string[] {
    const lines: string[] = [];
    if (this.#discarding) {
      this.#discarding = false;
      this.#oversized++;
    } else if (this.#pendingBytes > 0) {
      this.#emitPending(lines);
    }
    return lines;
  }

  #hold(bytes: Uint8Array): void {
    if (this.#discarding || bytes.length === 0) return;
    if (this.#pendingBytes + bytes.length > this.#maxLineBytes + 1) {
      // +1 leaves room for a `\r` that will be stripped. Too long either way: stop buffering.
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#discarding = true;
      return;
    }
    // Copy: the caller may reuse the chunk's memory once `push` returns. (`new Uint8Array(view)`
    // copies; a Buffer's `slice` would only make another view of the same memory.)
    this.#pending.push(new Uint8Array(bytes));
    this.#pendingBytes += bytes.length;
  }

  #emitPending(lines: string[]): void {
    const bytes =
      this.#pending.length === 1 ? this.#pending[0]! : concat(this.#pending, this.#pendingBytes);
    const size = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#emit(this.#decode(bytes), size, lines);
  }

  #decode(bytes: Uint8Array): string {
    const text = this.#decoder.decode(bytes);
    if (this.#atStart) {
      this.#atStart = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  }

  /** `byteLength` when known, else -1 to have it measured only when the line could be too long. */
  #emit(line: string, byteLength: number, lines: string[]): void {
    if (line.charCodeAt(line.length - 1) === 0x0d) {
      line = line.slice(0, -1);
      if (byteLength > 0) byteLength--;
    }
    if (line.length === 0) return;
    // A UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no measuring.
    if (line.length * 3 > this.#maxLineBytes) {
      const bytes = byteLength >= 0 ? byteLength : utf8Length(line);
      if (bytes > this.#maxLineBytes) {
        this.#oversized++;
        return;
      }
    }
    lines.push(line);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
