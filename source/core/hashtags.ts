// Hashtags found in free text, by the rules X itself uses (twitter-text), plus the one-per-post
// dedupe every source needs: a tag counts once per post however often or however it is spelled
// (the README's "How it counts").
import {normalizeTag} from './normalize-tag.js';
import {twitterText} from './twitter-text.js';

/**
 * Hashtags in `text` by twitter-text's rules (`#1` is none, `#Trump:` is `Trump`, `foo#bar` is
 * none, full-width `＃` counts, URL fragments do not), in display form without `#`, one per tag
 * key in order of first appearance.
 */
export function extractHashtags(text: string): string[] {
  // Nearly all posts have no `#` at all: skip the regex machinery for them.
  if (text.indexOf('#') === -1 && text.indexOf('＃') === -1) return [];
  return uniqueTags(twitterText().extractHashtags(scannedPart(text)));
}

/**
 * How much of a text is read for hashtags. twitter-text's URL scan costs about 0.8 µs per
 * character, so a multi-megabyte plain-text line would stall the stream for seconds; real posts
 * stay far below this (X long posts: 25,000 characters).
 */
export const MAX_SCANNED_CHARS = 32_768;

export function scannedPart(text: string): string {
  if (text.length <= MAX_SCANNED_CHARS) return text;
  // Cut at white space so the last tag read is not a truncated one.
  const cut = text.slice(0, MAX_SCANNED_CHARS + 1);
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : '';
}

/** Display forms deduplicated by tag key, keeping the first spelling seen. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const result: string[] = [];
  let keys: string[] | undefined;
  for (const tag of tags) {
    if (tag.length === 0) continue;
    if (result.length === 0) {
      result.push(tag);
      continue;
    }
    // Posts carry a handful of tags: a linear scan beats building a Set.
    keys ??= [normalizeTag(result[0]!)];
    const key = normalizeTag(tag);
    if (!keys.includes(key)) {
      keys.push(key);
      result.push(tag);
    }
  }
  return result;
}
