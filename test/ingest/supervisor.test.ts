// Real child processes: the built `dist/bin.js serve` (npm test builds before testing).
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {defaultEntry, serveArguments, spawnIngest} from '../../source/ingest/supervisor.js';
import type {PostStream} from '../../source/ingest/stream.js';
import {recordStream} from '../helpers/stream-events.js';
import {testOptions} from '../helpers/options.js';

const streams: PostStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
});

beforeAll(() => {
  if (!existsSync(defaultEntry())) throw new Error('run `npm run build` first: no dist/bin.js');
});

/** Records the stream's events; it is closed after the test. */
function watch(stream: PostStream) {
  streams.push(stream);
  return recordStream(stream);
}

/**
 * A parent process (a fixture) that supervises an ingest child with `options` and prints the
 * child's pid; resolves with both once it has.
 */
async function supervisedParent(options: ReturnType<typeof testOptions>, stdin: 'ignore' | 'pipe') {
  const script = fileURLToPath(new URL('./fixtures/supervised-parent.mjs', import.meta.url));
  const parent = spawn(process.execPath, [script, JSON.stringify(options)], {
    stdio: [stdin, 'pipe', 'inherit'],
  });
  const childPid = await new Promise<number>((resolve, reject) => {
    parent.stdout!.setEncoding('utf8');
    parent.stdout!.once('data', (text: string) => resolve(Number(text.trim())));
    parent.once('exit', () => reject(new Error('parent exited early')));
  });
  return {parent, childPid};
}

/**
 * Running, and not merely a zombie: an orphan that has exited stays in the process table until
 * PID 1 reaps it, which in a container may take a second or more.
 */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs: number): Promise<number> {
  const start = Date.now();
  while (alive(pid)) {
    if (Date.now() - start > withinMs) throw new Error(`process ${pid} still alive`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

describe('spawnIngest', () => {
  it('runs serve as a child, streams its posts and stops it on close', async () => {
    const stream = spawnIngest(testOptions({rate: 100}));
    const seen = watch(stream);
    const posts = seen.next((e) => e.type === 'post');
    await seen.next((e) => e.type === 'hello');
    await posts;
    const hello = seen.events.find((e) => e.type === 'hello');
    expect(hello).toMatchObject({hello: {protocol: 1, source: 'demo', query: 'stan lee'}});
    const post = seen.events.find((e) => e.type === 'post');
    expect(post?.type === 'post' && post.post.receivedAt).toBeGreaterThan(0);
    expect(seen.events[0]).toEqual({type: 'link', link: {state: 'connecting'}});
    const pid = stream.childPid as number;
    expect(alive(pid)).toBe(true);
    await stream.close();
    expect(alive(pid)).toBe(false);
    expect(seen.events.at(-1)).toEqual({type: 'link', link: {state: 'closed'}});
  });

  it('restarts a killed child with back-off and the stream resumes', async () => {
    const stream = spawnIngest(
      testOptions({rate: 100}),
      {},
      {
        restartBackoff: {initialMs: 100, maxMs: 1000},
      },
    );
    const seen = watch(stream);
    await seen.next((e) => e.type === 'post');
    const first = stream.childPid as number;

    const restarting = seen.next((e) => e.type === 'link' && e.link.state === 'restarting-child');
    process.kill(first, 'SIGKILL');
    await restarting;
    const notice = seen.events.find(
      (e) => e.type === 'link' && e.link.state === 'restarting-child',
    );
    expect(notice).toMatchObject({
      link: {state: 'restarting-child', retryInMs: 100, detail: expect.stringContaining('SIGKILL')},
    });

    const count = seen.events.length;
    await seen.next((e) => e.type === 'hello');
    await seen.next((e) => e.type === 'post');
    expect(seen.events.length).toBeGreaterThan(count);
    expect(stream.childPid).not.toBe(first);
    expect(alive(first)).toBe(false);
  });

  it('reports why a child keeps failing, from its stderr', async () => {
    const stream = spawnIngest(
      testOptions({source: 'replay', replayFile: '/no/such/archive.jsonl'}),
      {},
      {
        restartBackoff: {initialMs: 50, maxMs: 200},
      },
    );
    const seen = watch(stream);
    await seen.next((e) => e.type === 'link' && e.link.state === 'restarting-child');
    const notice = seen.events.find(
      (e) => e.type === 'link' && e.link.state === 'restarting-child',
    );
    expect(
      notice?.type === 'link' && notice.link.state === 'restarting-child' && notice.link.detail,
    ).toMatch(/exit code 2\): .*no\/such\/archive/);
  });

  it('keeps the token out of the child’s argv and hands it over in the environment', async () => {
    const token = 'AAAA-secret-bearer-token-1234';
    const stream = spawnIngest(testOptions(), {X_BEARER_TOKEN: token});
    const seen = watch(stream);
    await seen.next((e) => e.type === 'hello');
    const pid = stream.childPid as number;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // (serve renames its process title, so argv itself is checked through serveArguments.)
    expect(argv).not.toContain(token);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).toContain(`X_BEARER_TOKEN=${token}`);
  });

  it('the child exits within 2 s when its parent is killed with SIGKILL', async () => {
    const {childPid, parent} = await supervisedParent(testOptions(), 'ignore');
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    const took = await gone(childPid, 2000);
    expect(took).toBeLessThan(2000);
  });

  it('a child reading stdin notices a SIGKILLed parent too (its stdin stays open)', async () => {
    // The test keeps the parent's stdin (which the child inherits) open, so only the child's
    // parent check can notice.
    const {childPid, parent} = await supervisedParent(testOptions({source: 'stdin'}), 'pipe');
    parent.stdin!.write('stan lee was here #StanLee\n');
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    const took = await gone(childPid, 2000);
    expect(took).toBeLessThan(2000);
    parent.stdin!.destroy();
  });
});

describe('serveArguments', () => {
  it('passes what serve needs on an ephemeral loopback port, words after --', () => {
    const args = serveArguments(
      testOptions({query: ['-stan', 'lee'], lang: 'en', retweets: false, seed: 3}),
    );
    expect(args.slice(0, 1)).toEqual(['serve']);
    expect(args.join(' ')).toContain('--host 127.0.0.1 --port 0');
    expect(args).toContain('--no-retweets');
    expect(args.slice(-3)).toEqual(['--', '-stan', 'lee']);
    const replay = serveArguments(
      testOptions({source: 'replay', replayFile: 'a.jsonl', speed: 'max'}),
    );
    expect(replay.join(' ')).toContain('--replay a.jsonl --speed max');
  });
});
