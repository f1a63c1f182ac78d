import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {LineSplitter} from '../../source/core/line-splitter.js';
import {BlockCutter} from '../../source/batch/block-cutter.js';
import {blockLines} from '../../source/batch/block-lines.js';

/** What the streaming splitter makes of `chunks`: the reference batch replay must match. */
function streamed(chunks: Uint8Array[], maxLineBytes?: number) {
  const splitter = new LineSplitter(maxLineBytes === undefined ? {} : {maxLineBytes});
  const lines = chunks.flatMap((chunk) => splitter.push(chunk));
  lines.push(...splitter.end());
  return {lines, oversized: splitter.oversized};
}

/** Batch replay's way: cut into blocks of whole lines, then split each block on its own. */
function batched(chunks: Uint8Array[], maxLineBytes?: number) {
  const cutter = new BlockCutter(maxLineBytes === undefined ? {} : {maxLineBytes});
  const blocks: Uint8Array[] = [];
  for (const chunk of chunks) {
    const block = cutter.push(chunk);
    if (block) blocks.push(block);
  }
  const last = cutter.end();
  if (last) blocks.push(last);
  const lines: string[] = [];
  let oversized = cutter.oversized;
  blocks.forEach((block, index) => {
    const result = blockLines(block, index === 0, maxLineBytes);
    result.starts.forEach((start, line) => {
      lines.push(result.bytes.toString('utf8', start, result.ends[line]));
    });
    oversized += result.oversized;
  });
  return {lines, oversized};
}

/** Splits `bytes` at the given cut points into chunks, as a stream might deliver them. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return chunks;
}

// Pieces a line stream is made of: text (with emoji and CJK), line endings, a byte-order
// mark, and bytes that are not UTF-8 at all.
const piece = fc.oneof(
  fc.string({unit: 'grapheme', maxLength: 12}).map((text) => new TextEncoder().encode(text)),
  fc.constantFrom(
    Uint8Array.of(0x0a),
    Uint8Array.of(0x0d, 0x0a),
    Uint8Array.of(0x0d),
    Uint8Array.of(0xef, 0xbb, 0xbf),
    Uint8Array.of(0xff),
    Uint8Array.of(0xe2, 0x82),
    Uint8Array.of(0xf0, 0x9f, 0x98),
  ),
);
const input = fc.array(piece, {maxLength: 40}).map((pieces) => Buffer.concat(pieces));

describe('batch line splitting agrees with the streaming LineSplitter', () => {
  it('on any bytes, however they are chunked', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), {maxLength: 6}), (bytes, cuts) => {
        const chunks = chunked(bytes, cuts);
        expect(batched(chunks)).toEqual(streamed(chunks));
      }),
      {numRuns: 2000},
    );
  });

  it('drops and counts over-long lines alike (valid UTF-8)', () => {
    const text = fc
      .array(fc.oneof(fc.string({unit: 'grapheme', maxLength: 14}), fc.constant('\n')), {
        maxLength: 30,
      })
      .map((parts) => new TextEncoder().encode(parts.join('')));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), {maxLength: 6}), (bytes, cuts) => {
        const chunks = chunked(bytes, cuts);
        expect(batched(chunks, 10)).toEqual(streamed(chunks, 10));
      }),
      {numRuns: 2000},
    );
  });

  it('strips a byte-order mark only at the start of the input', () => {
    const bytes = Buffer.from('\uFEFF{"a":1}\n\uFEFF{"b":2}\r\n\n', 'utf8');
    expect(batched([bytes]).lines).toEqual(['{"a":1}', '\uFEFF{"b":2}']);
    expect(batched([bytes.subarray(0, 12), bytes.subarray(12)])).toEqual(streamed([bytes]));
  });
});
