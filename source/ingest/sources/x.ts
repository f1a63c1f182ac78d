// The X source: keeps this run's filtered-stream rule in place, reads the stream, turns each
// message it matched into posts with the core parser, and reconnects the way X asks clients
// to. Bad tokens, missing access and a stream already held by another run end in an `error`
// status that says what to do; nothing is retried that cannot succeed.
import {setTimeout as sleep} from 'node:timers/promises';
import type {StreamingV2Rule, TwitterApi} from 'twitter-api-v2';
import {LineSplitter} from '../../core/line-splitter.js';
import {parseValue} from '../../core/parse/parse-line.js';
import type {SourceOptions} from '../source-options.js';
import type {SourceStatus} from '../../core/stream.js';
import type {Source, SourceEvent} from '../source.js';
import {SkippedReport} from './skipped-report.js';
import {XReconnectPolicy} from './x-backoff.js';
import {STREAM_TAKEN_HELP, TOKEN_HELP, networkFailure, type XFailure} from './x-problems.js';
import {
  createRulesClient,
  matchedBy,
  releaseStreamRule,
  ruleForQuery,
  syncStreamRule,
  type RunRule,
} from './x-rules.js';
import {newRunTag} from './x-run-tag.js';
import {XStreamIdleError, openXStream} from './x-stream-reader.js';
import {tokenFromEnvironment} from './x-token.js';

export const DEFAULT_X_API_URL = 'https://api.x.com/2/';

/**
 * X sends a heartbeat at least every 20 s and says to reconnect after 20 s of silence; a timeout
 * of exactly 20 s would drop a healthy stream whose heartbeat came a little late (network
 * jitter, a busy event loop), so it waits half as long again.
 */
export const X_IDLE_TIMEOUT_MS = 30_000;

/** How long a stopping run waits for X to take its rule away before it goes anyway. */
const RELEASE_TIMEOUT_MS = 1000;

/** Time knobs; the defaults are X's. Tests shrink them to run fast with the same spacing. */
export type XSourceTiming = {
  /** Multiplies every back-off wait (statuses still report the unscaled delay). Default 1. */
  delayScale?: number;
  /** No bytes for this long = a dead connection (default `X_IDLE_TIMEOUT_MS`). */
  idleTimeoutMs?: number;
  /**
   * A connection counts as established (next drop retries at once, back-off starts over) only
   * after receiving data for this long. Default 30 s, so a server that keeps accepting and then
   * dropping costs at most one immediate reconnect per 30 s: X allows 50 connects per 15 min.
   */
  stableAfterMs?: number;
  /** At most one "malformed messages skipped" status per this interval. */
  malformedReportMs?: number;
};

export function createXSource(
  options: SourceOptions,
  env: NodeJS.ProcessEnv,
  timing: XSourceTiming = {},
): Source {
  return {name: 'x', events: (signal) => runXSource(options, env, timing, signal)};
}

async function* runXSource(
  options: SourceOptions,
  env: NodeJS.ProcessEnv,
  timing: XSourceTiming,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const token = tokenFromEnvironment(env)?.token;
  const baseUrl = env.TRENDTUI_X_API_URL?.trim() || DEFAULT_X_API_URL;
  const status = (state: SourceStatus['state'], detail?: string, retryInMs?: number) => {
    const value: SourceStatus = {state};
    // Belt and braces: no message built from an error may carry the token.
    if (detail !== undefined) value.detail = token ? detail.replaceAll(token, '***') : detail;
    if (retryInMs !== undefined) value.retryInMs = retryInMs;
    return {type: 'status', status: value} as const;
  };

  if (!token) {
    yield status('error', `No X bearer token: ${TOKEN_HELP}, or use --source bluesky`);
    return await untilAborted(signal);
  }
  const ruleValue = options.rule?.trim() || ruleForQuery(options.query, options.lang);
  if (!ruleValue) {
    yield status('error', 'The X source needs a query (trendtui "stan lee") or --rule RULE');
    return await untilAborted(signal);
  }

  const scale = timing.delayScale ?? 1;
  const client = createRulesClient(token, baseUrl);
  const policy = new XReconnectPolicy();
  const reader = new ConnectionReader(policy, timing, status);
  const runTag = newRunTag();
  let held: RunRule | undefined;
  /** Whether this run ever had the stream: a refusal before that means another run holds it. */
  let everLive = false;

  yield status('connecting', `X filtered stream, rule ${JSON.stringify(ruleValue)}`);
  try {
    while (!signal.aborted) {
      let failure: XFailure | undefined;
      if (held === undefined) {
        // The library's requests cannot be cancelled; an abort must not wait for one.
        const synced = await unlessAborted(syncStreamRule(client, ruleValue, runTag), signal);
        if (synced === undefined) return;
        if (synced.ok) held = {rule: synced.rule, owned: synced.owned};
        else failure = synced.failure;
      }
      if (held !== undefined && failure === undefined) {
        const opened = await openXStream(baseUrl, token, {
          signal,
          idleTimeoutMs: timing.idleTimeoutMs ?? X_IDLE_TIMEOUT_MS,
          userAgent: 'trendtui',
        });
        if (opened.ok) {
          everLive = true;
          yield status('live', `X filtered stream, rule ${JSON.stringify(held.rule.value)}`);
          failure = yield* reader.read(opened.chunks, held.rule);
        } else {
          failure = opened.failure;
        }
      }
      if (signal.aborted || failure === undefined) return;
      if (failure.kind !== 'fatal' && failure.streamTaken && !everLive) {
        // Retrying would take turns with the other run at best: X counts every attempt against
        // 50 connections per 15 minutes, and the other run's connection stays.
        failure = {kind: 'fatal', detail: STREAM_TAKEN_HELP};
      }
      if (failure.kind === 'fatal') {
        // Nothing of this run will be read: its rule would only make X send (and bill) posts.
        if (held !== undefined) await releaseWithin(client, held, RELEASE_TIMEOUT_MS);
        held = undefined;
        yield status('error', failure.detail);
        return await untilAborted(signal);
      }
      const delay = policy.nextDelay(failure.kind);
      yield status(
        'reconnecting',
        `${failure.detail}; ${delay === 0 ? 'reconnecting now' : `retrying in ${formatDelay(delay)}`}`,
        delay,
      );
      try {
        await sleep(delay * scale, undefined, {signal});
      } catch {
        return;
      }
    }
  } finally {
    if (held !== undefined) await releaseWithin(client, held, RELEASE_TIMEOUT_MS);
  }
}

