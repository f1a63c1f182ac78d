// Which posts a run keeps: the query words (ANDed, any case, whole words, as X's rules match),
// the language filter and the retweet switch, as one predicate built once per run. Every source
// that filters on this side (stdin, replay, Bluesky, the batch engine) goes through here, so
// they agree with each other and with X. The README's "How it counts" states the rule for users.
import {normalizeTag} from './normalize-tag.js';
import type {Post} from './post.js';

// The tag-key fold (NFKC then lower case): full-width `ＳＴＡＮ` matches `stan`, `ǅ` matches `dž`.
const fold = normalizeTag;

// Word boundaries after Unicode's default word-boundary rules (UAX #29), without their
// dictionaries: letters, marks, digits and connectors of a spaced script join into one word;
// the scripts written without spaces (Han, Hiragana, Thai, Lao, Khmer, Myanmar) have a
// boundary at every character, as UAX #29 gives them when no dictionary is used, so `東京`
// is found inside `今日は東京タワーに行った`; a run of Katakana is one word. Punctuation is a
// boundary, so `lee` matches `Lee's` and `Lee!`, but not `sleep`.
const UNSPACED = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const KATAKANA = String.raw`\p{sc=Katakana}\u30fc`;
const SPACED_WORD = String.raw`[[\p{L}\p{M}\p{N}\p{Pc}]--[${UNSPACED}${KATAKANA}]]`;
const KATAKANA_WORD = String.raw`[${KATAKANA}]`;
const spacedWord = new RegExp(`^${SPACED_WORD}$`, 'v');
const katakanaWord = new RegExp(`^${KATAKANA_WORD}$`, 'v');

/** What must not touch the word on a side: the class its edge character joins with, if any. */
function joiningClass(edge: string): string | undefined {
  if (spacedWord.test(edge)) return SPACED_WORD;
  if (katakanaWord.test(edge)) return KATAKANA_WORD;
  return undefined;
}

/** A pattern finding `word` (already folded) as a whole word. */
function wholeWordPattern(word: string): RegExp {
  const chars = [...word];
  const before = joiningClass(chars[0]!);
  const after = joiningClass(chars[chars.length - 1]!);
  // Outside a character class, the `v` flag reserves the same characters as `u`.
  const escaped = word.replace(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
  return new RegExp(
    (before === undefined ? '' : `(?<!${before})`) +
      escaped +
      (after === undefined ? '' : `(?!${after})`),
    'v',
  );
}

/**
 * True when every word occurs in the post's text (or one of its hashtags) as a whole word,
 * ignoring case: `lee` matches `Stan Lee!` but not `sleep`.
 */
export function matchesQuery(post: Post, words: readonly string[]): boolean {
  return createQueryMatcher(words)(post);
}

/**
 * The query's words as matched and as dropped from counted words: folded like term keys, split
 * on white space (`trendtui "stan lee"` arrives as one argument; it still means two words).
 */
export function queryWordKeys(words: readonly string[]): string[] {
  return words.flatMap((word) => fold(word).split(/\s+/u)).filter((word) => word !== '');
}

function createQueryMatcher(words: readonly string[]): (post: Post) => boolean {
  const folded = queryWordKeys(words);
  if (folded.length === 0) return () => true;
  const patterns = folded.map(wholeWordPattern);
  return (post) => {
    // Hashtags are appended because a retweet's text may be truncated while its tags are the
    // original's, complete.
    const haystack = fold(
      post.hashtags.length > 0 ? `${post.text} ${post.hashtags.join(' ')}` : post.text,
    );
    return patterns.every((pattern) => pattern.test(haystack));
  };
}

export type PostFilterOptions = {query: string[]; lang?: string; retweets: boolean};

/**
 * The retweet switch, the one rule for it: with retweets off, a retweet is neither counted nor
 * shown. The server applies it before it sends (in `createPostFilter`); a client that receives
 * retweets anyway (the dashboard's child always sends them, so `r` can bring them back; a server
 * reached with `--connect` follows its own switch) applies it before it counts or lists.
 */
export function passesRetweetSwitch(post: Pick<Post, 'retweet'>, retweets: boolean): boolean {
  return retweets || !post.retweet;
}

/**
 * The whole client-side filter. `--lang en` keeps `en` and its regional forms (`en-GB`);
 * posts that declare no language are dropped, since the user asked for one.
 */
export function createPostFilter(options: PostFilterOptions): (post: Post) => boolean {
  const matchesWords = createQueryMatcher(options.query);
  const lang = options.lang?.toLowerCase();
  return (post) => {
    if (!passesRetweetSwitch(post, options.retweets)) return false;
    if (lang !== undefined) {
      const postLang = post.lang?.toLowerCase();
      if (postLang === undefined) return false;
      if (postLang !== lang && !postLang.startsWith(`${lang}-`)) return false;
    }
    return matchesWords(post);
  };
}
