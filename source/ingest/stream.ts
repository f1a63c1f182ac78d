// The client-side view of an ingest server: what the dashboard and pipe mode consume. The UI
// imports only this, never the sources or the server.
import type {Post} from '../core/post.js';
import type {Hello, SourceStatus} from '../core/stream.js';
import {sourceCapabilities} from './source-capabilities.js';

/** Health of the link between this process and its ingest server (not the source's health). */
export type LinkState =
  | {state: 'connecting'}
  | {state: 'connected'}
  | {state: 'reconnecting'; detail: string; retryInMs: number}
  /** The spawned child died and is being restarted. */
  | {state: 'restarting-child'; detail: string; retryInMs: number}
  | {state: 'closed'};

export type StreamEvent =
  | {type: 'hello'; hello: Hello}
  | {type: 'post'; post: Post}
  | {type: 'status'; status: SourceStatus; dropped?: number}
  | {type: 'link'; link: LinkState};

export type PostStream = {
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (event: StreamEvent) => void): () => void;
  /** Stops reading, closes the socket and, if this stream owns a child server, stops it. */
  close(): Promise<void>;
};

/** Whether the named source is paced: its posts carry their own clock (see `SourceCapabilities`). */
export const isPacedSource = (source: string): boolean => sourceCapabilities(source).paced;

/** Whether the named source matches the query itself (X's rules): its silence means no match. */
export const sourceFiltersRemotely = (source: string): boolean =>
  sourceCapabilities(source).filtersQueryRemotely;
