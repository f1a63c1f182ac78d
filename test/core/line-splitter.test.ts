import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {LineSplitter} from '../../source/core/line-splitter.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function splitAll(splitter: LineSplitter, chunks: Uint8Array[]): string[] {
  const lines: string[] = [];
  for (const chunk of chunks) lines.push(...splitter.push(chunk));
  lines.push(...splitter.end());
  return lines;
}

describe('LineSplitter', () => {
  test('keeps a held partial line intact when the caller reuses the chunk buffer', () => {
    const splitter = new LineSplitter();
    for (const text of ['first\nsecond', ' half']) {
      const chunk = Buffer.from(text);
      splitter.push(chunk);
      chunk.fill(0x78); // a reader recycling its buffer for the next read
    }
    expect(splitter.push(Buffer.from(' and the rest\n'))).toEqual(['second half and the rest']);
  });

  test('splits on \\n, strips \\r, skips empty lines and heartbeats', () => {
    const splitter = new LineSplitter();
    expect(splitAll(splitter, [bytes('{"a":1}\r\n\r\n{"b":2}\n\nplain\r\n')])).toEqual([
      '{"a":1}',
      '{"b":2}',
      'plain',
    ]);
  });

  test('holds a partial line until its end arrives, and flushes it at end()', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(bytes('first\nsec'))).toEqual(['first']);
    expect(splitter.push(bytes('ond'))).toEqual([]);
    expect(splitter.push(bytes('\nthi'))).toEqual(['second']);
    expect(splitter.end()).toEqual(['thi']);
  });

  test('decodes an emoji and a CJK character split across chunks', () => {
    const whole = bytes('Stan Lee 🦸 héros 日本\n');
    const splitter = new LineSplitter();
    // Cut inside the 4-byte emoji and inside the 3-byte CJK character.
    const emojiAt = 'Stan Lee '.length + 2;
    const cjkAt = whole.length - 3;
    const lines = splitAll(splitter, [
      whole.subarray(0, emojiAt),
      whole.subarray(emojiAt, cjkAt),
      whole.subarray(cjkAt),
    ]);
    expect(lines).toEqual(['Stan Lee 🦸 héros 日本']);
  });

  test('empty chunks change nothing', () => {
    const splitter = new LineSplitter();
    const empty = new Uint8Array(0);
    expect(splitAll(splitter, [empty, bytes('ab'), empty, empty, bytes('c\nd'), empty])).toEqual([
      'abc',
      'd',
    ]);
  });

  test('a \\r\\n split between chunks still frames correctly', () => {
    const splitter = new LineSplitter();
    expect(splitAll(splitter, [bytes('a\r'), bytes('\nb\r'), bytes('\n')])).toEqual(['a', 'b']);
  });

  test('drops and counts a line over the limit delivered in one chunk', () => {
    const splitter = new LineSplitter({maxLineBytes: 10});
    expect(splitAll(splitter, [bytes('short\n12345678901\nok\n')])).toEqual(['short', 'ok']);
    expect(splitter.oversized).toBe(1);
  });

  test('a line of exactly the limit is kept, measured in bytes not characters', () => {
    const splitter = new LineSplitter({maxLineBytes: 8});
    // 'ééé' is 3 characters but 6 bytes; 'éééé' is 8 bytes; 'ééééé' 10 bytes.
    expect(splitAll(splitter, [bytes('éééé\r\nééééé\n')])).toEqual(['éééé']);
    expect(splitter.oversized).toBe(1);
  });

  test('a 2 MiB line arriving in pieces is dropped without being buffered, later lines survive', () => {
    const splitter = new LineSplitter({maxLineBytes: 1024 * 1024});
    const piece = bytes('x'.repeat(64 * 1024));
    const out: string[] = [...splitter.push(bytes('before\n{"data":'))];
    for (let i = 0; i < 32; i++) out.push(...splitter.push(piece));
    out.push(...splitter.push(bytes('}\r\nafter\n')));
    out.push(...splitter.end());
    expect(out).toEqual(['before', 'after']);
    expect(splitter.oversized).toBe(1);
  });

  test('an oversized unterminated last line is counted at end()', () => {
    const splitter = new LineSplitter({maxLineBytes: 4});
    expect(splitAll(splitter, [bytes('ok\n'), bytes('toolong')])).toEqual(['ok']);
    expect(splitter.oversized).toBe(1);
  });

  test('removes a byte-order mark only at the very start', () => {
    const splitter = new LineSplitter();
    expect(splitAll(splitter, [bytes('\ufeffone\n\ufefftwo\n')])).toEqual(['one', '\ufefftwo']);
  });

  test('does not keep a reference to the caller’s chunk memory', () => {
    const splitter = new LineSplitter();
    const chunk = bytes('abc');
    splitter.push(chunk);
    chunk.fill(0x21);
    expect(splitter.push(bytes('\n'))).toEqual(['abc']);
  });

  test('any chunking of any text gives the same lines as splitting it whole', () => {
    const line = fc.string({unit: 'grapheme', maxLength: 30}).map((s) => s.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), {maxLength: 12}),
        fc.array(fc.nat(), {maxLength: 10}),
        (parts, cuts) => {
          const text = parts.map(([l, end]) => l + end).join('');
          const all = bytes(text);
          const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(all.subarray(from, p));
            from = p;
          }
          chunks.push(all.subarray(from));
          const expected = parts.map(([l]) => l).filter((l) => l.length > 0);
          expect(splitAll(new LineSplitter(), chunks)).toEqual(expected);
        },
      ),
    );
  });
});
