// Records what a PostStream delivers (the client side of the wire: posts, statuses, link
// changes), with a promise for the next event a test waits on.
import type {PostStream, StreamEvent} from '../../source/ingest/stream.js';

export type RecordedStream = {
  /** Every event since recording started, in order. */
  events: StreamEvent[];
  /** Resolves at the next event for which `test` holds. */
  next(test: (event: StreamEvent) => boolean): Promise<void>;
};

export function recordStream(stream: PostStream): RecordedStream {
  const events: StreamEvent[] = [];
  const waiters: {test: (event: StreamEvent) => boolean; resolve: () => void}[] = [];
  stream.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    events,
    next: (test) => new Promise((resolve) => waiters.push({test, resolve})),
  };
}
