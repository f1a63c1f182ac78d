import {describe, expect, it, beforeAll} from 'vitest';
import {mkdtempSync, readFileSync, writeFileSync, chmodSync} from 'node:fs';
import {constants as zlibConstants, gunzipSync, gzipSync} from 'node:zlib';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough, Readable, Writable} from 'node:stream';
import {execFileSync} from 'node:child_process';
import {runBatchReplay} from '../../source/batch/batch-replay.js';
import type {Options} from '../../source/cli/options.js';
import {recountText, recountWindows, type RecountWindow} from './recount.js';
import {testOptions} from '../helpers/options.js';
import type {NdjsonRecord} from '../../source/core/format/records.js';

const fixtures = path.resolve('test/fixtures');
const scratch = mkdtempSync(path.join(tmpdir(), 'trendtui-batch-'));

function options(overrides: Partial<Options>): Options {
  const base = {
    query: [],
    source: 'replay',
    speed: 'max',
    windowMs: 60_000,
    timeMode: 'event',
  } as const;
  return testOptions({...base, query: [], top: 0, pipe: true, ...overrides});
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

type Run = {code: number; stdout: string; stderr: string};

async function replay(overrides: Partial<Options>, stdin?: Readable): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runBatchReplay(options(overrides), stdout, {
    stderr,
    ...(stdin ? {stdin} : {}),
  });
  return {code, stdout: stdout.text, stderr: stderr.text};
}

const records = (stdout: string): NdjsonRecord[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as NdjsonRecord);

/** The recount's expected top list: count desc, key asc; display = commonest spelling. */
function expectedTop(
  window: RecountWindow,
): {tag: string; key: string; count: number; accounts: number}[] {
  return [...window.counts]
    .sort(([keyA, a], [keyB, b]) => b - a || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([key, count]) => {
      const spellings = [...window.spellings.get(key)!];
      // Most occurrences; ties to the smallest string, so the order of input cannot matter.
      spellings.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
      return {tag: `#${spellings[0]![0]}`, key, count, accounts: window.authors.get(key)!.size};
    });
}

function expectSameWindows(actual: NdjsonRecord[], expected: RecountWindow[], late = 0): void {
  expect(actual.map((record) => record.window_end)).toEqual(
    expected.map((window) => new Date(window.end).toISOString()),
  );
  actual.forEach((record, index) => {
    const window = expected[index]!;
    expect(record.window_start).toBe(new Date(window.start).toISOString());
    expect({end: record.window_end, posts: record.posts, top: record.top}).toEqual({
      end: record.window_end,
      posts: window.posts,
      top: expectedTop(window),
    });
  });
  expect(actual.at(-1)?.late ?? 0).toBe(late);
}

