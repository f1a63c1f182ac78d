// The Bluesky source: tails Jetstream's post creates over a WebSocket (Jetstream has no keyword
// filter: the server matches the query, as for every source but X), and survives drops by reconnecting with
// jittered back-off and resuming a few seconds before the last event seen, dropping the
// events that the overlap replays.
//
// permessage-deflate is off: post creates are ~25 KB/s network-wide, so compression would save
// little while costing a zlib context per connection and exposure to inflate bombs; the
// public v1 hosts may not negotiate it anyway, and zstd (Jetstream's own compression) needs a
// newer Node than 20.
import {setTimeout as sleep} from 'node:timers/promises';
import WebSocket from 'ws';
import {parseValue} from '../../core/parse/parse-line.js';
import type {SourceOptions} from '../source-options.js';
import type {SourceStatus} from '../../core/stream.js';
import type {Source, SourceEvent} from '../source.js';
import {Backoff, type BackoffPolicy} from '../backoff.js';
import {SkippedReport} from './skipped-report.js';

export const DEFAULT_JETSTREAM_URL = 'wss://jetstream1.us-east.bsky.network/subscribe';
/**
 * The public v1 hosts, tried in turn when one keeps failing (outages of a single host for hours
 * happen). Their `time_us` cursors are interchangeable, so a resume works across them.
 */
const PUBLIC_V1_HOSTS = [
  DEFAULT_JETSTREAM_URL,
  'wss://jetstream2.us-east.bsky.network/subscribe',
  'wss://jetstream1.us-west.bsky.network/subscribe',
  'wss://jetstream2.us-west.bsky.network/subscribe',
];
const POST_COLLECTION = 'app.bsky.feed.post';
/**
 * Largest event asked for; real events are under 13 KB. Jetstream skips larger ones when asked
 * (`maxMessageSizeBytes`); unasked, it sends them, and a frame over the socket's limit closes the
 * connection (1009), so every reconnect would meet the same event again.
 */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;
/** The socket's limit: the event plus room for a field a server adds after measuring it. */
const MAX_FRAME_BYTES = MAX_EVENT_BYTES + 64 * 1024;

/** Time knobs; tests shrink them to run fast. */
export type BlueskySourceTiming = {
  /** Multiplies every back-off wait (statuses still report the unscaled delay). Default 1. */
  delayScale?: number;
  /** No event for this long = a dead connection (Jetstream is a firehose). Default 60 s. */
  idleTimeoutMs?: number;
  /** A connection up this long, events flowing, resets the back-off and keeps its host. 30 s. */
  stableAfterMs?: number;
  /** How far before the last event a resumed connection starts, in µs. Default 5 s. */
  rewindUs?: number;
  /** For the back-off's jitter, 0 ≤ x < 1. */
  random?: () => number;
  malformedReportMs?: number;
};

export function createBlueskySource(
  _options: SourceOptions,
  env: NodeJS.ProcessEnv,
  timing: BlueskySourceTiming = {},
): Source {
  return {name: 'bluesky', events: (signal) => runBlueskySource(env, timing, signal)};
}

/** Jittered exponential back-off: 1 s, 2 s, 4 s … capped at 30 s, each shortened by ≤ half. */
export const JETSTREAM_BACKOFF: BackoffPolicy = {initialMs: 1_000, maxMs: 30_000, jitter: 0.5};

