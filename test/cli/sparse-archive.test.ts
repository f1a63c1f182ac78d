// A sparse archive through the built binary: two posts two years apart span some six million
// 10 s windows, of which two hold a post. Only those two are printed, and every format lists
// the same windows (a window whose post has no tag still gets its TSV/CSV row).
import {describe, expect, it} from 'vitest';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {run} from './run-binary.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trendtui-sparse-'));
const sparse = path.join(scratch, 'sparse.jsonl');
writeFileSync(
  sparse,
  // Newest first, as a search archive is; the older post carries no hashtag.
  [
    '{"type":"post","id":"2","created_at":"2026-01-01T00:00:05.000Z","text":"later #Beta","hashtags":["Beta"]}',
    '{"type":"post","id":"1","created_at":"2024-01-01T00:00:05.000Z","text":"earlier, no tag","hashtags":[]}',
  ].join('\n') + '\n',
);

const args = (format: string) => [
  '--replay',
  sparse,
  '--speed',
  'max',
  '--pipe',
  '--window',
  '10s',
  '--slide',
  '10s',
  '--format',
  format,
];

describe('a sparse archive in batch replay', () => {
  it('prints only the windows holding posts, the same windows in ndjson, tsv and csv', async () => {
    const [ndjson, tsv, csv] = await Promise.all([
      run(args('ndjson')),
      run(args('tsv')),
      run(args('csv')),
    ]);
    for (const result of [ndjson, tsv, csv]) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
    const records = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as {window_end: string; posts: number});
    expect(records.map((r) => [r.window_end, r.posts])).toEqual([
      ['2024-01-01T00:00:10.000Z', 1],
      ['2026-01-01T00:00:10.000Z', 1],
    ]);
    // Columns: window_end, tag, key, count, accounts, posts (the window's own post count).
    expect(tsv.stdout).toBe(
      '2024-01-01T00:00:10.000Z\t\t\t0\t0\t1\n2026-01-01T00:00:10.000Z\t#Beta\tbeta\t1\t1\t1\n',
    );
    expect(csv.stdout).toBe(
      'window_end,tag,key,count,accounts,posts\n' +
        '2024-01-01T00:00:10.000Z,,,0,0,1\n2026-01-01T00:00:10.000Z,#Beta,beta,1,1,1\n',
    );
  }, 60_000);
});
