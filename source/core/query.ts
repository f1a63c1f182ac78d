// Which posts a run keeps: the query words (ANDed, any case, as in the tutorial's `track`), the
// language filter and the retweet switch, as one predicate built once per run.
import type {Post} from './post.js';

// NFKC then lower case, like tag keys: full-width `ＳＴＡＮ` matches `stan`, `ǅ` matches `dž`.
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * True when every word occurs in the post's text (or one of its hashtags), ignoring case.
 * Substring matching, not word matching: scripts written without spaces (Chinese, Japanese,
 * Thai) have no word boundaries to match on, and `stan` finding `#StanLee` is what a person
 * searching for Stan Lee wants.
 */
export function matchesQuery(post: Post, words: readonly string[]): boolean {
  return createQueryMatcher(words)(post);
}

function createQueryMatcher(words: readonly string[]): (post: Post) => boolean {
  // `trendtui "stan lee"` arrives as one argument; it still means two words.
  const folded = words.flatMap((word) => fold(word).split(/\s+/u)).filter((word) => word !== '');
  if (folded.length === 0) return () => true;
  return (post) => {
    // Hashtags are appended because a retweet's text may be truncated while its tags are the
    // original's, complete.
    const haystack = fold(
      post.hashtags.length > 0 ? `${post.text} ${post.hashtags.join(' ')}` : post.text,
    );
    return folded.every((word) => haystack.includes(word));
  };
}

export type PostFilterOptions = {query: string[]; lang?: string; retweets: boolean};

/**
 * The whole client-side filter. `--lang en` keeps `en` and its regional forms (`en-GB`);
 * posts that declare no language are dropped, since the user asked for one.
 */
export function createPostFilter(options: PostFilterOptions): (post: Post) => boolean {
  const matchesWords = createQueryMatcher(options.query);
  const lang = options.lang?.toLowerCase();
  return (post) => {
    if (!options.retweets && post.retweet) return false;
    if (lang !== undefined) {
      const postLang = post.lang?.toLowerCase();
      if (postLang === undefined) return false;
      if (postLang !== lang && !postLang.startsWith(`${lang}-`)) return false;
    }
    return matchesWords(post);
  };
}
