// The small interface every post source implements; adding a network is one file plus a line
// in the registry.
import type {Post} from '../core/post.js';

export type SourceName = 'x' | 'bluesky' | 'demo' | 'replay' | 'stdin';

export type SourceState = 'connecting' | 'live' | 'reconnecting' | 'lagging' | 'error' | 'ended';

/** A change in a source's health, shown to the user and sent on the wire as `status`. */
export type SourceStatus = {
  state: SourceState;
  /** One human sentence: what happened and, for errors, what to do. Never contains secrets. */
  detail?: string;
  /** When reconnecting: how long until the next attempt. */
  retryInMs?: number;
};

export type SourceEvent = {type: 'post'; post: Post} | {type: 'status'; status: SourceStatus};

export type Source = {
  readonly name: SourceName;
  /**
   * Runs the source until `signal` aborts (or, for finite sources, until the input ends after
   * a final `ended` status). Never throws for network or input problems: those are statuses.
   */
  events(signal: AbortSignal): AsyncIterable<SourceEvent>;
};