function releaseWithin(client: TwitterApi, held: RunRule, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([releaseStreamRule(client, held), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

type StatusFactory = (
  state: SourceStatus['state'],
  detail?: string,
  retryInMs?: number,
) => SourceEvent;

/** Reads one stream connection to its end and says why it ended. */
class ConnectionReader {
  private readonly skipped: SkippedReport;

  constructor(
    private readonly policy: XReconnectPolicy,
    private readonly timing: XSourceTiming,
    private readonly status: StatusFactory,
  ) {
    this.skipped = new SkippedReport('X filtered stream', timing.malformedReportMs);
  }

  async *read(
    chunks: AsyncIterable<Uint8Array>,
    rule: StreamingV2Rule,
  ): AsyncGenerator<SourceEvent, XFailure> {
    // A fresh splitter per connection: a line cut off by a drop must not glue onto the next.
    const splitter = new LineSplitter();
    const openedAt = performance.now();
    const stableAfterMs = this.timing.stableAfterMs ?? 30_000;
    let established = false;
    let oversizedSeen = 0;
    try {
      for await (const chunk of chunks) {
        if (!established && performance.now() - openedAt >= stableAfterMs) {
          established = true;
          this.policy.established();
        }
        for (const line of splitter.push(chunk)) {
          const outcome = this.handleLine(line, rule);
          if (outcome.type === 'posts') {
            yield* outcome.events;
          } else if (outcome.type === 'disconnect') {
            return {kind: 'network', detail: outcome.detail};
          }
        }
        if (splitter.oversized > oversizedSeen) {
          this.skipped.add(splitter.oversized - oversizedSeen);
          oversizedSeen = splitter.oversized;
        }
        const report = this.skipped.due();
        if (report) yield this.status('live', report);
      }
      return {kind: 'network', detail: 'X closed the stream'};
    } catch (error) {
      if (error instanceof XStreamIdleError) return {kind: 'network', detail: error.message};
      return networkFailure(error, 'the X stream dropped');
    }
  }

  private handleLine(
    line: string,
    rule: StreamingV2Rule,
  ):
    {type: 'posts'; events: SourceEvent[]} | {type: 'disconnect'; detail: string} | {type: 'skip'} {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.skipped.add();
      return {type: 'skip'};
    }
    const now = Date.now();
    const parsed = parseValue(value, {now});
    switch (parsed.kind) {
      case 'posts': {
        // The app's one connection carries every rule's matches, other runs' too: keep only
        // this run's.
        if (!matchedBy(value, rule)) return {type: 'skip'};
        return {
          type: 'posts',
          events: parsed.posts.map((post) => ({type: 'post', post})),
        };
      }
      case 'stream-error': {
        const disconnect = parsed.errors.find((e) => e.title === 'operational-disconnect');
        if (disconnect) {
          return {
            type: 'disconnect',
            detail: `X ended the stream (operational-disconnect${
              disconnect.detail ? `: ${disconnect.detail}` : ''
            })`,
          };
        }
        // Other in-stream errors are informational; X closes the connection itself if needed.
        return {type: 'skip'};
      }
      case 'malformed':
        this.skipped.add();
        return {type: 'skip'};
      default:
        return {type: 'skip'};
    }
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), {once: true}));
}

/** The promise's value, or undefined as soon as `signal` aborts (the listener is removed after). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
