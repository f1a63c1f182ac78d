// A batch replay (`--replay FILE --speed max`) writing a long run of windows still stops within
// a second on SIGINT or SIGTERM, with the status a script expects, to a file or to /dev/null.
import {openSync, readFileSync, mkdtempSync, writeFileSync, closeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {encodePost} from '../../source/core/protocol.js';
import {finished, start} from './run-binary.js';

const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-batch-signals-'));
const archive = path.join(dir, 'dense.jsonl');
// One post a second, each with tags of its own: an hour-long window sliding by a second lists
// thousands of tags in each of thousands of windows, far more output than the test waits for.
const POSTS = 5000;
let text = '';
for (let i = 0; i < POSTS; i++) {
  const hashtags = [`tag${i}`, `tag${i + 1}`, `other${i % 977}`];
  text += encodePost({
    id: String(i),
    createdAt: Date.UTC(2026, 0, 1) + i * 1000,
    text: hashtags.map((tag) => `#${tag}`).join(' '),
    hashtags,
    cashtags: [],
    mentions: [],
    retweet: false,
  });
}
writeFileSync(archive, text);

/** Bytes the process has written so far (Linux /proc), to know it is deep in its output. */
function bytesWritten(pid: number): number {
  try {
    return Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function writing(pid: number, bytes: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (bytesWritten(pid) < bytes) {
    if (Date.now() > deadline) throw new Error('the replay never got going');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('batch replay and signals', {timeout: 90_000}, () => {
  it.each([
    ['SIGINT', 'a file', 130],
    ['SIGTERM', 'a file', 143],
    ['SIGINT', '/dev/null', 130],
    ['SIGTERM', '/dev/null', 143],
  ] as const)('%s while writing windows to %s: exit %i within 1 s', async (signal, to, code) => {
    const output = to === '/dev/null' ? '/dev/null' : path.join(dir, `${signal}.out`);
    const fd = openSync(output, 'w');
    const child = start(
      ['--replay', archive, '--speed', 'max', '--window', '1h', '--slide', '1s', '--top', '0'],
      {stdio: ['pipe', fd, 'pipe']},
    );
    closeSync(fd);
    const result = finished(child);
    let exitedAt = 0;
    child.once('exit', () => (exitedAt = Date.now()));
    await writing(child.pid!, 512 * 1024);
    const signalledAt = Date.now();
    child.kill(signal);
    const {code: status, signal: killedBy, stderr} = await result;
    expect(exitedAt - signalledAt).toBeLessThan(1000);
    expect({status, killedBy, stderr}).toEqual({status: code, killedBy: null, stderr: ''});
  });
});
