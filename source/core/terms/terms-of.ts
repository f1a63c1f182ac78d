// The one answer to "which terms does this post carry?" for each kind a trend can be made of.
// Hashtags, cashtags and mentions come extracted with the post (from the source's own entities
// where it has them); words are read from the text here, on the client, since they depend on the
// query.
import type {Post} from '../post.js';
import {queryWordKeys} from '../query.js';
import type {TermKind} from './term-kind.js';
import {extractWords} from './words.js';

/** Keys no post's words may count: the query's own words. Built once per run. */
export type DroppedWords = {
  readonly plain: ReadonlySet<string>;
  readonly retweet: ReadonlySet<string>;
};

export function droppedWordsFor(query: readonly string[]): DroppedWords {
  const plain = new Set(queryWordKeys(query));
  // An X retweet whose original was not expanded reads `RT @author: …`.
  return {plain, retweet: new Set([...plain, 'rt'])};
}

const NONE: DroppedWords = droppedWordsFor([]);

/**
 * The post's terms of one kind, in display form without sigil (`StanLee`, `AMD`, `jack`, `sleep`),
 * each key (NFKC + lower case) at most once, in order of first appearance.
 */
export function termsOf(
  post: Post,
  kind: TermKind,
  dropped: DroppedWords = NONE,
): readonly string[] {
  switch (kind) {
    case 'hashtags':
      return post.hashtags;
    case 'cashtags':
      return post.cashtags;
    case 'mentions':
      return post.mentions;
    case 'words':
      return extractWords(post.text, post.lang, post.retweet ? dropped.retweet : dropped.plain);
  }
}
