import {describe, expect, it} from 'vitest';
import {createRecordFormatter, type NdjsonRecord} from '../../../source/core/format/records.js';
import type {RankedTag, WindowResult} from '../../../source/core/window-result.js';

const END = Date.UTC(2026, 10, 26, 12, 0, 20);

function result(tags: Array<[string, number]>): WindowResult {
  const top: RankedTag[] = tags.map(([display, count], i) => ({
    key: display.toLowerCase(),
    display,
    count,
    rank: i + 1,
  }));
  return {
    start: END - 20_000,
    end: END,
    windowMs: 20_000,
    slideMs: 10_000,
    posts: 123,
    late: 2,
    top,
  };
}

describe('createRecordFormatter', () => {
  it('writes one NDJSON line per window in the documented shape', () => {
    const formatter = createRecordFormatter('ndjson');
    expect(formatter.header).toBeUndefined();
    const text = formatter.format(
      result([
        ['StanLee', 42],
        ['Marvel', 17],
      ]),
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
    const record = JSON.parse(text) as NdjsonRecord;
    expect(record).toEqual({
      window_start: '2026-11-26T12:00:00.000Z',
      window_end: '2026-11-26T12:00:20.000Z',
      window_s: 20,
      slide_s: 10,
      posts: 123,
      late: 2,
      top: [
        {tag: '#StanLee', count: 42},
        {tag: '#Marvel', count: 17},
      ],
    });
  });

  it('writes a CSV header once and quotes fields that need it', () => {
    const formatter = createRecordFormatter('csv');
    expect(formatter.header).toBe('window_end,tag,count\n');
    expect(
      formatter.format(
        result([
          ['a,b', 3],
          ['say"hi', 1],
        ]),
      ),
    ).toBe('2026-11-26T12:00:20.000Z,"#a,b",3\n2026-11-26T12:00:20.000Z,"#say""hi",1\n');
  });

  it('keeps TSV rows three columns even when a tag holds a tab or newline', () => {
    const rows = createRecordFormatter('tsv').format(result([['x\ty\nz', 5]]));
    expect(rows).toBe('2026-11-26T12:00:20.000Z\t#x y z\t5\n');
  });

  it('gives a window without tags one row, as NDJSON gives it one record', () => {
    expect(createRecordFormatter('tsv').format(result([]))).toBe('2026-11-26T12:00:20.000Z\t\t0\n');
    expect(createRecordFormatter('csv').format(result([]))).toBe('2026-11-26T12:00:20.000Z,,0\n');
  });

  it('writes no escape sequence a hostile tag carries, in TSV or CSV', () => {
    const hostile = result([
      ['ev\u001b]0;PWN\u0007il', 1],
      ['re\u001b[31md,x', 2],
    ]);
    expect(createRecordFormatter('tsv').format(hostile)).toBe(
      '2026-11-26T12:00:20.000Z\t#evil\t1\n2026-11-26T12:00:20.000Z\t#red,x\t2\n',
    );
    expect(createRecordFormatter('csv').format(hostile)).toBe(
      '2026-11-26T12:00:20.000Z,#evil,1\n2026-11-26T12:00:20.000Z,"#red,x",2\n',
    );
  });
});
