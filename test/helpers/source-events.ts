// Runs a Source the way the ingest server does (iterating `events(signal)`, and, when given the
// server's admission, keeping and stamping posts as it does) and records what reached the
// consumer, with a way to await a condition on the events so far.
import type {Post} from '../../source/core/post.js';
import type {SourceStatus} from '../../source/core/stream.js';
import type {Admission} from '../../source/ingest/admission.js';
import type {Source, SourceEvent} from '../../source/ingest/source.js';

export type TimedEvent = SourceEvent & {at: number};

export type SourceRun = {
  events: TimedEvent[];
  posts(): Post[];
  statuses(): (SourceStatus & {at: number})[];
  /** Resolves once `predicate` holds for the events so far; rejects after `timeoutMs`. */
  waitFor(predicate: (run: SourceRun) => boolean, timeoutMs?: number): Promise<void>;
  /** Aborts the source and waits for its iterable to finish. */
  stop(): Promise<void>;
};

export function runSource(source: Source, admit: Admission = () => true): SourceRun {
  const controller = new AbortController();
  const listeners = new Set<() => void>();
  const run: SourceRun = {
    events: [],
    posts: () => run.events.flatMap((e) => (e.type === 'post' ? [e.post] : [])),
    statuses: () =>
      run.events.flatMap((e) => (e.type === 'status' ? [{...e.status, at: e.at}] : [])),
    waitFor(predicate, timeoutMs = 8_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(run)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`condition not met; events so far:\n${describe(run.events)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      controller.abort();
      await done;
    },
  };
  const done = (async () => {
    for await (const event of source.events(controller.signal)) {
      if (event.type === 'post' && !admit(event.post)) continue;
      run.events.push({...event, at: performance.now()});
      for (const listener of [...listeners]) listener();
    }
  })();
  return run;
}

function describe(events: TimedEvent[]): string {
  return events
    .map((e) =>
      e.type === 'post'
        ? `post ${e.post.id} ${JSON.stringify(e.post.text.slice(0, 60))}`
        : `status ${JSON.stringify(e.status)}`,
    )
    .join('\n');
}