async function* runBlueskySource(
  env: NodeJS.ProcessEnv,
  timing: BlueskySourceTiming,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const status = (state: SourceStatus['state'], detail?: string, retryInMs?: number) => {
    const value: SourceStatus = {state};
    if (detail !== undefined) value.detail = detail;
    if (retryInMs !== undefined) value.retryInMs = retryInMs;
    return {type: 'status', status: value} as const;
  };

  const endpoints = parseEndpoints(env.TRENDTUI_JETSTREAM_URL);
  if (endpoints === undefined) {
    yield status('error', 'TRENDTUI_JETSTREAM_URL must be ws:// or wss:// URLs, comma-separated');
    return await untilAborted(signal);
  }
  let endpointIndex = 0;

  const rewindUs = timing.rewindUs ?? 5_000_000;
  const random = timing.random ?? Math.random;
  const idleTimeoutMs = timing.idleTimeoutMs ?? 60_000;
  const stableAfterMs = timing.stableAfterMs ?? 30_000;
  const skipped = new SkippedReport('Jetstream', timing.malformedReportMs);
  const resume = new ResumePoint(rewindUs);
  const backoff = new Backoff(JETSTREAM_BACKOFF, random);

  yield status('connecting', `Bluesky Jetstream (${endpoints[0]!.host})`);
  while (!signal.aborted) {
    const endpoint = endpoints[endpointIndex]!;
    const url = new URL(endpoint);
    url.searchParams.set('wantedCollections', POST_COLLECTION);
    url.searchParams.set('maxMessageSizeBytes', String(MAX_EVENT_BYTES));
    const cursor = resume.cursor();
    if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));

    let ended: ConnectionEnd | undefined;
    let openedAt = Infinity;
    // Proved healthy: open a while and events flowing. Resets the back-off and keeps the host.
    let stable = false;
    for await (const item of openJetstream(url, {signal, idleTimeoutMs})) {
      if (item.type === 'open') {
        openedAt = performance.now();
        yield status('live', `Bluesky Jetstream (${endpoint.host})`);
        continue;
      }
      if (item.type === 'end') {
        ended = item;
        break;
      }
      if (!stable && performance.now() - openedAt >= stableAfterMs) {
        stable = true;
        backoff.reset();
      }
      if (item.binary) {
        skipped.add();
      } else {
        const event = decodeEvent(item.data);
        if (event === undefined) {
          skipped.add();
        } else {
          if (event.timeUs !== undefined) resume.advance(event.timeUs);
          const now = Date.now();
          const parsed = parseValue(event.value, {now});
          if (parsed.kind === 'malformed') skipped.add();
          if (parsed.kind === 'posts') {
            for (const post of parsed.posts) {
              if (resume.firstSighting(post.id, event.timeUs)) yield {type: 'post', post};
            }
          }
        }
      }
      const report = skipped.due();
      if (report) yield status('live', report);
    }
    if (signal.aborted) return;
    // A host that will not hold a connection: try the next one (with the same cursor).
    const previousHost = endpoint.host;
    if (!stable) endpointIndex = (endpointIndex + 1) % endpoints.length;

    let detail = ended?.detail ?? 'Jetstream connection ended';
    if (ended?.httpStatus === 400 && cursor !== undefined) {
      // Too old or not a cursor this host understands: carry on live, and say there is a gap.
      resume.forget();
      detail = 'Jetstream refused the resume cursor; continuing live (posts in the gap are missed)';
    } else if (resume.cursor() !== undefined) {
      detail += `; resuming ${rewindUs / 1_000_000} s before the last event`;
    }
    const nextHost = endpoints[endpointIndex]!.host;
    if (nextHost !== previousHost) detail += `; switching to ${nextHost}`;
    const delay = backoff.next();
    yield status('reconnecting', detail, delay);
    try {
      await sleep(delay * (timing.delayScale ?? 1), undefined, {signal});
    } catch {
      return;
    }
  }
}

type ConnectionEnd = {type: 'end'; detail: string; httpStatus?: number};
type ConnectionItem =
  {type: 'open'} | {type: 'message'; data: Buffer; binary: boolean} | ConnectionEnd;

/**
 * One WebSocket connection as an async sequence: `open`, messages, then exactly one `end`
 * saying why it ended (close code, HTTP refusal, silence, or a network error).
 */
