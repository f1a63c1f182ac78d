// Live pipe mode in-process, fed by a real protocol-v1 server on 127.0.0.1 (`--connect`): the
// records it prints, how it stops (end of a replay, SIGINT, SIGTERM, a closed reader, a fatal
// source error), and that every counted post lands in the right window.
import {EventEmitter} from 'node:events';
import {PassThrough, Writable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import type {Options} from '../../source/cli/options.js';
import {isBatchReplay, runPipe} from '../../source/cli/pipe.js';
import type {Post} from '../../source/core/post.js';
import {startWireServer, type WireServer} from './wire-server.js';
import {testOptions} from '../helpers/options.js';
import type {NdjsonRecord} from '../../source/core/format/records.js';

const ndjsonRecords = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as NdjsonRecord);

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

function baseOptions(port: number, over: Partial<Options> = {}): Options {
  const connect = {host: '127.0.0.1', port};
  return testOptions({
    query: [],
    source: 'replay',
    timeMode: 'event',
    top: 0,
    pipe: true,
    connect,
    ...over,
  });
}

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return {stdout, stderr, out: () => out, err: () => err};
}

let post = 0;
const makePost = (createdAt: number, hashtags: string[], retweet = false): Post => ({
  id: String(++post),
  createdAt,
  receivedAt: createdAt,
  text: hashtags.map((tag) => `#${tag}`).join(' '),
  hashtags,
  cashtags: [],
  mentions: [],
  retweet,
});

let servers: WireServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

/** A protocol-v1 server for `source` on 127.0.0.1, closed after the test. */
async function wireServer(source: string): Promise<WireServer> {
  const server = await startWireServer(source);
  servers.push(server);
  return server;
}

/**
 * Pipe mode connected to a fresh server for `source`, its output captured; `signals` stands in
 * for the process's.
 */
async function pipeOver(source: Options['source'], over: Partial<Options> = {}) {
  const server = await wireServer(source);
  const io = capture();
  const signals = new EventEmitter();
  const run = runPipe(baseOptions(server.port, {source, ...over}), {...io, signals});
  return {server, io, signals, run};
}

