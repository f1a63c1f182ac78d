// Splits a block of whole lines (from BlockCutter) into lines, by the same rules as the
// streaming LineSplitter (split on `\n`, drop a trailing `\r`, skip empty lines, strip a
// byte-order mark only at the very start of the input, drop lines over the byte limit), but
// as byte ranges of the block, decoded by whoever reads them: the X v2 scanner reads the bytes
// themselves and decodes only the strings it keeps. Why not LineSplitter: it decodes many
// lines as one string, and one non-ASCII character anywhere makes the whole block a two-byte
// string, which decodes and parses about a third slower than line-sized strings.
import {Buffer} from 'node:buffer';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Line `i` is `bytes[starts[i], ends[i])`, without its line ending. */
export type BlockLines = {bytes: Buffer; starts: number[]; ends: number[]; oversized: number};

/** `atInputStart`: this block begins the input, where a UTF-8 byte-order mark is dropped. */
export function blockLines(
  block: Uint8Array,
  atInputStart: boolean,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): BlockLines {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const starts: number[] = [];
  const ends: number[] = [];
  let oversized = 0;
  let start = 0;
  if (atInputStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    if (end - start > maxLineBytes) oversized++;
    else if (end > start) {
      starts.push(start);
      ends.push(end);
    }
    start = next;
  }
  return {bytes, starts, ends, oversized};
}
