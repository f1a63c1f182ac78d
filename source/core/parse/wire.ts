// trendtui's own ingest wire protocol (v1): `post` lines are posts, already normalised, so a
// recorded session (`--record`) replays to identical counts; `hello` and `status` lines are
// session bookkeeping and are skipped, as are types a newer server may add.
import type {ParsedLine} from './parse-line.js';
import {uniqueTags} from '../hashtags.js';
import {idString, makePost, optionalString} from './make-post.js';
import {parseTime} from './time.js';

type Json = Record<string, unknown>;

export function parseWireMessage(message: Json): ParsedLine {
  if (message.type !== 'post') {
    return {kind: 'ignored', reason: `wire ${String(message.type)} message`};
  }
  const id = idString(message.id);
  if (id === undefined) return {kind: 'malformed', reason: 'wire post without an id'};
  const createdAt = typeof message.created_at === 'string' ? parseTime(message.created_at) : NaN;
  if (Number.isNaN(createdAt)) {
    return {kind: 'malformed', reason: 'wire post without a valid created_at'};
  }
  const receivedAt = typeof message.received_at === 'string' ? parseTime(message.received_at) : NaN;

  return {
    kind: 'posts',
    posts: [
      makePost(
        id,
        createdAt,
        typeof message.text === 'string' ? message.text : '',
        {
          hashtags: termList(message.hashtags),
          // Added after version 1 shipped: absent in older recordings.
          cashtags: termList(message.cashtags),
          mentions: termList(message.mentions),
        },
        optionalString(message.lang),
        optionalString(message.author),
        message.retweet === true,
        Number.isNaN(receivedAt) ? undefined : receivedAt,
      ),
    ],
  };
}

/** The strings of a term list, one per key; none when the field is absent or not a list. */
function termList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const given = value.filter((term): term is string => typeof term === 'string');
  return given.length > 1 ? uniqueTags(given) : given;
}
