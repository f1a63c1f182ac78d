import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {encodePost} from '../../../source/core/protocol.js';
import type {Post} from '../../../source/core/post.js';
import type {Source, SourceEvent} from '../../../source/ingest/source.js';
import type {PacingClock} from '../../../source/ingest/sources/pacing-clock.js';
import {createReplaySource} from '../../../source/ingest/sources/replay.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-replay-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function collect(source: Source): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of source.events(new AbortController().signal)) events.push(event);
  return events;
}
/** A pacing clock whose sleeps only move its own time on, each one recorded. */
function fakeClock() {
  const start = 5_000_000;
  let now = start;
  const sleeps: number[] = [];
  const clock: PacingClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  /** Time slept so far: when, in the source's pacing, the current event was sent. */
  return {clock, sleeps, elapsed: () => now - start};
}

const postsOf = (events: SourceEvent[]) =>
  events.flatMap((event) => (event.type === 'post' ? [event.post] : []));

const base = Date.UTC(2026, 10, 26, 12, 0, 0);
const wirePost = (id: string, offsetMs: number, hashtags: string[] = []): Post => ({
  id,
  createdAt: base + offsetMs,
  text: `post ${id} ${hashtags.map((tag) => `#${tag}`).join(' ')}`,
  hashtags,
  cashtags: [],
  mentions: [],
  retweet: false,
});

// A recorded session: wire posts, a wire status line, a malformed line and a blank line.
const recorded =
  encodePost(wirePost('a', 0, ['StanLee'])) +
  '{"type":"status","state":"live"}\n' +
  '{"type":"post","id":\n' +
  '\n' +
  encodePost(wirePost('b', 1000)) +
  encodePost(wirePost('c', 3000, ['Marvel']));