describe('batch replay of real archives against a brute-force recount', () => {
  const minuteShapes = [
    {windowMs: 60_000, slideMs: 10_000},
    {windowMs: 20_000, slideMs: 10_000},
    // Window not a multiple of the slide.
    {windowMs: 25_000, slideMs: 10_000},
    {windowMs: 1_000, slideMs: 1_000},
  ];
  const day = 86_400_000;
  const archives: [string, {windowMs: number; slideMs: number}[]][] = [
    ['twarc2/noflat.jsonl', minuteShapes],
    ['twarc2/flat.jsonl', minuteShapes],
    // Posts from 2010 to 2021: day-sized windows keep the run to a few thousand records.
    [
      'twarc2/withheld.jsonl',
      [
        {windowMs: 30 * day, slideMs: 10 * day},
        {windowMs: 7 * day, slideMs: 2 * day},
      ],
    ],
    ['twarc2/edited.jsonl', minuteShapes],
    ['twarc2/two_tweets.jsonl', minuteShapes],
    ['jetstream/golden_v1.jsonl', minuteShapes],
  ];

  for (const [archive, shapes] of archives) {
    for (const shape of shapes) {
      it(`${archive}, window ${shape.windowMs / 1000}s slide ${shape.slideMs / 1000}s`, async () => {
        const file = path.join(fixtures, archive);
        const expected = recountWindows(
          recountText(readFileSync(file, 'utf8')),
          shape.windowMs,
          shape.slideMs,
        );
        const run = await replay({replayFile: file, ...shape});
        expect(run.code).toBe(0);
        expect(expected.length).toBeGreaterThan(0);
        // Windows holding no post are left out, unless --empty asks for every one.
        expectSameWindows(
          records(run.stdout),
          expected.filter((window) => window.posts > 0),
        );
        const all = await replay({replayFile: file, ...shape, empty: true});
        expectSameWindows(records(all.stdout), expected);
      });
    }
  }

  it('counts a retweet with the original post’s hashtags', async () => {
    // two_tweets.jsonl: the retweet's own text is cut off before its hashtag; the original,
    // in includes.tweets, carries it.
    const run = await replay({replayFile: path.join(fixtures, 'twarc2/two_tweets.jsonl')});
    const tops = records(run.stdout).map((record) => record.top);
    expect(tops.length).toBeGreaterThan(0);
    for (const top of tops) {
      expect(top).toEqual([{tag: '#POIUYTREWQ', key: 'poiuytrewq', count: 1, accounts: 1}]);
    }
  });

  it('gives the same records for a gzip file and for stdin', async () => {
    const file = path.join(fixtures, 'twarc2/noflat.jsonl');
    const plain = await replay({replayFile: file});
    const gz = path.join(scratch, 'noflat.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    const fromGzip = await replay({replayFile: gz});
    const stdin = Readable.from([readFileSync(file)]);
    const fromStdin = await replay({replayFile: '-'}, stdin);
    const gzipStdin = Readable.from([gzipSync(readFileSync(file))]);
    const fromGzipStdin = await replay({replayFile: '-'}, gzipStdin);
    expect(plain.stdout.length).toBeGreaterThan(0);
    expect(fromGzip).toEqual(plain);
    expect(fromStdin).toEqual(plain);
    expect(fromGzipStdin).toEqual(plain);
  });

  it('applies the query, language and retweet filters', async () => {
    const file = path.join(fixtures, 'twarc2/flat.jsonl');
    const all = records((await replay({replayFile: file, windowMs: 3_600_000})).stdout);
    const noRetweets = records(
      (await replay({replayFile: file, windowMs: 3_600_000, retweets: false})).stdout,
    );
    const english = records(
      (await replay({replayFile: file, windowMs: 3_600_000, lang: 'en'})).stdout,
    );
    const sum = (list: NdjsonRecord[]) => list.reduce((total, r) => total + r.posts, 0);
    expect(sum(noRetweets)).toBeLessThan(sum(all));
    expect(sum(english)).toBeLessThan(sum(all));
    expect(sum(english)).toBeGreaterThan(0);
  });
});

describe('event time on generated archives', () => {
  const generated = path.join(scratch, 'disordered.jsonl');
  const shuffled = path.join(scratch, 'shuffled.jsonl');
  beforeAll(() => {
    const generate = (file: string, ...flags: string[]) =>
      execFileSync(process.execPath, ['scripts/generate-archive.js', file, ...flags]);
    // 30,000 posts at 200/s = 150 s of event time, each post up to ±4 s off its place.
    generate(generated, '--posts', '30000', '--rate', '200', '--disorder-ms', '8000');
    generate(shuffled, '--posts', '20000', '--rate', '200', '--shuffle', '--seed', '9');
  });

  it('streams a capture with seconds of disorder: every window equals the recount', async () => {
    const text = readFileSync(generated, 'utf8');
    for (const shape of [
      {windowMs: 60_000, slideMs: 10_000},
      {windowMs: 20_000, slideMs: 5_000},
      {windowMs: 7_000, slideMs: 3_000},
    ]) {
      const run = await replay({replayFile: generated, ...shape});
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expectSameWindows(
        records(run.stdout),
        recountWindows(recountText(text), shape.windowMs, shape.slideMs),
      );
    }
  });

  it('counts a shuffled archive in full, windows in order', async () => {
    const run = await replay({replayFile: shuffled, windowMs: 30_000, slideMs: 10_000});
    expect(run.code).toBe(0);
    expectSameWindows(
      records(run.stdout),
      recountWindows(recountText(readFileSync(shuffled, 'utf8')), 30_000, 10_000),
    );
  });

  it('counts a newest-first archive (a twarc2 search) in full', async () => {
    const lines = readFileSync(generated, 'utf8').trimEnd().split('\n').reverse();
    const reversed = path.join(scratch, 'reversed.jsonl');
    writeFileSync(reversed, lines.join('\n') + '\n');
    const run = await replay({replayFile: reversed});
    expectSameWindows(
      records(run.stdout),
      recountWindows(recountText(lines.join('\n')), 60_000, 10_000),
    );
  });

  it('streams a time-ordered capture: records come out before the input ends', async () => {
    const text = readFileSync(generated, 'utf8');
    const firstPart = text.slice(0, text.indexOf('\n', text.length / 2) + 1);
    const stdin = new PassThrough();
    const stdout = new Capture();
    let firstRecord!: () => void;
    const recordSeen = new Promise<void>((resolve) => (firstRecord = resolve));
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: string) => {
      firstRecord();
      return write(chunk);
    }) as typeof stdout.write;
    const run = runBatchReplay(options({replayFile: '-'}), stdout, {stdin, stderr: new Capture()});
    stdin.write(firstPart);
    // Half the input is in and the rest is not: a streaming replay has windows to show.
    await recordSeen;
    expect(stdout.text.length).toBeGreaterThan(0);
    stdin.end(text.slice(firstPart.length));
    expect(await run).toBe(0);
    expectSameWindows(records(stdout.text), recountWindows(recountText(text), 60_000, 10_000));
  });

  it('streams and holds sparse archives: a post days later means thousands of empty windows, printed only with --empty', async () => {
    const lines = readFileSync(generated, 'utf8').trimEnd().split('\n');
    const message = JSON.parse(lines[5]!) as {data: {created_at: string}};
    message.data.created_at = new Date(
      Date.parse(message.data.created_at) + 3 * 86_400_000,
    ).toISOString();
    // A post of its own, not a duplicate of the one it was copied from.
    (message.data as {id?: string}).id = 'days-later';
    const later = [...lines, JSON.stringify(message)];
    const expected = recountWindows(recountText(later.join('\n')), 20_000, 10_000);
    // 3 days of 10 s slides: far more windows than the feeder hands on in one step.
    expect(expected.length).toBeGreaterThan(25_000);
    for (const order of [later, [...later].reverse()]) {
      const file = path.join(scratch, 'sparse.jsonl');
      writeFileSync(file, order.join('\n') + '\n');
      // With --empty every window from the first post's to the last's, empty ones included.
      const all = await replay({replayFile: file, windowMs: 20_000, slideMs: 10_000, empty: true});
      expect(all.code).toBe(0);
      expectSameWindows(records(all.stdout), expected);
      // Without it, only the windows holding posts, still exact and in order.
      const run = await replay({replayFile: file, windowMs: 20_000, slideMs: 10_000});
      expect(run.code).toBe(0);
      const held = expected.filter((window) => window.posts > 0);
      expect(held.length).toBeLessThan(expected.length - 25_000);
      expectSameWindows(records(run.stdout), held);
    }
  });

  it('reports a post far behind the stream in `late` and counts it nowhere', async () => {
    const lines = readFileSync(generated, 'utf8').trimEnd().split('\n');
    // A copy of an early post, placed near the end: ten minutes behind its neighbours, every
    // window holding it long emitted.
    const straggler = lines[100]!;
    const withLate = [...lines.slice(0, 25_000), straggler, ...lines.slice(25_000)];
    const file = path.join(scratch, 'late.jsonl');
    writeFileSync(file, withLate.join('\n') + '\n');
    const run = await replay({replayFile: file});
    expect(run.code).toBe(0);
    const output = records(run.stdout);
    expectSameWindows(output, recountWindows(recountText(lines.join('\n')), 60_000, 10_000), 1);
    const lateValues = output.map((record) => record.late);
    expect(lateValues).toEqual([...lateValues].sort((a, b) => a - b));
    expect(run.stderr).toMatch(/1 post arrived too far out of order/);
    // However the input is cut into reads, the same posts are late: stdin in odd-sized chunks.
    const bytes = readFileSync(file);
    const chunks = Array.from({length: Math.ceil(bytes.length / 7_001)}, (_, i) =>
      bytes.subarray(i * 7_001, (i + 1) * 7_001),
    );
    const fromStdin = await replay({replayFile: '-'}, Readable.from(chunks));
    expect(fromStdin.stdout).toBe(run.stdout);
  });
});

