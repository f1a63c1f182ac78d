// The Bluesky source against a real local WebSocket server speaking Jetstream's v1 wire format,
// fed with real captured events. Back-off waits are scaled down; statuses keep the real delays.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {Options} from '../../../source/cli/options.js';
import {
  createBlueskySource,
  JETSTREAM_BACKOFF,
  MAX_EVENT_BYTES,
  type BlueskySourceTiming,
} from '../../../source/ingest/sources/bluesky.js';
import {
  startMockJetstreamServer,
  type JetstreamEvent,
  type JetstreamScript,
} from '../../helpers/mock-jetstream-server.js';
import {Backoff} from '../../../source/ingest/backoff.js';
import {createAdmission} from '../../../source/ingest/admission.js';
import {sourceCapabilities} from '../../../source/ingest/source-capabilities.js';
import {runSource, type SourceRun} from '../../helpers/source-events.js';
import {testOptions} from '../../helpers/options.js';

const readEvents = (name: string): JetstreamEvent[] =>
  readFileSync(new URL(`../../fixtures/jetstream/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JetstreamEvent);

/** Ten real events, one of them a post create ("Try RSV for a good time !!"). */
const golden = readEvents('golden_v1.jsonl');
/** Two real tagged post creates, a delete, an identity and an account event. */
const sample = readEvents('expected_v1_sample.jsonl');
const samplePosts = sample.filter((e) => e.kind === 'commit' && e.time_us !== 1783175888377628);

/** A real post create moved to a new record key and time: another post by the same author. */
function laterPost(base: JetstreamEvent, rkey: string, timeUs: number, text?: string) {
  const event = structuredClone(base) as JetstreamEvent & {
    commit: {rkey: string; record: {text: string; facets?: unknown}};
  };
  event.time_us = timeUs;
  event.commit.rkey = rkey;
  if (text !== undefined) {
    event.commit.record.text = text;
    delete event.commit.record.facets;
  }
  return event;
}

function recordOf(event: JetstreamEvent): {text: string} {
  return (event.commit as {record: {text: string}}).record;
}

function options(overrides: Partial<Options> = {}): Options {
  return testOptions({query: [], source: 'bluesky', ...overrides});
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  scripts: JetstreamScript[],
  {timing = {}, opts = {}}: {timing?: BlueskySourceTiming; opts?: Partial<Options>} = {},
) {
  const mock = await startMockJetstreamServer(scripts);
  cleanups.push(() => mock.close());
  const source = createBlueskySource(
    options(opts),
    {TRENDTUI_JETSTREAM_URL: mock.url},
    {delayScale: 0.01, random: () => 0, malformedReportMs: 0, ...timing},
  );
  // As the server runs it: the query is matched, and posts stamped, by its admission.
  const run = runSource(source, createAdmission(sourceCapabilities('bluesky'), options(opts)));
  cleanups.push(() => run.stop());
  return {mock, run};
}

const retries = (run: SourceRun) =>
  run.statuses().flatMap((s) => (s.state === 'reconnecting' ? [s.retryInMs] : []));

async function sendAll(connection: Parameters<JetstreamScript>[0], events: JetstreamEvent[]) {
  for (const event of events) await connection.send(event);
}

describe('Bluesky source', () => {
  it('asks only for posts, without compression, and passes on only post creates', async () => {
    const {mock, run} = await setup([
      async (c) => {
        await sendAll(c, golden);
        await sendAll(c, sample);
      },
    ]);
    await run.waitFor((r) => r.posts().length === 3);
    const [connection] = mock.connections;
    expect(connection!.wantedCollections).toEqual(['app.bsky.feed.post']);
    expect(connection!.cursor).toBeUndefined();
    expect(connection!.offeredDeflate).toBe(false);
    const posts = run.posts();
    expect(posts.map((p) => p.id)).toEqual([
      'did:plc:q235v55g5unth4zjjdpacfdr/3mmoojp4cd223',
      'did:plc:tn3hni2jpphsgl6amfbb7ja6/3mptbypfywk2v',
      'did:plc:ynfp6wddjqpl44gordpsqkuw/3mptbyo7tas2u',
    ]);
    expect(posts[1]!.hashtags).toEqual(['HowToTellAiToShutUp', 'IndieRebellion']);
    expect(posts[1]!.createdAt).toBe(1783175888172);
    expect(posts.every((p) => typeof p.receivedAt === 'number')).toBe(true);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
  });

  it('asks Jetstream to skip events over 4 MiB, so one huge event does not close the connection again and again', async () => {
    const [first, second] = samplePosts;
    const huge = laterPost(
      first!,
      'huge',
      first!.time_us + 1,
      `#Huge ${'x'.repeat(5 * 1024 * 1024)}`,
    );
    const {mock, run} = await setup([
      async (c) => {
        await c.send(first!);
        await c.send(huge);
        await c.send(second!);
      },
    ]);
    await run.waitFor((r) => r.posts().length === 2);
    const [connection] = mock.connections;
    expect(connection!.maxMessageSizeBytes).toBe(MAX_EVENT_BYTES);
    expect(connection!.skippedOversize).toBe(1);
    // The limit asked for is one the socket accepts: an event just under it arrives whole.
    const near = laterPost(second!, 'near', second!.time_us + 1, '');
    const room = MAX_EVENT_BYTES - Buffer.byteLength(JSON.stringify(near)) - 16;
    const nearText = `#Near ${'y'.repeat(room)}`;
    await connection!.send(laterPost(second!, 'near', second!.time_us + 1, nearText));
    await run.waitFor((r) => r.posts().length === 3);
    expect(run.posts()[2]!.text).toBe(nearText);
    expect(mock.connections).toHaveLength(1);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
  });

  it('is filtered by the query on our side (Jetstream has none), words ANDed, any case', async () => {
    const last = laterPost(samplePosts[0]!, '3zzzzzzzzzz2a', 1783175890000000, 'My BAND is in');
    const {run} = await setup(
      [
        async (c) => {
          await sendAll(c, sample);
          await sendAll(c, golden);
          await c.send(laterPost(samplePosts[0]!, '3zzzzzzzzzz1a', 1783175889000000, 'a band'));
          await c.send({
            ...last,
            commit: {
              ...(last.commit as object),
              record: {...recordOf(last), tags: ['indieRebellion']},
            },
          });
        },
      ],
      {opts: {query: ['indierebellion band']}},
    );
    // Events arrive in order, so once the last one is through every earlier one was judged.
    await run.waitFor((r) => r.posts().length === 2);
    expect(run.posts().map((p) => p.text)).toEqual([recordOf(sample[0]!).text, 'My BAND is in']);
  });

  it('after an abrupt close (no close frame) resumes 5 s before the last event, without duplicates', async () => {
    const lastTimeUs = Math.max(...sample.map((e) => e.time_us));
    const fresh = laterPost(samplePosts[1]!, '3mptc000000aa', lastTimeUs + 1_000_000);
    const {mock, run} = await setup([
      async (c) => {
        await sendAll(c, sample);
        c.terminate();
      },
      async (c) => {
        // A real server replays everything from the cursor: the overlap arrives again.
        await c.replayFromCursor();
        await c.send(fresh);
      },
    ]);
    await run.waitFor((r) => r.posts().length >= 3);
    const [first, second] = await mock.waitForConnections(2);
    expect(first!.cursor).toBeUndefined();
    expect(second!.cursor).toBe(lastTimeUs - 5_000_000);
    expect(second!.wantedCollections).toEqual(['app.bsky.feed.post']);
    expect(run.posts().map((p) => p.id)).toEqual([
      'did:plc:tn3hni2jpphsgl6amfbb7ja6/3mptbypfywk2v',
      'did:plc:ynfp6wddjqpl44gordpsqkuw/3mptbyo7tas2u',
      'did:plc:ynfp6wddjqpl44gordpsqkuw/3mptc000000aa',
    ]);
    const reconnect = run.statuses().find((s) => s.state === 'reconnecting')!;
    expect(reconnect.detail).toContain('without a close frame (1006)');
    expect(reconnect.detail).toContain('resuming 5 s before the last event');
    expect(reconnect.retryInMs).toBe(1_000);
    expect(run.statuses().at(-1)!.state).toBe('live');
  });

  it('treats 60 s of silence as a dead connection and reconnects from the cursor', async () => {
    const {mock, run} = await setup(
      [
        async (c) => {
          await c.send(samplePosts[0]!);
          // …and then nothing: no close, no events.
        },
        async (c) => {
          await c.send(laterPost(samplePosts[0]!, '3mptc111111bb', samplePosts[0]!.time_us + 1));
        },
      ],
      {timing: {idleTimeoutMs: 100}},
    );
    await run.waitFor((r) => r.posts().length === 2);
    const [first, second] = mock.connections;
    expect(second!.cursor).toBe(samplePosts[0]!.time_us - 5_000_000);
    await first!.closed;
    expect(run.statuses().find((s) => s.state === 'reconnecting')!.detail).toContain(
      'no events from Jetstream',
    );
  });

  it('backs off with growing, jittered delays while the server keeps dropping it', async () => {
    const {mock, run} = await setup([(c) => c.terminate()], {timing: {random: () => 0.5}});
    await run.waitFor((r) => retries(r).length >= 4);
    // Ceilings 1 s, 2 s, 4 s, 8 s, each shortened by half the random draw.
    expect(retries(run).slice(0, 4)).toEqual([750, 1_500, 3_000, 6_000]);
    const times = (await mock.waitForConnections(4)).map((c) => c.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(7.5 - 1);
    expect(gaps[1]).toBeGreaterThanOrEqual(15 - 1);
    expect(gaps[2]).toBeGreaterThanOrEqual(30 - 1);
    const unjittered = new Backoff(JETSTREAM_BACKOFF, () => 0);
    expect(Array.from({length: 11}, () => unjittered.next()).at(-1)).toBe(30_000);
  });

  it('drops a cursor the server refuses (400) and carries on live, saying posts were missed', async () => {
    const mock = await startMockJetstreamServer(
      [
        async (c) => {
          await c.send(samplePosts[0]!);
          c.terminate();
        },
        async (c) => {
          await c.send(samplePosts[1]!);
        },
      ],
      {refuseCursorWith: 400},
    );
    cleanups.push(() => mock.close());
    const run = runSource(
      createBlueskySource(
        options(),
        {TRENDTUI_JETSTREAM_URL: mock.url},
        {delayScale: 0.01, random: () => 0},
      ),
    );
    cleanups.push(() => run.stop());
    await run.waitFor((r) => r.posts().length === 2);
    expect(mock.handshakes.map((h) => [h.url.searchParams.get('cursor'), h.refusedWith])).toEqual([
      [null, undefined],
      [String(samplePosts[0]!.time_us - 5_000_000), 400],
      [null, undefined],
    ]);
    expect(run.statuses().filter((s) => s.state === 'reconnecting')[1]!.detail).toContain(
      'refused the resume cursor',
    );
  });

  it('moves to the next configured host when one will not hold a connection, cursor and all', async () => {
    const broken = await startMockJetstreamServer([(c) => c.terminate()]);
    cleanups.push(() => broken.close());
    const healthy = await startMockJetstreamServer([
      async (c) => {
        await c.send(samplePosts[0]!);
        c.terminate();
      },
      async (c) => {
        await c.send(samplePosts[1]!);
      },
    ]);
    cleanups.push(() => healthy.close());
    const run = runSource(
      createBlueskySource(
        options(),
        {TRENDTUI_JETSTREAM_URL: `${broken.url}, ${healthy.url}`},
        {delayScale: 0.01, random: () => 0, stableAfterMs: 0},
      ),
    );
    cleanups.push(() => run.stop());
    await run.waitFor((r) => r.posts().length === 2);
    // The broken host once, then the healthy one; a drop after events flowed stays put.
    expect(broken.connections).toHaveLength(1);
    expect(healthy.connections.map((c) => c.cursor)).toEqual([
      undefined,
      samplePosts[0]!.time_us - 5_000_000,
    ]);
    const reconnects = run.statuses().filter((s) => s.state === 'reconnecting');
    expect(reconnects[0]!.detail).toContain(`switching to ${new URL(healthy.url).host}`);
    expect(reconnects[1]!.detail).not.toContain('switching');
  });

  it('refuses a Jetstream setting that is not a WebSocket URL', async () => {
    const run = runSource(
      createBlueskySource(options(), {TRENDTUI_JETSTREAM_URL: 'https://example.invalid/'}),
    );
    cleanups.push(() => run.stop());
    await run.waitFor((r) => r.statuses().length === 1);
    expect(run.statuses()[0]).toMatchObject({state: 'error'});
    expect(run.statuses()[0]!.detail).toContain('TRENDTUI_JETSTREAM_URL');
  });
});
