// The fast path for X API v2 lines (stream messages and twarc2 pages, `{"data": …}`): the line
// is read by a projection that builds only the fields a post is made of, then resolved by the
// same code as the JSON.parse path, so both give the same posts; every other line, and any line
// the projection cannot read, goes to parseLine. About three times faster than JSON.parse on
// archive lines of ~1 KB, most of which (metrics, users, rules, URL entities) nobody counts.
import {compileShape, LEAF, projectJson, type Shape} from './json-projection.js';
import {parseLine, parseValue, type ParseContext, type ParsedLine} from './parse-line.js';

// Every path x-v2.ts reads, and nothing else. A field it starts reading must be added here
// too: the equivalence tests compare this path with parseLine's on every fixture.
const ENTITY: Shape = {keys: {tag: LEAF, username: LEAF}};
const ENTITIES: Shape = {
  keys: {hashtags: {items: ENTITY}, cashtags: {items: ENTITY}, mentions: {items: ENTITY}},
};
const NOTE_TWEET: Shape = {keys: {text: LEAF, entities: ENTITIES}};
/** What a post's text and terms are read from: its own, a retweeted original's. */
const CONTENT_KEYS = {text: LEAF, entities: ENTITIES, note_tweet: NOTE_TWEET};
/** A flattened line's `referenced_tweets` entries carry the original inline. */
const REFERENCE: Shape = {keys: {...CONTENT_KEYS, type: LEAF, id: LEAF}};
const POST_KEYS = {
  ...CONTENT_KEYS,
  id: LEAF,
  created_at: LEAF,
  lang: LEAF,
  author_id: LEAF,
  author: {keys: {username: LEAF}},
  referenced_tweets: {items: REFERENCE},
};
const POST: Shape = {keys: POST_KEYS};
const MESSAGE = compileShape({
  keys: {
    // An object in a stream message, an array of posts in a twarc2 page.
    data: {keys: POST_KEYS, items: POST},
    includes: {
      keys: {
        tweets: {items: {keys: {...CONTENT_KEYS, id: LEAF}}},
        users: {items: {keys: {id: LEAF, username: LEAF}}},
      },
    },
  },
});

/**
 * The posts of the X v2 line `bytes[start, end)` (UTF-8, without its line ending) read by
 * projection, or undefined where parseLine must read it: not an X v2 message, not valid JSON,
 * or a line starting with something other than JSON white space (a byte-order mark).
 */
export function scanXLine(
  bytes: Buffer,
  start: number,
  end: number,
  context: ParseContext,
): ParsedLine | undefined {
  let first = start;
  while (first < end && isJsonSpace(bytes[first]!)) first++;
  if (bytes[first] !== 0x7b /* { */ || first >= end) return undefined;
  const message = projectJson(bytes, MESSAGE, first, end) as Record<string, unknown> | undefined;
  // Without `data` the line is some other format, which parseLine tells apart by other fields.
  if (message === undefined || message.data === undefined) return undefined;
  return parseValue(message, context);
}

/** parseLine's result for the line `bytes[start, end)`, by the fast path where it applies. */
export function scanLine(
  bytes: Buffer,
  start: number,
  end: number,
  context: ParseContext,
): ParsedLine {
  return (
    scanXLine(bytes, start, end, context) ?? parseLine(bytes.toString('utf8', start, end), context)
  );
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
