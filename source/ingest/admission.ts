// The server's one pass over each post a source yields: kept or not by the run's filter (query
// words, language, retweets; see "How it counts" in the README), and stamped with its arrival
// time. Sources neither filter nor stamp, so no rule is applied twice or disagrees with itself.
import type {Post} from '../core/post.js';
import {createPostFilter} from '../core/query.js';
import type {SourceCapabilities} from './source-capabilities.js';
import type {SourceOptions} from './source-options.js';

/** True when the post is to be sent; a kept post has been stamped with `receivedAt`. */
export type Admission = (post: Post) => boolean;

export function createAdmission(
  capabilities: Pick<SourceCapabilities, 'filtersQueryRemotely'>,
  options: Pick<SourceOptions, 'query' | 'lang' | 'retweets'>,
  clock: () => number = Date.now,
): Admission {
  const {lang, retweets} = options;
  // A network that filters by the query itself has already matched the words, by rules (X's
  // operators) a word match would get wrong.
  const query = capabilities.filtersQueryRemotely ? [] : options.query;
  const keep = createPostFilter(lang === undefined ? {query, retweets} : {query, lang, retweets});
  return (post) => {
    if (!keep(post)) return false;
    // In place: a yielded post belongs to the server, and a copy per post would be garbage
    // made thousands of times a second.
    post.receivedAt = clock();
    return true;
  };
}
