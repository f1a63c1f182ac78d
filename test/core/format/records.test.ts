import {describe, expect, it} from 'vitest';
import {createRecordFormatter, type NdjsonRecord} from '../../../source/core/format/records.js';
import type {RankedTag, WindowResult} from '../../../source/core/window-result.js';

const END = Date.UTC(2026, 10, 26, 12, 0, 20);

function result(tags: Array<[string, number]>, over: Partial<WindowResult> = {}): WindowResult {
  const top: RankedTag[] = tags.map(([display, count], i) => ({
    key: display.toLowerCase(),
    display,
    count,
    accounts: count - 1,
    rank: i + 1,
  }));
  return {
    start: END - 20_000,
    end: END,
    windowMs: 20_000,
    slideMs: 10_000,
    terms: 'hashtags',
    rank: 'posts',
    posts: 123,
    late: 2,
    duplicates: 4,
    top,
    ...over,
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
      duplicates: 4,
      terms: 'hashtags',
      rank: 'posts',
      top: [
        {tag: '#StanLee', key: 'stanlee', count: 42, accounts: 41},
        {tag: '#Marvel', key: 'marvel', count: 17, accounts: 16},
      ],
    });
  });

  it('signs each kind of term, carries the rising score, and flags partial and warming-up windows', () => {
    const ndjson = createRecordFormatter('ndjson');
    const cashtags = JSON.parse(ndjson.format(result([['AMD', 5]], {terms: 'cashtags'})));
    expect(cashtags.top).toEqual([{tag: '$AMD', key: 'amd', count: 5, accounts: 4}]);
    const mentions = JSON.parse(ndjson.format(result([['jack', 2]], {terms: 'mentions'})));
    expect(mentions.top[0].tag).toBe('@jack');
    const words = JSON.parse(ndjson.format(result([['sleep', 2]], {terms: 'words'})));
    expect(words.top[0].tag).toBe('sleep');
    const rising = result([['Up', 9]], {rank: 'rising'});
    rising.top[0]!.score = 12.5;
    expect(JSON.parse(ndjson.format(rising)).top[0]).toMatchObject({score: 12.5});
    const line = ndjson.format(result([], {partial: true, rank: 'rising', warmingUp: true}));
    expect(line).toContain('"rank":"rising","partial":true,"warming_up":true,"top":[]');
    expect(JSON.parse(ndjson.format(result([])))).not.toHaveProperty('partial');
  });

  it('TSV and CSV rows carry key, accounts, the score when rising, and the window’s posts', () => {
    expect(createRecordFormatter('csv', 'rising').header).toBe(
      'window_end,tag,key,count,accounts,score,posts\n',
    );
    const rising = result([['Up', 9]], {rank: 'rising'});
    rising.top[0]!.score = 12.5;
    expect(createRecordFormatter('tsv', 'rising').format(rising)).toBe(
      '2026-11-26T12:00:20.000Z\t#Up\tup\t9\t8\t12.5\t123\n',
    );
  });

  it('writes a CSV header once and quotes fields that need it', () => {
    const formatter = createRecordFormatter('csv');
    expect(formatter.header).toBe('window_end,tag,key,count,accounts,posts\n');
    expect(
      formatter.format(
        result([
          ['a,b', 3],
          ['say"hi', 1],
        ]),
      ),
    ).toBe(
      '2026-11-26T12:00:20.000Z,"#a,b","a,b",3,2,123\n' +
        '2026-11-26T12:00:20.000Z,"#say""hi","say""hi",1,0,123\n',
    );
  });

  it('keeps TSV rows six columns even when a tag holds a tab or newline', () => {
    const rows = createRecordFormatter('tsv').format(result([['x\ty\nz', 5]]));
    expect(rows).toBe('2026-11-26T12:00:20.000Z\t#x y z\tx y z\t5\t4\t123\n');
  });

  it('gives a window without tags one row, as NDJSON gives it one record', () => {
    expect(createRecordFormatter('tsv').format(result([]))).toBe(
      '2026-11-26T12:00:20.000Z\t\t\t0\t0\t123\n',
    );
    expect(createRecordFormatter('csv').format(result([]))).toBe(
      '2026-11-26T12:00:20.000Z,,,0,0,123\n',
    );
    expect(createRecordFormatter('csv', 'rising').format(result([], {rank: 'rising'}))).toBe(
      '2026-11-26T12:00:20.000Z,,,0,0,0,123\n',
    );
  });

  it('writes no escape sequence a hostile tag carries, in TSV or CSV', () => {
    const hostile = result([
      ['ev\u001b]0;PWN\u0007il', 1],
      ['re\u001b[31md,x', 2],
    ]);
    expect(createRecordFormatter('tsv').format(hostile)).toBe(
      '2026-11-26T12:00:20.000Z\t#evil\tevil\t1\t0\t123\n' +
        '2026-11-26T12:00:20.000Z\t#red,x\tred,x\t2\t1\t123\n',
    );
    expect(createRecordFormatter('csv').format(hostile)).toBe(
      '2026-11-26T12:00:20.000Z,#evil,evil,1,0,123\n' +
        '2026-11-26T12:00:20.000Z,"#red,x","red,x",2,1,123\n',
    );
  });
});
