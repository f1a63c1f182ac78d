// What a post stream carries besides posts, shared by every room: the source's health and the
// server's greeting. The wire protocol encodes these, the sources report them, the UI shows them.

export type SourceState = 'connecting' | 'live' | 'reconnecting' | 'lagging' | 'error' | 'ended';

/** A change in a source's health, shown to the user and sent on the wire as `status`. */
export type SourceStatus = {
  state: SourceState;
  /** One human sentence: what happened and, for errors, what to do. Never contains secrets. */
  detail?: string;
  /** When reconnecting: how long until the next attempt. */
  retryInMs?: number;
  /**
   * While live but sending nothing: posts the source delivered since the last one kept that did
   * not match the query (so a silent dashboard can say "none matched" rather than "nothing came").
   */
  unmatched?: number;
  /** A replay of a file: how far it has come, 0 to 1 (of the file read, and of its posts sent). */
  progress?: number;
};

/** The first line an ingest server sends each client. */
export type Hello = {protocol: number; source: string; query: string; server: string};
