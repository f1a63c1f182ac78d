// Ingest wire protocol v1: one JSON object per `\n`-terminated line (hello, post, status), plus
// the text mode Spark's socketTextStream reads. Encoding and decoding live together so the
// server, the client and `--record` files cannot drift apart.
import {uniqueTags} from './hashtags.js';
import {idString, makePost, optionalString} from './parse/make-post.js';
import {parseTime} from './parse/time.js';
import type {Post} from './post.js';
import {sanitizeForTerminal} from './sanitize.js';
import type {Hello, SourceState, SourceStatus} from './stream.js';

export const PROTOCOL_VERSION = 1;

/** What a decoded line turned out to be. Unknown types are `ignored`, as the protocol demands. */
export type WireMessage =
  | {type: 'hello'; hello: Hello}
  | {type: 'post'; post: Post}
  | {type: 'status'; status: SourceStatus; dropped?: number}
  /** The spawned child's first stdout line: where it listens. Never sent to TCP clients. */
  | {type: 'listening'; host: string; port: number}
  | {type: 'ignored'; reason: string}
  | {type: 'malformed'; reason: string};

// Formatting a date costs more than the rest of a post's encoding; at high rates many posts
// share a millisecond (and `received_at` often equals `created_at`), so remember the last two.
let isoKeyA = NaN;
let isoTextA = '';
let isoKeyB = NaN;
let isoTextB = '';
function iso(ms: number): string {
  if (ms === isoKeyA) return isoTextA;
  if (ms === isoKeyB) return isoTextB;
  const text = new Date(ms).toISOString();
  isoKeyB = isoKeyA;
  isoTextB = isoTextA;
  isoKeyA = ms;
  isoTextA = text;
  return text;
}

export function encodeHello(hello: Omit<Hello, 'protocol'>): string {
  return (
    JSON.stringify({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      source: hello.source,
      query: hello.query,
      server: hello.server,
    }) + '\n'
  );
}

/** The wire form of a post, also the line format of `--record` files. */
export function encodePost(post: Post): string {
  return JSON.stringify(wirePost(post)) + '\n';
}

function wirePost(post: Post): Record<string, unknown> {
  // Key order is fixed (and optional keys omitted) so recorded files diff cleanly.
  const wire: Record<string, unknown> = {
    type: 'post',
    id: post.id,
    created_at: iso(post.createdAt),
  };
  if (post.receivedAt !== undefined) wire['received_at'] = iso(post.receivedAt);
  wire['text'] = post.text;
  wire['hashtags'] = post.hashtags;
  // Added after version 1 shipped: optional, so older servers' lines still decode.
  if (post.cashtags.length > 0) wire['cashtags'] = post.cashtags;
  if (post.mentions.length > 0) wire['mentions'] = post.mentions;
  if (post.lang !== undefined) wire['lang'] = post.lang;
  if (post.author !== undefined) wire['author'] = post.author;
  wire['retweet'] = post.retweet;
  return wire;
}

/**
 * A source status; `dropped` (on `lagging` only) is how many posts this client lost since its
 * previous `lagging` message, so a client sums them for a running total.
 */
export function encodeStatus(status: SourceStatus, dropped?: number): string {
  const wire: Record<string, unknown> = {type: 'status', state: status.state};
  if (status.detail !== undefined) wire['detail'] = status.detail;
  if (status.retryInMs !== undefined) wire['retry_in_ms'] = status.retryInMs;
  if (status.unmatched !== undefined) wire['unmatched'] = status.unmatched;
  if (status.progress !== undefined) wire['progress'] = status.progress;
  if (dropped !== undefined) wire['dropped'] = dropped;
  return JSON.stringify(wire) + '\n';
}

export function encodeListening(host: string, port: number): string {
  return JSON.stringify({type: 'listening', host, port}) + '\n';
}

/** Text mode: the post's text on one line, for Spark's `socketTextStream` and `nc`. */
export function encodeTextLine(post: Post): string {
  // One line whatever a line reader splits on (Java's readLine: \n, \r; also U+2028/9, NEL), and
  // since `nc` on a terminal reads this as often as Spark does, no escapes or controls either.
  return sanitizeForTerminal(post.text) + '\n';
}

