// The one place a Post object is created, so every parser builds it with the same fields in the
// same order: V8 then sees a single object shape on the hot path, and consumers never meet a
// post missing a field another format would have had.
import type {Post, PostEntities} from '../post.js';

export function makePost(
  id: string,
  createdAt: number,
  text: string,
  terms: PostEntities,
  lang: string | undefined,
  author: string | undefined,
  retweet: boolean,
  receivedAt?: number,
): Post {
  const {hashtags, cashtags, mentions} = terms;
  return {id, createdAt, receivedAt, text, hashtags, cashtags, mentions, lang, author, retweet};
}

/** `value` when it is a non-empty string, else undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Ids arrive as strings, or as JSON numbers in old archives: always a string here. */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