describe('bad input and output', () => {
  it('exits 2 with one line for a missing file', async () => {
    const run = await replay({replayFile: path.join(scratch, 'nope.jsonl')});
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `trendtui: cannot read replay file ${path.join(scratch, 'nope.jsonl')}: no such file\n`,
    });
  });

  it('exits 2 with one line for an unreadable file', async () => {
    const file = path.join(scratch, 'secret.jsonl');
    writeFileSync(file, '{}\n');
    chmodSync(file, 0o000);
    const run = await replay({replayFile: file});
    chmodSync(file, 0o600);
    // root reads anything; the check is meaningful only for other users
    if (process.getuid?.() !== 0) {
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when no line can be parsed', async () => {
    const file = path.join(scratch, 'garbage.jsonl');
    writeFileSync(file, '{"data": [1, 2\n{not json\n');
    const run = await replay({replayFile: file});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(/has no line trendtui can read \(2 malformed lines/);
  });

  it('a cut gzip file: prints the windows of what was read, then exits 1 with one line', async () => {
    const file = path.join(scratch, 'cut.jsonl.gz');
    let lines = '';
    for (let i = 0; i < 3000; i++) {
      const time = new Date(Date.UTC(2026, 0, 1) + i * 997).toISOString();
      lines += `{"type":"post","id":"${i}","created_at":"${time}","text":"#t${i % 37}","hashtags":["t${i % 37}"]}\n`;
    }
    const whole = gzipSync(lines);
    const cut = whole.subarray(0, whole.length / 2);
    writeFileSync(file, cut);
    // What a reader gets out of the cut file: the whole lines before the break.
    const readable = gunzipSync(cut, {finishFlush: zlibConstants.Z_SYNC_FLUSH}).toString('utf8');
    const prefix = path.join(scratch, 'cut-prefix.jsonl');
    writeFileSync(prefix, readable.slice(0, readable.lastIndexOf('\n') + 1));
    const expected = await replay({replayFile: prefix});
    expect(records(expected.stdout).length).toBeGreaterThan(0);

    const run = await replay({replayFile: file});
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.stderr).toMatch(
      /^trendtui: replay of .*cut\.jsonl\.gz stopped early: the gzip data is corrupt or cut short; the windows above count what was read before\n$/,
    );
  });

  it('exits 2 with one line for a gzip file corrupt from the start', async () => {
    const file = path.join(scratch, 'corrupt.jsonl.gz');
    writeFileSync(file, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(64, 0x42)]));
    const run = await replay({replayFile: file});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^trendtui: .*gzip data is corrupt or cut short\n$/);
  });

  it.each([
    ['NUL bytes', Buffer.from(Array.from({length: 4096}, (_, i) => i % 256))],
    [
      'bytes that are not UTF-8',
      Buffer.from('{"text": "#ok"}\n' + 'x'.repeat(100) + '\xff\xfe\n', 'latin1'),
    ],
  ])('refuses input that is not text (%s) with one line, exit 2', async (_, bytes) => {
    const file = path.join(scratch, 'binary.dat');
    writeFileSync(file, bytes);
    for (const run of [
      await replay({replayFile: file}),
      await replay({replayFile: file}, Readable.from([bytes])),
      await replay({replayFile: '-'}, Readable.from([gzipSync(bytes)])),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^trendtui: (.*binary\.dat|stdin) is not text \(binary data in its first block\)/,
      );
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('skips malformed lines, counts them on stderr at the end, and still exits 0', async () => {
    const good = readFileSync(path.join(fixtures, 'twarc2/two_tweets.jsonl'), 'utf8').trim();
    const file = path.join(scratch, 'mixed.jsonl');
    // The last line is cut short, as a crashed twarc2 leaves it.
    writeFileSync(file, `{oops\n${good}\n\n{"data": {"author_id": "1021159080151404544"`);
    const run = await replay({replayFile: file});
    expect(run.code).toBe(0);
    expect(records(run.stdout).length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^trendtui: skipped 2 malformed lines/);
  });

  it('writes CSV with one header row', async () => {
    const run = await replay({
      replayFile: path.join(fixtures, 'twarc2/noflat.jsonl'),
      format: 'csv',
      windowMs: 3_600_000,
      slideMs: 3_600_000,
    });
    const rows = run.stdout.trimEnd().split('\n');
    const header = 'window_end,tag,key,count,accounts,posts';
    expect(rows[0]).toBe(header);
    expect(rows.filter((row) => row === header)).toHaveLength(1);
    expect(rows.length).toBeGreaterThan(1);
  });

  it('stops cleanly when the output fails', async () => {
    let writes = 0;
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        writes++;
        done(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
      },
    });
    failing.on('error', () => {});
    const stderr = new Capture();
    const code = await runBatchReplay(
      options({
        replayFile: path.join(fixtures, 'twarc2/flat.jsonl'),
        windowMs: 1000,
        slideMs: 1000,
      }),
      failing,
      {stderr},
    );
    expect(code).toBe(0);
    expect(writes).toBe(1);
    expect(stderr.text).toBe('');
  });

  it('waits for a slow reader instead of buffering the output', async () => {
    // An output that takes its first write and then holds it: like a pipe nobody reads.
    const held: (() => void)[] = [];
    let reading = false;
    let text = '';
    let blocked!: () => void;
    const full = new Promise<void>((resolve) => (blocked = resolve));
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        if (reading) done();
        else held.push(done);
      },
    });
    const write = slow.write.bind(slow);
    slow.write = ((chunk: string) => {
      const accepted = write(chunk);
      if (!accepted) blocked();
      return accepted;
    }) as typeof slow.write;

    let settled = false;
    const run = runBatchReplay(
      options({
        replayFile: path.join(fixtures, 'twarc2/flat.jsonl'),
        windowMs: 1000,
        slideMs: 1000,
        // Every window, so that there is much more output than the reader takes.
        empty: true,
      }),
      slow,
      {stderr: new Capture()},
    ).then((code) => {
      settled = true;
      return code;
    });
    await full;
    // Give the replay every chance to run on: it must be waiting for the output instead.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    expect(slow.writableLength).toBeLessThan(4096);
    reading = true;
    for (const done of held.splice(0)) done();
    expect(await run).toBe(0);
    expect(records(text).length).toBeGreaterThan(100);
  });
});