describe('pipe mode over a live stream', () => {
  it('prints every window of an event-time replay, then the last ones at the end, and exits 0', async () => {
    const {server, io, run} = await pipeOver('replay');
    // 25 posts, one every 2 s from T0, tag A on all, B on every third.
    const posts: Post[] = [];
    for (let i = 0; i < 25; i++) {
      posts.push(makePost(T0 + i * 2000, i % 3 === 0 ? ['A', 'b'] : ['A']));
    }
    for (const p of posts) await server.post(p);
    await server.status({
      state: 'ended',
      detail: 'replay finished: 25 posts, 2 malformed lines skipped',
    });
    expect(await run).toBe(0);

    const records = ndjsonRecords(io.out());
    // Brute force: every window [end - 20 s, end) for ends on the 10 s grid that hold a post.
    const expected = [];
    for (let end = T0 + 10_000; end - 20_000 <= posts.at(-1)!.createdAt; end += 10_000) {
      const inside = posts.filter((p) => p.createdAt >= end - 20_000 && p.createdAt < end);
      const tags = new Map<string, number>();
      for (const p of inside) for (const tag of p.hashtags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      expected.push({
        window_start: new Date(end - 20_000).toISOString(),
        window_end: new Date(end).toISOString(),
        posts: inside.length,
        late: 0,
        top: [...tags]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          // No author on these posts: each is an account of its own.
          .map(([tag, count]) => ({
            tag: `#${tag}`,
            key: tag.toLowerCase(),
            count,
            accounts: count,
          })),
      });
    }
    expect(
      records.map(({window_start, window_end, posts, late, top}) => ({
        window_start,
        window_end,
        posts,
        late,
        top,
      })),
    ).toEqual(expected);
    expect(io.err()).toContain('replay finished: 25 posts, 2 malformed lines skipped');
    expect(io.out()).not.toContain('\u001b');
  });

  it('keeps a replay on its own clock: a pause in delivery makes no post late', async () => {
    const {server, io, run} = await pipeOver('replay', {windowMs: 200, slideMs: 100, speed: 1000});
    const posts = Array.from({length: 40}, (_, i) => makePost(T0 + i * 50, ['Tag']));
    for (const p of posts.slice(0, 20)) await server.post(p);
    // Several wall-clock slides pass with no post: the archive's clock must not move.
    await new Promise((resolve) => setTimeout(resolve, 350));
    for (const p of posts.slice(20)) await server.post(p);
    await server.status({state: 'ended'});
    expect(await run).toBe(0);
    const records = io
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {posts: number; late: number});
    expect(records.every((record) => record.late === 0)).toBe(true);
    // Every other 200 ms window, from the last back, tiles the 2 s of posts.
    const tiled = records.filter((_, i) => (records.length - 1 - i) % 2 === 0);
    expect(tiled.reduce((sum, record) => sum + record.posts, 0)).toBe(40);
  });

  it('prints a CSV header once and one row per tag', async () => {
    const {server, io, run} = await pipeOver('replay', {format: 'csv', windowMs: 10_000});
    await server.post(makePost(T0 + 1000, ['Marvel', 'StanLee']));
    await server.post(makePost(T0 + 12_000, ['Marvel']));
    await server.status({state: 'ended'});
    expect(await run).toBe(0);
    expect(io.out()).toBe(
      'window_end,tag,key,count,accounts,posts\n' +
        '2026-11-26T12:00:10.000Z,#Marvel,marvel,1,1,1\n' +
        '2026-11-26T12:00:10.000Z,#StanLee,stanlee,1,1,1\n' +
        '2026-11-26T12:00:20.000Z,#Marvel,marvel,1,1,1\n',
    );
  });

  it('leaves retweets out with --no-retweets', async () => {
    const {server, io, run} = await pipeOver('replay', {retweets: false, windowMs: 10_000});
    await server.post(makePost(T0 + 1000, ['Kept']));
    await server.post(makePost(T0 + 2000, ['Retweeted'], true));
    await server.status({state: 'ended'});
    expect(await run).toBe(0);
    const record = JSON.parse(io.out()) as {posts: number; top: unknown[]};
    expect(record.posts).toBe(1);
    expect(record.top).toEqual([{tag: '#Kept', key: 'kept', count: 1, accounts: 1}]);
  });

  it('closes windows by the clock in arrival mode, one record per slide', async () => {
    const {server, io, signals, run} = await pipeOver('demo', {
      timeMode: 'arrival',
      windowMs: 200,
      slideMs: 100,
    });
    await server.client;
    const feeding = setInterval(() => void server.post(makePost(0, ['Tick'])), 10);
    while (io.out().split('\n').length < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(feeding);
    signals.emit('SIGINT');
    expect(await run).toBe(130);
    const records = ndjsonRecords(io.out());
    const ends = records.map((record) => Date.parse(record.window_end));
    for (const [i, end] of ends.entries()) {
      expect(end % 100).toBe(0);
      if (i > 0) expect(end - ends[i - 1]!).toBe(100);
    }
    expect(records[0]).toMatchObject({window_s: 0.2, slide_s: 0.1});
    // Arrival time is this process's clock, whatever the post's own (here 1970) says.
    expect(records.slice(1).some((record) => record.posts > 0)).toBe(true);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('stops on %s with %i after closing the connection', async (signal, code) => {
    const {server, signals, run} = await pipeOver('demo', {timeMode: 'arrival'});
    await server.client;
    signals.emit(signal);
    expect(await run).toBe(code);
    await server.clientGone;
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('exits 0 quietly when the reader goes away (EPIPE)', async () => {
    const server = await wireServer('replay');
    const stderr = new PassThrough();
    let err = '';
    stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
      },
    });
    const run = runPipe(baseOptions(server.port, {windowMs: 10_000}), {stdout, stderr});
    await server.post(makePost(T0, ['A']));
    await server.post(makePost(T0 + 60_000, ['A']));
    expect(await run).toBe(0);
    await server.clientGone;
    expect(err).toBe('');
  });

  it('gives up with 1 on a source error that will not be retried', async () => {
    const {server, io, run} = await pipeOver('x', {timeMode: 'arrival'});
    await server.status({
      state: 'error',
      detail: 'X rejected the bearer token (401): check X_BEARER_TOKEN',
    });
    expect(await run).toBe(1);
    expect(io.err()).toBe(
      'trendtui: error: X rejected the bearer token (401): check X_BEARER_TOKEN\n',
    );
    expect(io.out()).toBe('');
  });

  it('says `live` again on stderr when the source is back after a reconnect', async () => {
    const {server, io, signals, run} = await pipeOver('x', {timeMode: 'arrival'});
    const live = {state: 'live', detail: 'X filtered stream, rule "stan lee"'} as const;
    await server.status(live);
    await server.status({
      state: 'reconnecting',
      detail: 'the X stream dropped (ECONNRESET); reconnecting now',
      retryInMs: 0,
    });
    await server.status(live);
    // A repeat of the same state is not news.
    await server.status(live);
    await server.status({state: 'lagging', detail: 'client too slow'}, 1);
    await server.status(live);
    const said = 'trendtui: live: X filtered stream, rule "stan lee"\n';
    while (!io.err().includes(said)) await new Promise((resolve) => setTimeout(resolve, 10));
    signals.emit('SIGTERM');
    expect(await run).toBe(143);
    expect(
      io
        .err()
        .split('\n')
        .filter((line) => line.includes('X filtered stream')),
    ).toEqual(['trendtui: live: X filtered stream, rule "stan lee"']);
    expect(io.err()).toMatch(/reconnecting: the X stream dropped[^\n]*\ntrendtui: live: /);
  });

  it('stops cleanly on SIGHUP (the terminal went away) with 129', async () => {
    const {server, signals, run} = await pipeOver('x', {timeMode: 'arrival'});
    await server.client;
    await server.post(makePost(Date.now(), ['A']));
    signals.emit('SIGHUP');
    expect(await run).toBe(129);
    // A clean stop: the connection is closed and no listener is left behind.
    await server.clientGone;
    expect(signals.listenerCount('SIGHUP')).toBe(0);
  });

  it('reports posts the server dropped for a slow reader', async () => {
    const {server, io, run} = await pipeOver('replay');
    await server.status({state: 'lagging', detail: 'client too slow'}, 7);
    await server.status({state: 'lagging', detail: 'client too slow'}, 5);
    await server.status({state: 'ended'});
    expect(await run).toBe(0);
    expect(io.err()).toContain('dropped 12 posts');
  });
});

describe('isBatchReplay', () => {
  const options = (over: Partial<Options>) => baseOptions(1, {connect: undefined, ...over});
  it('takes the batch path only for a full-speed replay with nothing else needing the posts', () => {
    expect(isBatchReplay(options({speed: 'max'}))).toBe(true);
    expect(isBatchReplay(options({speed: 2}))).toBe(false);
    expect(isBatchReplay(options({speed: 'max', recordFile: '/tmp/r.jsonl'}))).toBe(false);
    expect(isBatchReplay(options({speed: 'max', connect: {host: '127.0.0.1', port: 1}}))).toBe(
      false,
    );
    expect(isBatchReplay(options({speed: 'max', source: 'demo'}))).toBe(false);
    // arrival time is the server path's job: the batch path only knows the posts' own clock
    expect(isBatchReplay(options({speed: 'max', timeMode: 'arrival'}))).toBe(false);
  });
});
