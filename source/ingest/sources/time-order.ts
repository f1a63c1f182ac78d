// Puts a replayed archive's posts in time order before they are paced and sent, so a replay on
// the dashboard or at `--speed N` counts every post whatever the file's order (twarc2 search
// archives are newest first), by the same rule as the batch engine: the first posts decide
// (`OrderProbe`). A time-ordered capture streams in bounded memory, its seconds of disorder
// sorted out in a small buffer; any other file is held until the input ends, then sorted.
import {OrderProbe, SAMPLE_POSTS, STREAM_OUT_OF_ORDER_BOUND_MS} from '../../core/order-probe.js';
import type {Post} from '../../core/post.js';

/** What `inTimeOrder` yields: posts, and once, a note that the input is being held. */
export type Ordered = {post: Post} | {holding: true};

/** `posts` in event-time order (ties in input order). */
export async function* inTimeOrder(posts: AsyncIterable<Post>): AsyncGenerator<Ordered> {
  const probe = new OrderProbe();
  const sample: Post[] = [];
  const iterator = posts[Symbol.asyncIterator]();
  let next = await iterator.next();
  for (; !next.done && sample.length < SAMPLE_POSTS; next = await iterator.next()) {
    sample.push(next.value);
    probe.observe(next.value.createdAt);
  }
  const ended = next.done === true;
  if (probe.decide(ended) === 'hold') {
    // A small input that ended inside the sample is already all here: nothing to wait for.
    if (!ended) yield {holding: true};
    const all = sample;
    for (; !next.done; next = await iterator.next()) all.push(next.value);
    // Array sort is stable: posts of the same millisecond keep their input order.
    all.sort(byTime);
    for (const post of all) yield {post};
    return;
  }
  const buffer = new ReorderBuffer(STREAM_OUT_OF_ORDER_BOUND_MS);
  for (const post of sample) yield* buffer.push(post);
  for (; !next.done; next = await iterator.next()) yield* buffer.push(next.value);
  yield* buffer.flush();
}

const byTime = (a: Post, b: Post) => a.createdAt - b.createdAt;

/**
 * Holds posts until the newest seen is `boundMs` past them, releasing them oldest first: a
 * capture's few seconds of disorder come out sorted. A post further behind than the bound goes
 * at once (it would be late anyway; the window says so).
 */
class ReorderBuffer {
  readonly #boundMs: number;
  readonly #heap: {post: Post; seq: number}[] = [];
  #seq = 0;
  #newest = Number.NEGATIVE_INFINITY;

  constructor(boundMs: number) {
    this.#boundMs = boundMs;
  }

  *push(post: Post): Generator<Ordered> {
    this.#newest = Math.max(this.#newest, post.createdAt);
    this.#insert({post, seq: this.#seq++});
    const due = this.#newest - this.#boundMs;
    while (this.#heap.length > 0 && this.#heap[0]!.post.createdAt <= due) {
      yield {post: this.#take()};
    }
  }

  *flush(): Generator<Ordered> {
    while (this.#heap.length > 0) yield {post: this.#take()};
  }

  #before(a: {post: Post; seq: number}, b: {post: Post; seq: number}): boolean {
    return (
      a.post.createdAt < b.post.createdAt ||
      (a.post.createdAt === b.post.createdAt && a.seq < b.seq)
    );
  }

  #insert(item: {post: Post; seq: number}): void {
    const heap = this.#heap;
    let i = heap.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #take(): Post {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && this.#before(heap[left]!, heap[least]!)) least = left;
        if (right < heap.length && this.#before(heap[right]!, heap[least]!)) least = right;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least]!, heap[i]!];
        i = least;
      }
    }
    return top.post;
  }
}
