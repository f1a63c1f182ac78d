import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {SAMPLE_POSTS} from '../../../source/core/order-probe.js';
import type {Post} from '../../../source/core/post.js';
import {inTimeOrder, type Ordered} from '../../../source/ingest/sources/time-order.js';

const post = (id: number, createdAt: number): Post => ({
  id: String(id),
  createdAt,
  text: '',
  hashtags: [],
  cashtags: [],
  mentions: [],
  retweet: false,
});

const postsOf = (items: Ordered[]) => items.flatMap((item) => ('post' in item ? [item.post] : []));

async function collect(posts: AsyncIterable<Post>): Promise<Ordered[]> {
  const out: Ordered[] = [];
  for await (const item of inTimeOrder(posts)) out.push(item);
  return out;
}

async function* from(posts: Post[]): AsyncGenerator<Post> {
  yield* posts;
}

describe('inTimeOrder', () => {
  it('holds a newest-first archive and gives every post back oldest first', async () => {
    const count = SAMPLE_POSTS + 500;
    const newestFirst = Array.from({length: count}, (_, i) => post(i, (count - i) * 100));
    const items = await collect(from(newestFirst));
    expect(items[0]).toEqual({holding: true});
    const times = postsOf(items).map((p) => p.createdAt);
    expect(times).toHaveLength(count);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('streams a capture with seconds of disorder: sorted, and posts come out before the input ends', async () => {
    // A post every 10 ms, each pair swapped (10 ms of disorder), twice the sample.
    const count = 2 * SAMPLE_POSTS;
    const capture = Array.from({length: count}, (_, i) =>
      post(i, (i % 2 === 0 ? i + 1 : i - 1) * 10),
    );
    const input = new PassThrough({objectMode: true});
    const seen: Ordered[] = [];
    const done = (async () => {
      for await (const item of inTimeOrder(input)) seen.push(item);
    })();
    for (const p of capture) input.write(p);
    // Everything but the end of the input is in: a streaming reader has long started.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.length).toBeGreaterThan(SAMPLE_POSTS);
    input.end();
    await done;
    expect(seen.some((item) => 'holding' in item)).toBe(false);
    const times = postsOf(seen).map((p) => p.createdAt);
    expect(times).toHaveLength(count);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps posts of the same time in input order', async () => {
    const items = await collect(from([post(1, 50), post(2, 10), post(3, 10), post(4, 50)]));
    expect(postsOf(items).map((p) => p.id)).toEqual(['2', '3', '1', '4']);
  });
});
