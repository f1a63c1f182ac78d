// The newest posts, kept in a fixed-size ring: the post pane never needs more than a few hundred,
// and a stream of thousands per second must not grow memory or copy arrays per post.
import type {Post} from '../core/post.js';
import {passesRetweetSwitch} from '../core/query.js';

export class RecentPosts {
  readonly #ring: Array<Post | undefined>;
  #next = 0;
  #size = 0;

  constructor(readonly capacity = 500) {
    this.#ring = new Array<Post | undefined>(capacity);
  }

  push(post: Post): void {
    this.#ring[this.#next] = post;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
  }

  /** Up to `limit` posts, newest first, optionally leaving out retweets. */
  newest(limit: number, includeRetweets = true): Post[] {
    const out: Post[] = [];
    for (let i = 1; i <= this.#size && out.length < limit; i++) {
      const post = this.#ring[(this.#next - i + this.capacity) % this.capacity];
      if (post && passesRetweetSwitch(post, includeRetweets)) out.push(post);
    }
    return out;
  }
}
