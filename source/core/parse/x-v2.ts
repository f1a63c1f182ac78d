// X API v2 posts in their three archive shapes: a stream message (`data` object, `includes`,
// `matching_rules`), a twarc2 response page (`data` array + `includes`), and a twarc2 flattened
// post (one post per line, `author` and `referenced_tweets` inlined). All resolve the same way:
// a retweet's text and terms are its original's, a long post's are its `note_tweet`'s.
import type {Post, PostEntities} from '../post.js';
import type {ParsedLine} from './parse-line.js';
import {idString, makePost, optionalString} from './make-post.js';
import {timeOr} from './time.js';
import {V2_ENTITIES, unescapeXText, xEntities} from './x-text.js';

type Json = Record<string, unknown>;

/** Where a post's referenced posts and its author are looked up. */
type Expansions = {
  tweet(id: string): Json | undefined;
  user(id: string): Json | undefined;
};

const NO_EXPANSIONS: Expansions = {tweet: () => undefined, user: () => undefined};

/** A stream message: one post plus a few expansions, searched linearly (they are tiny). */
export function parseXStreamMessage(message: Json, data: Json, now: number): ParsedLine {
  const post = xPost(data, scanExpansions(message.includes), now);
  return typeof post === 'string'
    ? {kind: 'malformed', reason: post}
    : {kind: 'posts', posts: [post]};
}

/** A twarc2 search/timeline page: up to 100 posts sharing one `includes`. */
export function parseXPage(page: Json, data: unknown[], now: number): ParsedLine {
  if (data.length === 0) return {kind: 'ignored', reason: 'empty X response page'};
  const expansions = indexExpansions(page.includes);
  const posts: Post[] = [];
  let firstError: string | undefined;
  for (const item of data) {
    const post =
      typeof item === 'object' && item !== null
        ? xPost(item as Json, expansions, now)
        : 'page entry is not an object';
    if (typeof post === 'string') firstError ??= post;
    else posts.push(post);
  }
  if (posts.length === 0) return {kind: 'malformed', reason: firstError ?? 'no posts in page'};
  return {kind: 'posts', posts};
}

/** A twarc2 flattened line (or any bare v2 post object). */
export function parseXFlatPost(post: Json, now: number): ParsedLine {
  const parsed = xPost(post, NO_EXPANSIONS, now);
  return typeof parsed === 'string'
    ? {kind: 'malformed', reason: parsed}
    : {kind: 'posts', posts: [parsed]};
}

/** The normalised post, or why it cannot be one. */
function xPost(data: Json, expansions: Expansions, now: number): Post | string {
  const id = idString(data.id);
  if (id === undefined) return 'X post without an id';

  let original: Json | undefined;
  let retweet = false;
  const refs = data.referenced_tweets;
  if (Array.isArray(refs)) {
    for (const ref of refs as (Json | null)[]) {
      if (ref?.type !== 'retweeted') continue;
      retweet = true;
      // Flattened lines inline the original; otherwise it is in `includes.tweets`, if requested.
      if (typeof ref.text === 'string') original = ref;
      else {
        const refId = idString(ref.id);
        if (refId !== undefined) original = expansions.tweet(refId);
      }
      break;
    }
  }

  // The retweet's own text is cut short and may have lost the original's terms; without
  // the original it is still the best there is.
  const source = original ?? data;
  let text: string;
  let terms: PostEntities;
  const note = source.note_tweet as Json | undefined;
  if (typeof note === 'object' && note !== null && typeof note.text === 'string') {
    text = unescapeXText(note.text);
    terms = xEntities(note.entities, V2_ENTITIES, text);
  } else if (typeof source.text === 'string') {
    text = unescapeXText(source.text);
    terms = xEntities(source.entities, V2_ENTITIES, text);
  } else if (source !== data && typeof data.text === 'string') {
    text = unescapeXText(data.text);
    terms = xEntities(data.entities, V2_ENTITIES, text);
  } else {
    return 'X post without text';
  }

  return makePost(
    id,
    timeOr(data.created_at, now),
    text,
    terms,
    optionalString(data.lang),
    authorOf(data, expansions),
    retweet,
  );
}

function authorOf(data: Json, expansions: Expansions): string | undefined {
  const inline = data.author as Json | undefined;
  if (typeof inline === 'object' && inline !== null && typeof inline.username === 'string') {
    return inline.username;
  }
  const authorId = idString(data.author_id);
  if (authorId === undefined) return undefined;
  const user = expansions.user(authorId);
  return optionalString(user?.username) ?? authorId;
}

function scanExpansions(includes: unknown): Expansions {
  if (typeof includes !== 'object' || includes === null) return NO_EXPANSIONS;
  const {tweets, users} = includes as {tweets?: unknown; users?: unknown};
  return {tweet: (id) => findById(tweets, id), user: (id) => findById(users, id)};
}

function findById(list: unknown, id: string): Json | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list as (Json | null)[]) {
    if (item !== null && typeof item === 'object' && (item.id === id || idString(item.id) === id)) {
      return item;
    }
  }
  return undefined;
}

function indexExpansions(includes: unknown): Expansions {
  if (typeof includes !== 'object' || includes === null) return NO_EXPANSIONS;
  const {tweets, users} = includes as {tweets?: unknown; users?: unknown};
  const tweetIndex = indexById(tweets);
  const userIndex = indexById(users);
  return {tweet: (id) => tweetIndex.get(id), user: (id) => userIndex.get(id)};
}

function indexById(list: unknown): Map<string, Json> {
  const index = new Map<string, Json>();
  if (!Array.isArray(list)) return index;
  for (const item of list as (Json | null)[]) {
    if (item === null || typeof item !== 'object') continue;
    const id = idString(item.id);
    // The first copy wins, as X lists each expansion once.
    if (id !== undefined && !index.has(id)) index.set(id, item);
  }
  return index;
}
