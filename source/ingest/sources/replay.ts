// The replay source: an archive (file, `.gz`, or `-` for stdin) in any format the core parses,
// put in time order, then played back at `--speed N` by the posts' own timestamps, or as fast
// as clients take them with `--speed max`. Posts keep their original `created_at`, so
// event-time windows come out as they were, and every post is counted whatever the file's order.
import {openArchive} from '../archive-input.js';
import type {SourceOptions} from '../source-options.js';
import type {Source, SourceEvent} from '../source.js';
import {UntimedPosts} from '../../core/untimed-posts.js';
import {postsFromChunks, skippedSummary, stampUntimed, type LineInputCounts} from './line-input.js';
import {realClock, type PacingClock} from './pacing-clock.js';
import {inTimeOrder} from './time-order.js';

/** How often a replay of a file says how far it has come. */
const PROGRESS_EVERY_MS = 1000;

/** Waits shorter than this are skipped: sleeping per post would cap the rate at ~1000/s. */
const MIN_WAIT_MS = 4;

export function createReplaySource(
  options: Pick<SourceOptions, 'replayFile' | 'speed'>,
  input: {stdin?: NodeJS.ReadableStream; clock?: PacingClock} = {},
): Source {
  const clock = input.clock ?? realClock;
  const path = options.replayFile ?? '-';
  const speed = options.speed;
  return {
    name: 'replay',
    async *events(signal): AsyncIterable<SourceEvent> {
      const archive = await openArchive(
        path,
        (input.stdin ?? process.stdin) as Parameters<typeof openArchive>[1],
      );
      if ('error' in archive) {
        yield {type: 'status', status: {state: 'error', detail: archive.error}};
        return;
      }
      const pace = speed === 'max' ? 'as fast as clients read' : `at ${speed}× speed`;
      const playing = `replaying ${archive.name} ${pace}`;
      yield {type: 'status', status: {state: 'live', detail: playing}};

      const counts: LineInputCounts = {posts: 0, malformed: 0, oversized: 0};
      const untimed = new UntimedPosts();
      const onAbort = () => archive.close();
      signal.addEventListener('abort', onAbort, {once: true});
      // Event time of the first post and the wall time it was sent: every later post is due
      // at start + (its time − first time) / speed. The posts come in time order (see
      // `inTimeOrder`), so a newest-first archive plays forwards at its own pace.
      let firstEventMs: number | undefined;
      let startMs = 0;
      // Progress: the share of the file read, times the share of the posts read so far that
      // were sent (a disordered file is read whole before it plays, so reading alone says 100%
      // while nothing has played yet).
      const total = archive.totalBytes;
      let sent = 0;
      let progressAt = clock.now();
      const progress = (): SourceEvent => ({
        type: 'status',
        status: {
          state: 'live',
          detail: playing,
          progress:
            Math.min(1, archive.bytesRead() / total!) *
            (counts.posts > 0 ? sent / counts.posts : 0),
        },
      });
      try {
        // Parsed without a clock: a line with no time of its own takes the time of the post
        // before it rather than today's, which would stall the pacing for years.
        const posts = postsFromChunks(archive.chunks, counts, () => Number.NaN);
        for await (const next of inTimeOrder(stampUntimed(posts, untimed, clock.now))) {
          if (signal.aborted) break;
          if ('holding' in next) {
            const detail = `reading ${archive.name} into time order before replaying it (its posts are not in time order)`;
            yield {type: 'status', status: {state: 'live', detail}};
            continue;
          }
          const {post} = next;
          if (speed !== 'max') {
            if (firstEventMs === undefined) {
              firstEventMs = post.createdAt;
              startMs = clock.now();
            }
            const wait = startMs + (post.createdAt - firstEventMs) / speed - clock.now();
            if (wait >= MIN_WAIT_MS) await clock.sleep(wait, signal);
            if (signal.aborted) break;
          }
          yield {type: 'post', post};
          sent++;
          if (total !== undefined && clock.now() - progressAt >= PROGRESS_EVERY_MS) {
            progressAt = clock.now();
            yield progress();
          }
        }
      } catch (error) {
        if (!signal.aborted) {
          const reason = error instanceof Error ? error.message : String(error);
          yield {
            type: 'status',
            status: {state: 'error', detail: `reading ${archive.name} failed: ${reason}`},
          };
          return;
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        archive.close();
      }
      if (signal.aborted) return;
      const detail =
        `replay of ${archive.name} ended: ${counts.posts} post${counts.posts === 1 ? '' : 's'}` +
        skippedSummary(counts) +
        (untimed.count > 0 ? `; ${untimed.summary()}` : '');
      yield {type: 'status', status: {state: 'ended', detail}};
    },
  };
}
