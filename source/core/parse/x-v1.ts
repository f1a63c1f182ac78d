// X (Twitter) API v1.1 tweets, as twarc v1 and many older tools archived them: `id_str`,
// `extended_tweet` for posts over 140 characters, `full_text` in `tweet_mode=extended`, and
// `retweeted_status` carrying the original. Stream control messages are recognised and skipped.
import type {ParsedLine} from './parse-line.js';
import {idString, makePost, optionalString} from './make-post.js';
import {timeOr} from './time.js';
import {V1_ENTITIES, unescapeXText, xEntities} from './x-text.js';

type Json = Record<string, unknown>;

/** v1.1 streams interleave these notices with tweets; none of them is a post. */
const CONTROL_MESSAGES = [
  'limit',
  'delete',
  'scrub_geo',
  'status_withheld',
  'user_withheld',
  'warning',
  'friends',
  'event',
] as const;

/** True when `value` looks like a v1.1 tweet or stream notice. */
export function isV1Message(value: Json): boolean {
  if ('id_str' in value || 'retweeted_status' in value || 'full_text' in value) return true;
  if ('disconnect' in value) return true;
  for (const key of CONTROL_MESSAGES) if (key in value) return true;
  return false;
}

export function parseV1Message(value: Json, now: number): ParsedLine {
  if (!('id_str' in value) && !('text' in value) && !('full_text' in value)) {
    const disconnect = value.disconnect as Json | undefined;
    if (typeof disconnect === 'object' && disconnect !== null) {
      return {
        kind: 'stream-error',
        errors: [{title: 'disconnect', detail: optionalString(disconnect.reason)}],
      };
    }
    const notice = CONTROL_MESSAGES.find((key) => key in value) ?? 'unknown';
    return {kind: 'ignored', reason: `X v1.1 ${notice} notice`};
  }

  const id = idString(value.id_str) ?? idString(value.id);
  if (id === undefined) return {kind: 'malformed', reason: 'X v1.1 tweet without an id'};

  const retweeted = value.retweeted_status as Json | undefined;
  const retweet = typeof retweeted === 'object' && retweeted !== null;
  const source = retweet ? retweeted : value;
  const extended = source.extended_tweet as Json | undefined;
  let raw: unknown;
  let entities: unknown;
  if (typeof extended === 'object' && extended !== null && typeof extended.full_text === 'string') {
    raw = extended.full_text;
    entities = extended.entities;
  } else {
    raw = typeof source.full_text === 'string' ? source.full_text : source.text;
    entities = source.entities;
  }
  if (typeof raw !== 'string') return {kind: 'malformed', reason: 'X v1.1 tweet without text'};
  const text = unescapeXText(raw);

  // `timestamp_ms` (stream lines) is exact and cheaper to read than the `created_at` string.
  const stamp = Number(value.timestamp_ms);
  const createdAt =
    typeof value.timestamp_ms === 'string' && Number.isFinite(stamp)
      ? stamp
      : timeOr(value.created_at, now);

  const user = value.user as Json | undefined;
  const author =
    typeof user === 'object' && user !== null
      ? (optionalString(user.screen_name) ?? idString(user.id_str))
      : undefined;

  return {
    kind: 'posts',
    posts: [
      makePost(
        id,
        createdAt,
        text,
        xEntities(entities, V1_ENTITIES, text),
        optionalString(value.lang),
        author,
        retweet,
      ),
    ],
  };
}
