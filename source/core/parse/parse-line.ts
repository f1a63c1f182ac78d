// One line of any supported input in, posts (or the reason there are none) out. The format is
// detected per line, so a file may mix formats and a stream may change shape mid-way. Never
// throws: bad input becomes a typed `malformed` result that callers count and skip.
import type {Post} from '../post.js';
import {entitiesOfText} from '../text-entities.js';
import {isJetstreamEvent, parseJetstreamEvent} from './jetstream.js';
import {makePost} from './make-post.js';
import {
  isMastodonStatus,
  isMastodonStreamMessage,
  parseMastodonStatus,
  parseMastodonStreamMessage,
} from './mastodon.js';
import {parseWireMessage} from './wire.js';
import {isV1Message, parseV1Message} from './x-v1.js';
import {parseXFlatPost, parseXPage, parseXStreamMessage} from './x-v2.js';

export type StreamError = {title: string; detail?: string; type?: string};

export type ParsedLine =
  | {kind: 'posts'; posts: Post[]}
  /** X in-stream `{"errors": […]}` without data, e.g. operational-disconnect. */
  | {kind: 'stream-error'; errors: StreamError[]}
  /** Not a post: Jetstream likes/follows/deletes/identity, v1.1 notices, wire hello/status. */
  | {kind: 'ignored'; reason: string}
  | {kind: 'malformed'; reason: string};

export type ParseContext = {
  /**
   * Receive time, epoch ms: the time of plain-text lines and of posts that carry none. NaN in
   * an event-time replay, where such a post's time is the caller's to give (UntimedPosts).
   */
  now: number;
  /** Ids for plain-text lines, which have none of their own. */
  nextId?: () => string;
};

let plainTextSequence = 0;

/** Parses one input line (without its line ending). */
export function parseLine(line: string, context: ParseContext): ParsedLine {
  let start = 0;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  if (start === line.length) return {kind: 'ignored', reason: 'blank line'};
  const first = line.charCodeAt(start);
  // `{` always means JSON: a broken one is a truncated or corrupt record, not prose. A `[` may
  // well open a sentence, so only a successful parse makes it JSON.
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    let value: unknown;
    try {
      // JSON allows leading white space but not a byte-order mark.
      value = JSON.parse(start === 0 ? line : line.slice(start));
    } catch (error) {
      if (first === 0x7b) {
        return {kind: 'malformed', reason: `invalid JSON: ${(error as Error).message}`};
      }
      return plainText(line, context);
    }
    return parseValue(value, context);
  }
  return plainText(line, context);
}

/** Same as `parseLine` for a value already parsed from JSON. */
export function parseValue(value: unknown, context: ParseContext): ParsedLine {
  try {
    if (Array.isArray(value)) return parseArray(value, context);
    if (typeof value !== 'object' || value === null) {
      return {kind: 'malformed', reason: 'JSON value is not an object'};
    }
    return parseObject(value as Record<string, unknown>, context);
  } catch (error) {
    // Every parser checks what it reads; this only guards against a shape none foresaw.
    return {kind: 'malformed', reason: `unreadable record: ${(error as Error).message}`};
  }
}

function parseObject(value: Record<string, unknown>, context: ParseContext): ParsedLine {
  const {now} = context;
  const data = value.data;
  if (data !== undefined) {
    if (Array.isArray(data)) return parseXPage(value, data, now);
    if (typeof data === 'object' && data !== null) {
      return parseXStreamMessage(value, data as Record<string, unknown>, now);
    }
    return {kind: 'malformed', reason: 'X message whose data is not a post'};
  }
  if (Array.isArray(value.errors)) return streamError(value.errors);
  if (typeof value.type === 'string') {
    // An X problem document (`{"title", "detail", "type": "https://api.x.com/2/problems/…"}`,
    // e.g. TooManyConnections) also has a string `type`; wire messages never have a `title`.
    if (typeof value.title === 'string') return streamError([value]);
    return parseWireMessage(value);
  }
  if (isJetstreamEvent(value)) return parseJetstreamEvent(value, now);
  if (isMastodonStatus(value)) return parseMastodonStatus(value, now);
  // Before v1.1, whose user-stream notices also have an `event` key (but no `payload`).
  if (isMastodonStreamMessage(value)) {
    return parseMastodonStreamMessage(value, now, (inner) => parseValue(inner, context));
  }
  if (isV1Message(value)) return parseV1Message(value, now);
  if (typeof value.text === 'string' && value.id !== undefined) return parseXFlatPost(value, now);
  return {kind: 'malformed', reason: 'JSON object in no known format'};
}

/** A JSON array of records (e.g. a Mastodon timeline page): the posts of all of them. */
function parseArray(values: unknown[], context: ParseContext): ParsedLine {
  const posts: Post[] = [];
  let last: ParsedLine = {kind: 'ignored', reason: 'empty JSON array'};
  for (const item of values) {
    last = parseValue(item, context);
    if (last.kind === 'posts') posts.push(...last.posts);
  }
  if (posts.length > 0) return {kind: 'posts', posts};
  return last.kind === 'posts' ? {kind: 'ignored', reason: 'JSON array without posts'} : last;
}

function streamError(errors: unknown[]): ParsedLine {
  const list: StreamError[] = [];
  for (const error of errors) {
    if (typeof error !== 'object' || error === null) continue;
    const {title, detail, type, message} = error as Record<string, unknown>;
    list.push({
      title: typeof title === 'string' ? title : typeof message === 'string' ? message : 'error',
      detail: typeof detail === 'string' ? detail : undefined,
      type: typeof type === 'string' ? type : undefined,
    });
  }
  return {kind: 'stream-error', errors: list};
}

function plainText(line: string, context: ParseContext): ParsedLine {
  const id =
    context.nextId?.() ??
    (Number.isNaN(context.now)
      ? `text-${++plainTextSequence}`
      : `text-${context.now}-${++plainTextSequence}`);
  const text = line.trim();
  return {
    kind: 'posts',
    posts: [makePost(id, context.now, text, entitiesOfText(text), undefined, undefined, false)],
  };
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0xfeff;
}
