// What each source can do, declared once, so the server, the supervisor and pipe mode ask
// "is it paced?" rather than "is it a replay?". A new source is one line here (and one in the
// registry).
import type {SourceOptions} from './source-options.js';
import type {SourceName} from './source.js';

export type SourceCapabilities = {
  /**
   * Reads input at its own pace (a file, a pipe) rather than live: the server waits for a
   * reader instead of dropping posts (losing them would only make the counts wrong), and in
   * event time the input's own clock, its latest post, drives the windows.
   */
  paced: boolean;
  /** Ends on its own when its input does, with a final `ended` status. */
  finite: boolean;
  /** Reads this process's stdin (so does a replay of `-`). */
  readsStdin: boolean;
  /** Needs the X bearer token, handed to it in the environment. */
  usesToken: boolean;
  /**
   * The network filters by the query itself (X's filtered-stream rule, which understands
   * operators a word match does not), so the server must not match the words again.
   */
  filtersQueryRemotely: boolean;
};

const LIVE: SourceCapabilities = {
  paced: false,
  finite: false,
  readsStdin: false,
  usesToken: false,
  filtersQueryRemotely: false,
};

const CAPABILITIES: Record<SourceName, SourceCapabilities> = {
  x: {...LIVE, usesToken: true, filtersQueryRemotely: true},
  bluesky: LIVE,
  demo: LIVE,
  replay: {...LIVE, paced: true, finite: true},
  stdin: {...LIVE, paced: true, finite: true, readsStdin: true},
};

/**
 * The capabilities of the source called `name`. A name this version does not know (a newer
 * server reached with `--connect`) is taken for a live network source.
 */
export function sourceCapabilities(name: string): SourceCapabilities {
  return Object.hasOwn(CAPABILITIES, name) ? CAPABILITIES[name as SourceName] : LIVE;
}

/** The run's source reads stdin, so a parent hands over its own stdin rather than a pipe. */
export const readsStdin = (options: Pick<SourceOptions, 'source' | 'replayFile'>) =>
  sourceCapabilities(options.source).readsStdin || options.replayFile === '-';
