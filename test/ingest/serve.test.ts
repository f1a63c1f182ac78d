import {spawn} from 'node:child_process';
import net from 'node:net';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {encodePost} from '../../source/core/protocol.js';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultEntry} from '../../source/ingest/supervisor.js';
import {testOptions} from '../helpers/options.js';
import {portFrom, serveInProcess, until} from '../helpers/serve-in-process.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Serve in this process, stopped after the test if the test did not stop it. */
function serveHere(...args: Parameters<typeof serveInProcess>) {
  const run = serveInProcess(...args);
  cleanups.push(() => run.stop(0));
  return run;
}

function readLines(port: number, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({host: '127.0.0.1', port});
    cleanups.push(() => socket.destroy());
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const lines = text.split('\n');
      if (lines.length > count) {
        socket.destroy();
        resolve(lines.slice(0, count));
      }
    });
    socket.on('error', reject);
  });
}

describe('runServe', () => {
  it('serves hello, the source state and filtered, time-stamped posts', async () => {
    const run = serveHere(testOptions({rate: 200, lang: 'ja'}));
    const port = await until(() => portFrom(run.logs));
    const lines = (await readLines(port, 12)).map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({type: 'hello', protocol: 1, source: 'demo', query: 'stan lee'});
    expect(lines[1]).toMatchObject({type: 'status', state: 'live'});
    const posts = lines.slice(2);
    expect(posts.every((post) => post.type === 'post' && post.lang === 'ja')).toBe(true);
    for (const post of posts) {
      expect(Date.parse(post.received_at)).toBeGreaterThanOrEqual(Date.parse(post.created_at));
    }
    expect(run.logs.some((line) => line.includes('source demo live'))).toBe(true);
    run.stop(143);
    expect(await run.exit).toBe(143);
  });

  it('as a child, announces its port on stdout and stops when the parent’s pipe closes', async () => {
    const run = serveHere(testOptions(), {TRENDTUI_CHILD: '1'});
    const listening = await until(() => run.out.join('').split('\n')[0] || undefined);
    expect(JSON.parse(listening)).toMatchObject({type: 'listening', host: '127.0.0.1'});
    run.stdin.end();
    expect(await run.exit).toBe(0);
  });

  it('a replay at max speed waits for its client instead of dropping posts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-serve-'));
    cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
    const file = path.join(dir, 'big.jsonl');
    const total = 30_000;
    const padding = 'z'.repeat(600);
    let text = '';
    for (let i = 0; i < total; i++) {
      text += encodePost({
        id: String(i),
        createdAt: 1_800_000_000_000 + i,
        text: `stan lee ${i} ${padding}`,
        hashtags: [],
        cashtags: [],
        mentions: [],
        retweet: false,
      });
    }
    writeFileSync(file, text);
    const run = serveHere(testOptions({source: 'replay', replayFile: file, speed: 'max'}));
    const port = await until(() => portFrom(run.logs));
    // Connect only after a pause: a replay must not start before anyone is listening.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const socket = net.connect({host: '127.0.0.1', port});
    cleanups.push(() => socket.destroy());
    let posts = 0;
    let lagging = 0;
    let partial = '';
    await new Promise<void>((resolve) => {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const message = JSON.parse(line);
          if (message.type === 'post') posts++;
          if (message.state === 'lagging') lagging++;
          if (message.state === 'ended') resolve();
        }
      });
    });
    expect(lagging).toBe(0);
    expect(posts).toBe(total);
    run.stop(0);
    expect(await run.exit).toBe(0);
  });

  it('never logs or sends the token, even when a status happens to contain it', async () => {
    const token = 'tok-1234567890-secret';
    const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-serve-'));
    cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
    const file = path.join(dir, `${token}.jsonl`);
    writeFileSync(file, 'stan lee #StanLee\n');
    const run = serveHere(testOptions({source: 'replay', replayFile: file, speed: 'max'}), {
      X_BEARER_TOKEN: token,
    });
    const port = await until(() => portFrom(run.logs));
    const wire = (await readLines(port, 4)).join('\n');
    expect(wire).toContain('"state":"ended"');
    expect(wire).toContain('***.jsonl');
    expect(wire).not.toContain(token);
    expect(run.logs.join('\n')).not.toContain(token);
  });

  it('says so in one line when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as net.AddressInfo).port;
    const run = serveHere(testOptions({port}));
    expect(await run.exit).toBe(1);
    expect(run.logs).toEqual([
      `trendtui serve: 127.0.0.1:${port} is already in use; choose another port with --port`,
    ]);
  });
});

describe('trendtui serve (the built binary)', () => {
  it('--format text: a plain socket reader gets one post per line', async () => {
    const child = spawn(
      process.execPath,
      [defaultEntry(), 'serve', 'stan lee', '--format', 'text', '--port', '0', '--rate', '200'],
      {stdio: ['ignore', 'ignore', 'pipe']},
    );
    cleanups.push(() => child.kill('SIGKILL'));
    const logs: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => logs.push(...text.split('\n')));
    const port = await until(() => portFrom(logs));
    const lines = await readLines(port, 50);
    // No protocol framing, only text, and every post (even multi-line ones) on its own line.
    for (const line of lines) {
      expect(line.toLowerCase()).toContain('stan lee');
      expect(line.startsWith('{')).toBe(false);
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(logs.join('\n')).toContain('stopped');
  });
});
