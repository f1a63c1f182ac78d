// A post with only its text given; tests override the fields they exercise.
import type {Post} from '../../source/core/post.js';

export const testPost = (text: string, extra: Partial<Post> = {}): Post => ({
  id: '1',
  createdAt: 0,
  text,
  hashtags: [],
  cashtags: [],
  mentions: [],
  retweet: false,
  ...extra,
});
