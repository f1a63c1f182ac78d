// Shared by the replay and stdin sources: byte chunks of lines in any format the core parses,
// out as posts. Malformed and oversized lines are counted, never fatal; the totals go into the
// source's final status.
import {LineSplitter} from '../../core/line-splitter.js';
import {parseLine} from '../../core/parse/parse-line.js';
import type {Post} from '../../core/post.js';
import type {UntimedPosts} from '../../core/untimed-posts.js';

export type LineInputCounts = {posts: number; malformed: number; oversized: number};

/** Every post in `chunks`, in input order; `counts` is kept up to date as lines are read. */
export async function* postsFromChunks(
  chunks: AsyncIterable<Uint8Array>,
  counts: LineInputCounts,
  now: () => number = Date.now,
): AsyncGenerator<Post> {
  const splitter = new LineSplitter();
  const fromLines = function* (lines: string[]): Generator<Post> {
    for (const line of lines) {
      const parsed = parseLine(line, {now: now()});
      if (parsed.kind === 'posts') {
        counts.posts += parsed.posts.length;
        yield* parsed.posts;
      } else if (parsed.kind === 'malformed') {
        counts.malformed++;
      }
      // `ignored` (likes, deletes, wire statuses) and in-stream X errors are not posts.
    }
  };
  for await (const chunk of chunks) {
    yield* fromLines(splitter.push(chunk));
    counts.oversized = splitter.oversized;
  }
  yield* fromLines(splitter.end());
  counts.oversized = splitter.oversized;
}

/** ", 3 malformed lines skipped" or nothing: the tail of an `ended` status. */
export function skippedSummary(counts: LineInputCounts): string {
  const parts: string[] = [];
  if (counts.malformed > 0) {
    parts.push(`${counts.malformed} malformed line${counts.malformed === 1 ? '' : 's'} skipped`);
  }
  if (counts.oversized > 0) {
    parts.push(`${counts.oversized} over-long line${counts.oversized === 1 ? '' : 's'} skipped`);
  }
  return parts.length === 0 ? '' : `; ${parts.join(', ')}`;
}

/**
 * Untimed lines before the first timed post wait for it, up to this many; past that the input
 * is taken to have no times and they go out with the fallback time.
 */
const MAX_WAITING_UNTIMED = 10_000;

/**
 * `posts` (parsed with `now: NaN`) with every missing time filled by `untimed`'s rule: the time
 * of the post before; for leading ones, of the first timed post, else `fallback()`.
 */
export async function* stampUntimed(
  posts: AsyncIterable<Post>,
  untimed: UntimedPosts,
  fallback: () => number,
): AsyncGenerator<Post> {
  const waiting: Post[] = [];
  const release = function* (): Generator<Post> {
    const times = waiting.map((post) => post.createdAt);
    untimed.settle(times, fallback());
    for (const [i, post] of waiting.entries()) post.createdAt = times[i]!;
    yield* waiting.splice(0);
  };
  for await (const post of posts) {
    const time = [post.createdAt];
    if (!untimed.stamp(time)) {
      waiting.push(post);
      if (waiting.length >= MAX_WAITING_UNTIMED) yield* release();
      continue;
    }
    post.createdAt = time[0]!;
    if (waiting.length > 0) yield* release();
    yield post;
  }
  if (waiting.length > 0) yield* release();
}
