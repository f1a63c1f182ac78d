// The stdin source: live lines from another program (`producer | trendtui serve --source
// stdin`), in any format the core parses; plain text lines become posts stamped on arrival.
import type {Source, SourceEvent} from '../source.js';
import {postsFromChunks, skippedSummary, type LineInputCounts} from './line-input.js';

export function createStdinSource(stdin: NodeJS.ReadableStream = process.stdin): Source {
  return {
    name: 'stdin',
    async *events(signal): AsyncIterable<SourceEvent> {
      yield {type: 'status', status: {state: 'live', detail: 'reading posts from stdin'}};
      const counts: LineInputCounts = {posts: 0, malformed: 0, oversized: 0};
      const stream = stdin as NodeJS.ReadableStream & AsyncIterable<Buffer>;
      // Aborting must end a read that may wait forever for the producer's next line.
      const aborted = new Promise<'aborted'>((resolve) =>
        signal.addEventListener('abort', () => resolve('aborted'), {once: true}),
      );
      const posts = postsFromChunks(stream, counts);
      try {
        for (;;) {
          const next = await Promise.race([posts.next(), aborted]);
          if (next === 'aborted' || next.done === true) break;
          yield {type: 'post', post: next.value};
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        yield {type: 'status', status: {state: 'error', detail: `reading stdin failed: ${reason}`}};
        return;
      }
      if (signal.aborted) return;
      const detail =
        `stdin closed after ${counts.posts} post${counts.posts === 1 ? '' : 's'}` +
        skippedSummary(counts);
      yield {type: 'status', status: {state: 'ended', detail}};
    },
  };
}
