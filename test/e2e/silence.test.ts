// A source that delivers nothing says so: how long since the last post (or since the start) and
// what it is doing, instead of `live` over a countdown to a first window that never comes. The
// real binary against local servers that send nothing, or nothing that matches.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {closedPort} from '../helpers/closed-port.js';
import {finished, start} from '../cli/run-binary.js';
import {startWireServer, type WireServer} from '../cli/wire-server.js';
import {
  startMockJetstreamServer,
  type JetstreamEvent,
  type MockJetstreamServer,
} from '../helpers/mock-jetstream-server.js';
import {isolated, terminalTests} from './terminal-tests.js';

let wire: WireServer | undefined;
let jetstream: MockJetstreamServer | undefined;

const terminals = terminalTests(async () => {
  await wire?.close();
  wire = undefined;
  await jetstream?.close();
  jetstream = undefined;
});

const headerOf = (screen: string) => screen.split('\n')[0]!;

describe('a silent source on the dashboard', () => {
  it('says how long nothing came and what the source is doing; the chart shows the empty window', async () => {
    wire = await startWireServer('bluesky');
    void wire.client.then(() => wire!.status({state: 'live', detail: 'Bluesky Jetstream'}));
    const terminal = terminals.trendtui(['--connect', `127.0.0.1:${wire.port}`], isolated(80, 24));
    const first = await terminal.waitFor(/no post since the start, \d+s ago/, 20_000);
    expect(headerOf(first)).toMatch(/bluesky silent \d+s/);
    expect(first).toContain('Bluesky live, nothing arriving');
    // The chart: the current window, empty, with its end and post count, not a countdown.
    expect(first).toMatch(/Top hashtags by posts · 20s to \d\d:\d\d:\d\d · 0 posts/);
    expect(first).not.toMatch(/window in \d+s/);
    // Time goes on, and the countdown never comes back.
    const drawnBefore = terminal.output().length;
    const seen = Number(/no post since the start, (\d+)s ago/.exec(first)![1]);
    const later = await terminal.waitFor(
      (s) => Number(/no post since the start, (\d+)s ago/.exec(s)?.[1] ?? 0) >= seen + 3,
      15_000,
    );
    expect(later).not.toMatch(/window in \d+s/);
    expect(terminal.output().slice(drawnBefore)).not.toMatch(/window in/);

    // One post, then silence again: now counted from that post.
    await wire.post({
      id: '1',
      createdAt: Date.now(),
      text: 'hello #Once',
      hashtags: ['Once'],
      cashtags: [],
      mentions: [],
      retweet: false,
    });
    await terminal.waitFor((s) => headerOf(s).includes(' live '), 10_000);
    const again = await terminal.waitFor(
      /no post for \d+s · Bluesky live, nothing arriving/,
      15_000,
    );
    expect(headerOf(again)).toMatch(/silent \d+s/);
  }, 60_000);

  it('says that posts come but none matches the query (Bluesky, filtered here)', async () => {
    const event = JSON.parse(
      readFileSync(new URL('../fixtures/jetstream/golden_v1.jsonl', import.meta.url), 'utf8')
        .split('\n')
        .find((line) => line.includes('"app.bsky.feed.post"') && line.includes('"create"'))!,
    ) as JetstreamEvent & {commit: {rkey: string}};
    jetstream = await startMockJetstreamServer([
      async (connection) => {
        let open = true;
        void connection.closed.then(() => (open = false));
        for (let i = 0; open; i++) {
          await connection.send({
            ...event,
            time_us: Date.now() * 1000,
            commit: {...event.commit, rkey: `silence${i}`},
          });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    ]);
    const terminal = terminals.trendtui(
      ['--source', 'bluesky', 'stan', 'lee'],
      isolated(100, 30, {TRENDTUI_JETSTREAM_URL: jetstream.url}),
    );
    const screen = await terminal.waitFor(/Bluesky live, \d+ posts seen, none matched/, 30_000);
    expect(screen).toMatch(/no post since the start, \d+s ago/);
    expect(headerOf(screen)).toMatch(/silent \d+s/);
  }, 60_000);
});

describe('an offline source on the dashboard', () => {
  it('says since when nothing came and that it is reconnecting, counting down', async () => {
    const port = await closedPort();
    const terminal = terminals.trendtui(
      ['--source', 'bluesky', 'stan', 'lee'],
      isolated(100, 30, {TRENDTUI_JETSTREAM_URL: `ws://127.0.0.1:${port}/subscribe`}),
    );
    // The header counts down to the next attempt; the line under it says since when nothing
    // came and why.
    const screen = await terminal.waitFor(
      (s) =>
        /bluesky reconnecting in \d+s/.test(headerOf(s)) &&
        /no post since the start, \d+s ago · connection to Jetstream failed/.test(s),
      30_000,
    );
    expect(screen).not.toMatch(/window in \d+s/);
  }, 60_000);
});

describe('a silent source in pipe mode', () => {
  it('says so on stderr, and stdout carries no record', async () => {
    wire = await startWireServer('bluesky');
    void wire.client.then(() => wire!.status({state: 'live', detail: 'Bluesky Jetstream'}));
    const child = start(['--connect', `127.0.0.1:${wire.port}`, '--pipe', '--slide', '1s']);
    const result = finished(child);
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no silence line; stderr: ${stderr}`)),
        25_000,
      );
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/no post since the start/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    const {code, stdout} = await result;
    expect(code).toBe(143);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^trendtui: no post since the start 10s \(live: Bluesky Jetstream\)$/m);
  }, 40_000);
});