describe('replay source', () => {
  it('plays a recorded file at max speed, keeps event times, counts what it skipped', async () => {
    const file = path.join(dir, 'session.jsonl');
    writeFileSync(file, recorded);
    const events = await collect(createReplaySource({replayFile: file, speed: 'max'}));
    expect(events[0]).toMatchObject({type: 'status', status: {state: 'live'}});
    expect(postsOf(events)).toEqual([
      wirePost('a', 0, ['StanLee']),
      wirePost('b', 1000),
      wirePost('c', 3000, ['Marvel']),
    ]);
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: {
        state: 'ended',
        detail: `replay of ${file} ended: 3 posts; 1 malformed line skipped`,
      },
    });
  });

  it('reads gzip files and stdin the same way', async () => {
    const gz = path.join(dir, 'session.jsonl.gz');
    writeFileSync(gz, gzipSync(recorded));
    const fromGzip = postsOf(await collect(createReplaySource({replayFile: gz, speed: 'max'})));
    expect(fromGzip.map((post) => post.id)).toEqual(['a', 'b', 'c']);

    const stdin = new PassThrough();
    stdin.end(gzipSync(recorded));
    const events = await collect(createReplaySource({replayFile: '-', speed: 'max'}, {stdin}));
    expect(postsOf(events)).toEqual(fromGzip);
    expect(events.at(-1)).toMatchObject({
      status: {state: 'ended', detail: expect.stringContaining('stdin')},
    });
  });

  it('paces posts by their own timestamps divided by --speed', async () => {
    const file = path.join(dir, 'paced.jsonl');
    writeFileSync(file, recorded);
    const {clock, sleeps, elapsed} = fakeClock();
    const sentAt: number[] = [];
    for await (const event of createReplaySource({replayFile: file, speed: 2}, {clock}).events(
      new AbortController().signal,
    )) {
      if (event.type === 'post') sentAt.push(elapsed());
    }
    // Event times 0 s, 1 s, 3 s at double speed: sent at 0, 0.5 s and 1.5 s.
    expect(sentAt).toEqual([0, 500, 1500]);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('says how far a file has played, about once a second, rising to the end', async () => {
    const file = path.join(dir, 'progress.jsonl');
    writeFileSync(
      file,
      Array.from({length: 40}, (_, i) => encodePost(wirePost(String(i), i * 1000))).join(''),
    );
    const {clock} = fakeClock();
    const shares: number[] = [];
    for await (const event of createReplaySource({replayFile: file, speed: 1}, {clock}).events(
      new AbortController().signal,
    )) {
      if (event.type === 'status' && event.status.progress !== undefined) {
        expect(event.status.state).toBe('live');
        shares.push(event.status.progress);
      }
    }
    // Posts one second apart at 1×: a report after each of the 39 later posts.
    expect(shares.length).toBeGreaterThanOrEqual(30);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares[0]).toBeLessThan(0.1);
    expect(shares.at(-1)).toBe(1);
  });

  it('plays a newest-first archive forwards, paced by its own timestamps', async () => {
    const file = path.join(dir, 'newest-first.jsonl');
    // A twarc2 search archive lists the newest post first.
    writeFileSync(
      file,
      encodePost(wirePost('c', 3000)) +
        encodePost(wirePost('b', 1000)) +
        encodePost(wirePost('a', 0)),
    );
    const {clock, elapsed} = fakeClock();
    const sent: [string, number][] = [];
    for await (const event of createReplaySource({replayFile: file, speed: 2}, {clock}).events(
      new AbortController().signal,
    )) {
      if (event.type === 'post') sent.push([event.post.id, elapsed()]);
    }
    // 3 s of event time at double speed take 1.5 s, oldest first, instead of no time at all.
    expect(sent).toEqual([
      ['a', 0],
      ['b', 500],
      ['c', 1500],
    ]);
  });

  it('replays the real twarc2 and Jetstream archives', async () => {
    const flat = path.join(fixtures, 'twarc2/flat.jsonl');
    const lines = readFileSync(flat, 'utf8').split('\n').filter(Boolean).length;
    const posts = postsOf(await collect(createReplaySource({replayFile: flat, speed: 'max'})));
    // A flattened twarc2 file holds one tweet per line.
    expect(posts).toHaveLength(lines);
    expect(new Set(posts.map((post) => post.id)).size).toBe(lines);

    const jetstream = path.join(fixtures, 'jetstream/posts_v1.jsonl');
    const bsky = postsOf(await collect(createReplaySource({replayFile: jetstream, speed: 'max'})));
    expect(bsky.length).toBeGreaterThan(0);
    expect(bsky.some((post) => post.hashtags.length > 0)).toBe(true);
  });

  it('an unreadable file is an error status, not an exception', async () => {
    const events = await collect(
      createReplaySource({replayFile: path.join(dir, 'missing.jsonl'), speed: 'max'}),
    );
    expect(events).toEqual([
      {
        type: 'status',
        status: {state: 'error', detail: expect.stringContaining('no such file')},
      },
    ]);
  });

  it('stops promptly when aborted mid-wait', async () => {
    const file = path.join(dir, 'slow.jsonl');
    writeFileSync(file, encodePost(wirePost('a', 0)) + encodePost(wirePost('b', 3_600_000)));
    const controller = new AbortController();
    const seen: SourceEvent[] = [];
    const run = (async () => {
      for await (const event of createReplaySource({replayFile: file, speed: 1}).events(
        controller.signal,
      )) {
        seen.push(event);
        if (event.type === 'post') setTimeout(() => controller.abort(), 20);
      }
    })();
    await run;
    expect(postsOf(seen).map((post) => post.id)).toEqual(['a']);
  });
});

describe('replay source, lines without a time', () => {
  it('paces an untimed line by the post before it instead of stalling until today', async () => {
    const file = path.join(dir, 'untimed.jsonl');
    writeFileSync(
      file,
      'a plain line #Lead\n' +
        encodePost(wirePost('a', 0, ['StanLee'])) +
        '42\n"str"\n' +
        '{"data":{"id":"9","text":"no created_at #NoTime"}}\n' +
        encodePost(wirePost('b', 4000, ['Marvel'])),
    );
    const {clock, sleeps} = fakeClock();
    const events = await collect(createReplaySource({replayFile: file, speed: 2}, {clock}));
    const posts = postsOf(events);
    expect(posts.map((post) => post.createdAt - base)).toEqual([0, 0, 0, 0, 0, 4000]);
    // 4 s of archive at 2×: 2 s of waiting in all, not years.
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(2000);
    const ended = events.at(-1);
    expect(ended).toMatchObject({type: 'status', status: {state: 'ended'}});
    expect(ended?.type === 'status' && ended.status.detail).toMatch(
      /; 4 lines had no time; each took the time of the line before$/,
    );
  });
});
