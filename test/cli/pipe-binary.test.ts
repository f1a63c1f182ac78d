// Pipe mode as scripts meet it: the built binary with stdout on a pipe, the ingest server a
// real child process. Records are valid NDJSON with no escape codes; `| head` (the read end
// closing) exits 0; SIGINT, SIGTERM and SIGHUP exit 130, 143 and 129 and leave no child behind; a live
// session recorded with --record replays to the same counts.
import {readdirSync, readFileSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {ChildProcess} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {decodeMessage} from '../../source/core/protocol.js';
import {finished, run, start} from './run-binary.js';
import type {NdjsonRecord} from '../../source/core/format/records.js';

const DEMO = [
  '--source',
  'demo',
  '--seed',
  '1',
  '--rate',
  '200',
  '--window',
  '2s',
  '--slide',
  '1s',
];

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

/** Resolves once `count` complete lines have come out on stdout. */
function lines(child: ChildProcess, count: number): Promise<string[]> {
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const complete = text.split('\n').slice(0, -1);
      if (complete.length >= count) {
        child.stdout!.off('data', onData);
        resolve(complete);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`exited ${code} before ${count} lines: ${text}`)),
    );
  });
}

function parseRecords(text: string): NdjsonRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as NdjsonRecord);
}

describe('pipe mode, real binary and child server', () => {
  it('prints one valid NDJSON record per slide with no escape codes, and SIGINT exits 130 leaving no child', async () => {
    const child = start(DEMO);
    const result = finished(child);
    const first = await lines(child, 3);
    const servers = childrenOf(child.pid!);
    expect(servers.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const {code, stdout, stderr} = await result;
    expect(code).toBe(130);
    for (const server of servers) expect(await gone(server, 2000)).toBe(true);

    expect(stdout).not.toContain('\u001b');
    expect(stdout.startsWith(first.join('\n'))).toBe(true);
    const records = parseRecords(stdout);
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records[0]!.partial).toBe(true);
    for (const [i, record] of records.entries()) {
      expect(Object.keys(record)).toEqual([
        'window_start',
        'window_end',
        'window_s',
        'slide_s',
        'posts',
        'late',
        'duplicates',
        'terms',
        'rank',
        // Windows that began before the run started say so; only the leading ones can.
        ...(record.partial ? ['partial'] : []),
        'top',
      ]);
      if (record.partial) expect(i === 0 || records[i - 1]!.partial === true).toBe(true);
      expect(record).toMatchObject({window_s: 2, slide_s: 1, late: 0});
      expect(Date.parse(record.window_end) - Date.parse(record.window_start)).toBe(2000);
      expect(Date.parse(record.window_end) % 1000).toBe(0);
      if (i > 0)
        expect(Date.parse(record.window_end) - Date.parse(records[i - 1]!.window_end)).toBe(1000);
      expect(record.top.length).toBeLessThanOrEqual(10);
      for (const tag of record.top) expect(tag.tag).toMatch(/^#\S+$/);
    }
    // At 200 posts/s a full 2 s window holds hundreds of posts.
    expect(Math.max(...records.map((record) => record.posts))).toBeGreaterThan(100);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('says on stderr how to go live when it falls back to the demo source', async () => {
    const child = start(DEMO.filter((arg) => arg !== '--source' && arg !== 'demo'));
    const result = finished(child);
    const [line] = await lines(child, 1);
    child.kill('SIGINT');
    const {code, stderr} = await result;
    expect(code).toBe(130);
    expect(JSON.parse(line!)).toHaveProperty('top');
    expect(stderr).toContain('trendtui: showing the demo source; to go live, set X_BEARER_TOKEN');
    expect(stderr).toContain('--source bluesky');
  });

  it('exits 143 on SIGTERM and stops its child', async () => {
    const child = start(DEMO);
    const result = finished(child);
    await lines(child, 1);
    const servers = childrenOf(child.pid!);
    child.kill('SIGTERM');
    expect((await result).code).toBe(143);
    for (const server of servers) expect(await gone(server, 2000)).toBe(true);
  });

  it('exits 129 on SIGHUP (a closed terminal) after stopping its child', async () => {
    const child = start(DEMO);
    const result = finished(child);
    await lines(child, 1);
    const servers = childrenOf(child.pid!);
    expect(servers.length).toBeGreaterThan(0);
    child.kill('SIGHUP');
    const {code, signal} = await result;
    // Exited by itself with 129, not killed by the signal.
    expect([code, signal]).toEqual([129, null]);
    for (const server of servers) expect(await gone(server, 2000)).toBe(true);
  });

  it('exits 0 quietly when the reader closes its end (| head -1)', async () => {
    const child = start(DEMO);
    const result = finished(child);
    await lines(child, 1);
    const servers = childrenOf(child.pid!);
    // What `head -1` does after its line: close the pipe. The next record meets EPIPE.
    child.stdout!.destroy();
    const {code, stderr} = await result;
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    for (const server of servers) expect(await gone(server, 2000)).toBe(true);
  });

  it('on the server path, a replay with no readable post exits 2 in one line; malformed lines are counted, not fatal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-bad-replay-'));
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"data": \n{"broken\n');
    const unreadable = await run(['--replay', bad, '--speed', '1000']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stdout).toBe('');
    expect(unreadable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreadable.stderr).toContain(`${bad} has no post trendtui can read`);

    const mixed = path.join(dir, 'mixed.jsonl');
    const post = (id: number, second: number) =>
      JSON.stringify({
        type: 'post',
        id: String(id),
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
        text: '#Tag',
        hashtags: ['Tag'],
        retweet: false,
      });
    writeFileSync(
      mixed,
      [post(1, 1), '{"broken', post(2, 2), '{"data": [1, 2', post(3, 12)].join('\n') + '\n',
    );
    const counted = await run([
      '--replay',
      mixed,
      '--speed',
      '1000',
      '--window',
      '10s',
      '--slide',
      '10s',
    ]);
    expect(counted.code, counted.stderr).toBe(0);
    expect(parseRecords(counted.stdout).map((record) => record.posts)).toEqual([2, 1]);
    expect(counted.stderr).toMatch(/malformed/);
  });

  // Event time waits out the 5 s out-of-orderness bound before closing a window, so the live
  // half takes about ten seconds.
  it(
    'records every post once in wire form, and a replay of the recording gives the same windows',
    {timeout: 60_000},
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-roundtrip-'));
      const file = path.join(dir, 'session.jsonl');
      // Event time for the live run too: the replay can only know the posts' own times.
      const child = start([...DEMO, '--time', 'event', '--top', '0', '--record', file]);
      const result = finished(child);
      await lines(child, 3);
      child.kill('SIGINT');
      const live = await result;
      expect(live.code).toBe(130);
      const liveRecords = parseRecords(live.stdout);
      expect(liveRecords.length).toBeGreaterThanOrEqual(3);

      const recorded = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      const messages = recorded.map((line) => decodeMessage(line));
      expect(messages.every((message) => message.type === 'post')).toBe(true);
      const ids = messages.map((message) => (message.type === 'post' ? message.post.id : ''));
      expect(new Set(ids).size).toBe(ids.length);
      // Every post the live run counted is in the file: windows n-1, n-3, … are disjoint and
      // cover [first start + 1 s, last end) (the first second holds no post: the first window is
      // the first one holding the earliest post), so their counts add up to the posts recorded
      // with a time in that span.
      const lastEnd = Date.parse(liveRecords.at(-1)!.window_end);
      const counted = liveRecords
        .filter((_, i) => (liveRecords.length - 1 - i) % 2 === 0)
        .reduce((sum, record) => sum + record.posts, 0);
      const inFile = messages.filter(
        (message) => message.type === 'post' && message.post.createdAt < lastEnd,
      ).length;
      expect(liveRecords.every((record) => record.late === 0)).toBe(true);
      expect(inFile).toBe(counted);
      expect(counted).toBeGreaterThan(100);

      const window = ['--window', '2s', '--slide', '1s', '--top', '0'];
      const batch = await run(['--replay', file, '--speed', 'max', ...window]);
      expect(batch.code, batch.stderr).toBe(0);
      const replayed = parseRecords(batch.stdout);
      const byEnd = new Map(replayed.map((record) => [record.window_end, record]));
      // A live run marks its first window partial (it began before the run); a replay of the
      // recording has no such window, and every count must still agree.
      const counts = ({partial: _partial, ...record}: (typeof liveRecords)[number]) => record;
      for (const record of liveRecords) {
        expect(byEnd.get(record.window_end)).toEqual(counts(record));
      }
      // The replay starts where the live run did, and goes on through the last recorded post.
      expect(replayed[0]).toEqual(counts(liveRecords[0]!));
      expect(replayed.length).toBeGreaterThanOrEqual(liveRecords.length);

      // The same file through the child server and the socket (not the batch path): same bytes.
      const paced = await run(['--replay', file, '--speed', '1000', ...window]);
      expect(paced.code, paced.stderr).toBe(0);
      expect(paced.stdout).toBe(batch.stdout);

      // And piped in as live lines, counted by the posts' own time.
      const piped = await run(['--source', 'stdin', '--time', 'event', ...window], {
        input: recorded.join('\n') + '\n',
      });
      expect(piped.code, piped.stderr).toBe(0);
      expect(piped.stdout).toBe(batch.stdout);
    },
  );
});
