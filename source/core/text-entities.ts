// Cashtags and mentions found in free text by the rules X itself uses (twitter-text), for posts
// whose source sent no entities of its own; hashtags have their own module beside this one.
import {extractHashtags, scannedPart, uniqueTags} from './hashtags.js';
import type {PostEntities} from './post.js';
import {twitterText} from './twitter-text.js';

/** `$AMD`, `$doge`: one to six letters (twitter-text), without `$`, one per key in order. */
export function extractCashtags(text: string): string[] {
  if (text.indexOf('$') === -1) return [];
  return uniqueTags(twitterText().extractCashtags(scannedPart(text)));
}

/** `@jack`: a user name as X reads it (twitter-text), without `@`, one per key in order. */
export function extractMentions(text: string): string[] {
  if (text.indexOf('@') === -1 && text.indexOf('＠') === -1) return [];
  return uniqueTags(twitterText().extractMentions(scannedPart(text)));
}

/** Every entity of a text that came without any: plain-text lines, posts from entity-less archives. */
export function entitiesOfText(text: string): PostEntities {
  return {
    hashtags: extractHashtags(text),
    cashtags: extractCashtags(text),
    mentions: extractMentions(text),
  };
}