describe('batch replay of lines without a time', () => {
  it('stamps each with the time of the post before it, counts them, and prints no flood', async () => {
    const file = path.join(scratch, 'untimed.jsonl');
    const post = (id: number, time: string, tag: string) =>
      JSON.stringify({
        type: 'post',
        id: String(id),
        created_at: time,
        text: `#${tag}`,
        hashtags: [tag],
      }) + '\n';
    writeFileSync(
      file,
      'a plain line #Lead\n' +
        post(1, '2021-04-01T15:53:00.000Z', 'Marvel') +
        '42\n"str"\n' +
        '{"data":{"id":"9","text":"no created_at #NoTime"}}\n' +
        post(2, '2021-04-01T15:53:12.000Z', 'Marvel'),
    );
    // Daily windows with every empty one printed: a post stamped today would print one per
    // day since 2021.
    const day = 86_400_000;
    const run = await replay({replayFile: file, windowMs: day, slideMs: day, empty: true});
    expect(run.code, run.stderr).toBe(0);
    const windows = records(run.stdout);
    expect(windows.map((window) => window.window_end)).toEqual(['2021-04-02T00:00:00.000Z']);
    expect(windows[0]!.posts).toBe(6);
    expect(windows[0]!.top.map(({tag, count}) => ({tag, count}))).toEqual([
      {tag: '#Marvel', count: 2},
      {tag: '#Lead', count: 1},
      {tag: '#NoTime', count: 1},
    ]);
    expect(run.stderr).toBe(
      'trendtui: 4 lines had no time; each took the time of the line before\n',
    );
  });
});
