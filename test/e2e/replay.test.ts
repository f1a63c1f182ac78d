// A replay of a newest-first archive (as twarc2 searches are) through the real binary: on the
// dashboard every post is counted and the result stays on screen after the end; at `--speed 10`
// it takes a tenth of its own duration instead of rushing through in no time.
import {describe, expect, it} from 'vitest';
import {writeArchive} from '../helpers/archive.js';
import {run as runBinary} from '../cli/run-binary.js';
import {isolated, terminalTests} from './terminal-tests.js';

/** A multiple of every slide used here, so window ends are easy to reason about. */
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const TAGS = ['Alpha', 'Beta', 'Gamma', 'Delta'];

/** `count` posts `stepMs` apart from T0, written newest first; post i carries TAGS[i % 4] */
function newestFirst(name: string, count: number, stepMs: number): string {
  const posts: object[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const tag = TAGS[i % TAGS.length]!;
    posts.push({
      type: 'post',
      id: String(i),
      created_at: new Date(T0 + i * stepMs).toISOString(),
      text: `post ${i} #${tag}`,
      hashtags: [tag],
    });
  }
  return writeArchive(posts, name);
}

const terminals = terminalTests();
const header = (screen: string) => screen.split('\n').slice(0, 2).join('\n');
const chart = (screen: string) =>
  screen
    .split('\n')
    .filter((line) => /^\s*\d+ #\S+\s/.test(line))
    .join('\n');

describe('replaying a newest-first archive on the dashboard', () => {
  it('counts every post (late 0) and keeps the last window, clock stopped, after the end', async () => {
    // 6,000 posts over 60 s of event time, newest first. Window 10 s, slide 5 s: the last
    // window holding the newest post is [T0+55s, T0+65s), with posts 5500…5999.
    const file = newestFirst('newest-first.jsonl', 6000, 10);
    const terminal = terminals.trendtui(
      ['--replay', file, '--speed', 'max', '--window', '10s', '--slide', '5s', '--no-color'],
      isolated(80, 24),
    );
    const ended = await terminal.waitFor(
      (s) => /replay ended|\bended\b/.test(header(s)) && /500 in window/.test(s),
      30_000,
    );
    expect(header(ended)).toMatch(/late 0\b/);
    expect(header(ended)).toMatch(/\bended\b/);
    // 500 posts, 125 of each tag.
    const bars = chart(ended).split('\n');
    expect(bars).toHaveLength(4);
    for (const line of bars) expect(line).toMatch(/\s125\s*$/);
    const clock = /(\d\d:\d\d:\d\d)\s*$/m.exec(ended.split('\n')[0]!)![1];
    // Kept on screen: the old behaviour slid on by the wall clock and showed an empty window
    // once one window plus one slide (15 s) had passed, so 16 s of real time tells the two
    // apart (no test hook can fast-forward the binary's clock).
    const shownAt = Date.now();
    await terminal.waitFor(() => Date.now() - shownAt > 16_000, 20_000);
    const later = terminal.text();
    expect(chart(later)).toBe(chart(ended));
    expect(later).toMatch(/500 in window/);
    expect(later.split('\n')[0]).toContain(clock);
    expect(header(later)).toMatch(/late 0\b/);
  }, 70_000);
});

describe('replaying a newest-first archive at --speed 10', () => {
  it('takes the archive’s own duration divided by 10, and counts every post', async () => {
    // 401 posts over 40 s of event time: 4 s at ten times speed.
    const file = newestFirst('paced.jsonl', 401, 100);
    const started = Date.now();
    const result = await runBinary([
      '--replay',
      file,
      '--speed',
      '10',
      '--pipe',
      '--window',
      '10s',
      '--slide',
      '10s',
    ]);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(0);
    // At least the paced 4 s; at most that plus start-up and shutdown on a busy machine.
    expect(elapsed).toBeGreaterThanOrEqual(4000);
    expect(elapsed).toBeLessThan(4000 + 10_000);
    const records = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as {posts: number; late: number});
    expect(records.at(-1)!.late).toBe(0);
    // Tumbling windows: each post is in exactly one, so the posts add up to the archive.
    expect(records.reduce((sum, record) => sum + record.posts, 0)).toBe(401);
  }, 30_000);
});
