// Mastodon statuses, as the REST API returns them or a streaming `update` event carries them.
// A boost counts with its original's terms (and text), like an X retweet.
import type {ParsedLine} from './parse-line.js';
import {extractHashtags, uniqueTags} from '../hashtags.js';
import {extractCashtags, extractMentions} from '../text-entities.js';
import {idString, makePost, optionalString} from './make-post.js';
import {timeOr} from './time.js';

type Json = Record<string, unknown>;

/** True when `value` looks like a Mastodon status. */
export function isMastodonStatus(value: Json): boolean {
  return typeof value.content === 'string' && ('account' in value || 'uri' in value);
}

/** True when `value` is a Mastodon WebSocket streaming message (`{stream, event, payload}`). */
export function isMastodonStreamMessage(value: Json): boolean {
  return typeof value.event === 'string' && 'payload' in value;
}

export function parseMastodonStreamMessage(
  message: Json,
  now: number,
  parseValue: (value: unknown) => ParsedLine,
): ParsedLine {
  if (message.event !== 'update' && message.event !== 'status.update') {
    return {kind: 'ignored', reason: `Mastodon ${String(message.event)} event`};
  }
  // The status arrives as a JSON string inside the JSON message.
  const payload = message.payload;
  if (typeof payload !== 'string') return parseValue(payload);
  try {
    const status: unknown = JSON.parse(payload);
    if (typeof status === 'object' && status !== null)
      return parseMastodonStatus(status as Json, now);
  } catch {
    // fall through
  }
  return {kind: 'malformed', reason: 'Mastodon update whose payload is not a status'};
}

export function parseMastodonStatus(status: Json, now: number): ParsedLine {
  const id = idString(status.id);
  if (id === undefined) return {kind: 'malformed', reason: 'Mastodon status without an id'};
  const reblog = status.reblog as Json | null | undefined;
  const retweet = typeof reblog === 'object' && reblog !== null;
  const source = retweet ? reblog : status;
  const text = typeof source.content === 'string' ? htmlToText(source.content) : '';

  let hashtags: string[];
  if (Array.isArray(source.tags)) {
    const names: string[] = [];
    for (const tag of source.tags as (Json | null)[]) {
      if (typeof tag?.name === 'string') names.push(tag.name);
    }
    hashtags = uniqueTags(names);
  } else {
    hashtags = extractHashtags(text);
  }

  // `acct` (`user@instance`, or `user` on the home instance) tells apart equal user names.
  let mentions: string[];
  if (Array.isArray(source.mentions)) {
    const accts: string[] = [];
    for (const mention of source.mentions as (Json | null)[]) {
      if (typeof mention?.acct === 'string') accts.push(mention.acct);
    }
    mentions = uniqueTags(accts);
  } else {
    mentions = extractMentions(text);
  }

  const account = status.account as Json | undefined;
  const author =
    typeof account === 'object' && account !== null ? optionalString(account.acct) : undefined;
  return {
    kind: 'posts',
    posts: [
      makePost(
        id,
        timeOr(status.created_at, now),
        text,
        {hashtags, cashtags: extractCashtags(text), mentions},
        optionalString(source.language) ?? optionalString(status.language),
        author,
        retweet,
      ),
    ],
  };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Mastodon's status HTML as plain text: paragraphs and line breaks become newlines, tags go,
 * character references are decoded. Statuses use a small, sanitised subset of HTML, so this
 * need not be a full HTML parser.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
      }
      return ENTITIES[name.toLowerCase()] ?? match;
    })
    .trim();
}
