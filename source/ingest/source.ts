// The small interface every post source implements; adding a network is one file plus a line
// in the registry.
import type {Post} from '../core/post.js';
import type {SourceStatus} from '../core/stream.js';

export type SourceName = 'x' | 'bluesky' | 'demo' | 'replay' | 'stdin';

export type SourceEvent = {type: 'post'; post: Post} | {type: 'status'; status: SourceStatus};

export type Source = {
  readonly name: SourceName;
  /**
   * Runs the source until `signal` aborts (or, for finite sources, until the input ends after
   * a final `ended` status). Never throws for network or input problems: those are statuses.
   */
  events(signal: AbortSignal): AsyncIterable<SourceEvent>;
};