const STATES: ReadonlySet<string> = new Set<SourceState>([
  'connecting',
  'live',
  'reconnecting',
  'lagging',
  'error',
  'ended',
]);

type Json = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Decodes one line (without its `\n`). Never throws. */
export function decodeMessage(line: string): WireMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {type: 'malformed', reason: 'not JSON'};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {type: 'malformed', reason: 'not a JSON object'};
  }
  const message = value as Json;
  switch (message['type']) {
    case 'hello':
      return decodeHello(message);
    case 'post': {
      const post = decodePost(message);
      return typeof post === 'string' ? {type: 'malformed', reason: post} : {type: 'post', post};
    }
    case 'status':
      return decodeStatus(message);
    case 'listening':
      return isString(message['host']) && isCount(message['port'])
        ? {type: 'listening', host: message['host'], port: message['port']}
        : {type: 'malformed', reason: 'listening without host and port'};
    default:
      return {type: 'ignored', reason: `unknown message type ${JSON.stringify(message['type'])}`};
  }
}

function decodeHello(message: Json): WireMessage {
  const {protocol, source, query, server} = message;
  if (!isCount(protocol)) return {type: 'malformed', reason: 'hello without a protocol version'};
  return {
    type: 'hello',
    hello: {
      protocol,
      source: isString(source) ? source : '',
      query: isString(query) ? query : '',
      server: isString(server) ? server : '',
    },
  };
}

function decodeStatus(message: Json): WireMessage {
  const {state, detail, retry_in_ms: retryInMs, unmatched, progress, dropped} = message;
  if (!isString(state) || !STATES.has(state)) {
    return {type: 'malformed', reason: `unknown status state ${JSON.stringify(state)}`};
  }
  const status: SourceStatus = {state: state as SourceState};
  if (isString(detail)) status.detail = detail;
  if (isCount(retryInMs)) status.retryInMs = retryInMs;
  if (isCount(unmatched)) status.unmatched = unmatched;
  if (typeof progress === 'number' && progress >= 0 && progress <= 1) status.progress = progress;
  return isCount(dropped) ? {type: 'status', status, dropped} : {type: 'status', status};
}

/**
 * A wire post object (already JSON-parsed) back into a Post, or the reason it is not one: the
 * one decoder of post lines, for the client reading a server and for `--replay` of a `--record`
 * file alike. What the server always writes is required (id, created_at, text, hashtags); the
 * term lists added since version 1 may be absent. Term lists are kept one per key, as the
 * server sends them, even from a hand-edited file.
 */
export function decodePost(message: Json): Post | string {
  const id = idString(message['id']);
  if (id === undefined) return 'post without an id';
  const createdAt = message['created_at'];
  const created = isString(createdAt) ? parseTime(createdAt) : NaN;
  if (Number.isNaN(created)) return 'post without a valid created_at';
  const text = message['text'];
  if (!isString(text)) return 'post without text';
  const hashtags = termList(message['hashtags']);
  if (hashtags === undefined) return 'post hashtags not strings';
  // Added after version 1 shipped: absent in older recordings and from older servers.
  const cashtags = message['cashtags'] === undefined ? [] : termList(message['cashtags']);
  if (cashtags === undefined) return 'post cashtags not strings';
  const mentions = message['mentions'] === undefined ? [] : termList(message['mentions']);
  if (mentions === undefined) return 'post mentions not strings';
  const receivedAt = message['received_at'];
  const received = isString(receivedAt) ? parseTime(receivedAt) : NaN;
  return makePost(
    id,
    created,
    text,
    {hashtags, cashtags, mentions},
    optionalString(message['lang']),
    optionalString(message['author']),
    message['retweet'] === true,
    Number.isNaN(received) ? undefined : received,
  );
}

/** A list of strings, one per key; undefined when it is not a list of strings. */
function termList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every(isString)) return undefined;
  return value.length > 1 ? uniqueTags(value as string[]) : (value as string[]);
}