async function* openJetstream(
  url: URL,
  options: {signal: AbortSignal; idleTimeoutMs: number},
): AsyncGenerator<ConnectionItem> {
  const queue: ConnectionItem[] = [];
  let wake: (() => void) | undefined;
  const push = (item: ConnectionItem) => {
    queue.push(item);
    wake?.();
  };
  let failure: string | undefined;
  let httpStatus: number | undefined;

  const socket = new WebSocket(url, {
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: 15_000,
    headers: {'user-agent': 'trendtui'},
  });
  // Only events re-arm the timer, not the server's pings: a stale connection can go on
  // answering pings while sending nothing, and the post firehose is never quiet for a minute.
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      failure = `no events from Jetstream for ${Math.round(options.idleTimeoutMs / 1000)} s`;
      socket.terminate();
    }, options.idleTimeoutMs);
  };
  const onAbort = () => socket.terminate();
  options.signal.addEventListener('abort', onAbort, {once: true});

  socket.on('open', () => {
    armIdleTimer();
    push({type: 'open'});
  });
  socket.on('message', (data: Buffer, binary: boolean) => {
    armIdleTimer();
    push({type: 'message', data, binary});
  });
  socket.on('error', (error: Error & {code?: string}) => {
    const refused = /Unexpected server response: (\d+)/.exec(error.message);
    if (refused) httpStatus = Number(refused[1]);
    failure ??= refused
      ? `Jetstream answered HTTP ${refused[1]}`
      : `connection to Jetstream failed (${error.code ?? error.message})`;
  });
  socket.on('close', (code: number, reason: Buffer) => {
    clearTimeout(idleTimer);
    const why = reason.length > 0 ? `: ${reason.toString('utf8')}` : '';
    const end: ConnectionEnd = {
      type: 'end',
      detail:
        failure ??
        (code === 1006
          ? 'Jetstream connection dropped without a close frame (1006)'
          : `Jetstream closed the connection (${code}${why})`),
    };
    if (httpStatus !== undefined) end.httpStatus = httpStatus;
    push(end);
  });

  try {
    for (;;) {
      const item = queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      yield item;
      if (item.type === 'end') return;
    }
  } finally {
    clearTimeout(idleTimer);
    options.signal.removeEventListener('abort', onAbort);
    socket.terminate();
  }
}

/** The configured endpoints (a comma-separated list), or the public hosts; undefined if invalid. */
function parseEndpoints(setting: string | undefined): URL[] | undefined {
  const list = setting?.trim() ? setting.split(',').map((part) => part.trim()) : PUBLIC_V1_HOSTS;
  try {
    const urls = list.filter((part) => part !== '').map((part) => new URL(part));
    const valid = urls.every((url) => url.protocol === 'ws:' || url.protocol === 'wss:');
    return valid && urls.length > 0 ? urls : undefined;
  } catch {
    return undefined;
  }
}

function decodeEvent(data: Buffer): {value: unknown; timeUs?: number} | undefined {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    const timeUs = (value as {time_us?: unknown} | null)?.time_us;
    return typeof timeUs === 'number' ? {value, timeUs} : {value};
  } catch {
    return undefined;
  }
}

/**
 * Where a reconnect resumes (a few seconds before the newest event seen, since events arrive
 * slightly out of order and a host switch needs a margin), and the post ids seen within that
 * overlap, so the events it replays are not counted twice. Ids older than twice the overlap
 * are forgotten: memory stays at a few seconds of posts.
 */
class ResumePoint {
  private lastTimeUs: number | undefined;
  private readonly timeById = new Map<string, number>();

  constructor(private readonly rewindUs: number) {}

  cursor(): number | undefined {
    return this.lastTimeUs === undefined ? undefined : this.lastTimeUs - this.rewindUs;
  }

  advance(timeUs: number): void {
    if (this.lastTimeUs !== undefined && timeUs <= this.lastTimeUs) return;
    this.lastTimeUs = timeUs;
    // Insertion order is nearly time order; stop at the first id still inside the horizon.
    const horizon = timeUs - 2 * this.rewindUs;
    for (const [id, seenAt] of this.timeById) {
      if (seenAt >= horizon) break;
      this.timeById.delete(id);
    }
  }

  /** False when this post was already passed on (a replay of the overlap). */
  firstSighting(id: string, timeUs = this.lastTimeUs ?? 0): boolean {
    if (this.timeById.has(id)) return false;
    this.timeById.set(id, timeUs);
    return true;
  }

  /** The server refused the cursor: start again from the live tail. */
  forget(): void {
    this.lastTimeUs = undefined;
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}));
}
