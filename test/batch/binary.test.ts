// Batch replay through the built binary (`npm run build` first): parsing on worker threads as
// users get it, and the same records as the server path (ingest child + socket + live pipe).
import {describe, expect, it, beforeAll} from 'vitest';
import {mkdtempSync, readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {BIN, run, cleanEnv} from '../cli/run-binary.js';
import {recountText, recountWindows} from './recount.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trendtui-batch-bin-'));
const ordered = path.join(scratch, 'ordered.jsonl');
const noflat = path.resolve('test/fixtures/twarc2/noflat.jsonl');

type Record = {
  window_end: string;
  posts: number;
  late: number;
  top: {tag: string; count: number}[];
};
const parse = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record);

const replayArgs = (file: string) => [
  '--replay',
  file,
  '--speed',
  'max',
  '--pipe',
  '--window',
  '30s',
  '--slide',
  '10s',
  '--top',
  '0',
];

beforeAll(() => {
  // A stream capture: 20,000 posts over 100 s, each at most 1 s off its place, well inside the
  // live pipe's default out-of-order bound, so both paths must count every post.
  execFileSync(process.execPath, [
    'scripts/generate-archive.js',
    ordered,
    '--posts',
    '20000',
    '--rate',
    '200',
    '--disorder-ms',
    '2000',
  ]);
});

describe('batch replay in the built binary', () => {
  it('counts alike on 0, 1, 2 and 6 parse workers, and as the recount does', async () => {
    const expected = recountWindows(recountText(readFileSync(ordered, 'utf8')), 30_000, 10_000);
    const outputs: string[] = [];
    // Six workers on a small machine: more workers than cores, each with its share of the
    // blocks in flight.
    for (const workers of ['0', '1', '2', '6']) {
      const result = await run(replayArgs(ordered), {
        env: cleanEnv({TRENDTUI_PARSE_WORKERS: workers}),
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(outputs[3]).toBe(outputs[0]);
    const records = parse(outputs[0]!);
    expect(records.map((record) => record.window_end)).toEqual(
      expected.map((window) => new Date(window.end).toISOString()),
    );
    expect(records.map((record) => record.posts)).toEqual(expected.map((window) => window.posts));
    expect(records.map((record) => record.top.reduce((sum, tag) => sum + tag.count, 0))).toEqual(
      expected.map((window) => [...window.counts.values()].reduce((sum, n) => sum + n, 0)),
    );
  });

  it('gives the same records as the server path', async () => {
    // `--record` needs the posts themselves, so it takes the server path: an ingest child
    // replaying the file over a loopback socket into the live pipe.
    const viaServer = await run([
      ...replayArgs(ordered),
      '--record',
      path.join(scratch, 'recorded.jsonl'),
    ]);
    const batch = await run(replayArgs(ordered));
    expect(viaServer.code).toBe(0);
    expect(batch.code).toBe(0);
    expect(parse(batch.stdout).length).toBeGreaterThan(5);
    expect(batch.stdout).toBe(viaServer.stdout);
  });

  it('counts a newest-first twarc2 archive on worker threads', async () => {
    const expected = recountWindows(recountText(readFileSync(noflat, 'utf8')), 30_000, 10_000);
    const result = await run(replayArgs(noflat), {env: cleanEnv({TRENDTUI_PARSE_WORKERS: '1'})});
    expect(result.code).toBe(0);
    const records = parse(result.stdout);
    expect(records.map((record) => [record.window_end, record.posts])).toEqual(
      expected.map((window) => [new Date(window.end).toISOString(), window.posts]),
    );
  });

  it('counts an archive piped in twice once: the same records, every second copy a duplicate', () => {
    const once = execFileSync(process.execPath, [BIN, ...replayArgs(noflat)], {env: cleanEnv()});
    // Literally as a user types it: two copies of the file through a shell pipe.
    const twice = execFileSync(
      'sh',
      [
        '-c',
        `cat "$1" "$1" | "$2" "$3" ${replayArgs('-').join(' ')}`,
        'sh',
        noflat,
        process.execPath,
        BIN,
      ],
      {env: cleanEnv()},
    );
    const single = parse(once.toString('utf8'));
    const doubled = parse(twice.toString('utf8')) as (Record & {duplicates: number})[];
    expect(single.length).toBeGreaterThan(3);
    const withoutDuplicates = (records: Record[]) =>
      records.map((record) => ({...record, duplicates: undefined}));
    expect(withoutDuplicates(doubled)).toEqual(withoutDuplicates(single));
    const posts = readFileSync(noflat, 'utf8')
      .trimEnd()
      .split('\n')
      .reduce((sum, line) => sum + (JSON.parse(line) as {data: unknown[]}).data.length, 0);
    expect(posts).toBe(100);
    expect(doubled.at(-1)!.duplicates).toBe(posts);
  });

  it('exits 2 with one line on stderr for a missing file', async () => {
    const result = await run(replayArgs(path.join(scratch, 'missing.jsonl')));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot read replay file .*missing\.jsonl.*: no such file/);
  });
});
