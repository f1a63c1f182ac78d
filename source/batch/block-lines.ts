// Splits a block of whole lines (from BlockCutter) into text lines, by the same rules as the
// streaming LineSplitter (split on `\n`, drop a trailing `\r`, skip empty lines, strip a
// byte-order mark only at the very start of the input, drop lines over the byte limit), but
// decoding each line on its own. Why not LineSplitter: it decodes many lines as one string,
// and one non-ASCII character anywhere makes the whole block a two-byte string, which decodes
// and JSON-parses about a third slower than line-sized strings that are mostly one-byte.
import {Buffer} from 'node:buffer';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

export type BlockLines = {lines: string[]; oversized: number};

/** `atInputStart`: this block begins the input, where a UTF-8 byte-order mark is dropped. */
export function blockLines(
  block: Uint8Array,
  atInputStart: boolean,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): BlockLines {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const lines: string[] = [];
  let oversized = 0;
  let start = 0;
  if (atInputStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    if (end - start > maxLineBytes) oversized++;
    else if (end > start) lines.push(bytes.toString('utf8', start, end));
    start = next;
  }
  return {lines, oversized};
}
