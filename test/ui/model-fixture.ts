// The TrendModel the UI tests drive: the demo source counted by arrival on a clock the test
// moves, and the posts they feed it. Each test overrides what it exercises.
import type {Post} from '../../source/core/post.js';
import {TrendModel} from '../../source/ui/trend-model.js';

export function testModel(
  now: () => number,
  over: Partial<ConstructorParameters<typeof TrendModel>[0]> = {},
): TrendModel {
  return new TrendModel({
    query: 'stan lee',
    source: 'demo',
    windowMs: 20_000,
    slideMs: 10_000,
    timeMode: 'arrival',
    retweets: true,
    now,
    ...over,
  });
}

/** Post `id` (text `post ID`, by account `a`) carrying `hashtags`. */
export function taggedPost(
  id: number | string,
  hashtags: string[],
  over: Partial<Post> = {},
): Post {
  return {
    id: String(id),
    createdAt: 0,
    text: `post ${id}`,
    hashtags,
    cashtags: [],
    mentions: [],
    retweet: false,
    author: 'a',
    ...over,
  };
}
