// A source that delivers nothing must say so, rather than look `live` over an empty chart: how
// long since the last post (or since the start, before any), and what the source is doing
// meanwhile, from the link and the source's own status (the same ones the header shows).
import {formatDuration} from '../core/duration.js';
import {sourceFiltersRemotely} from '../ingest/stream.js';
import type {DashboardSnapshot} from './snapshot.js';
import {countdown} from './source-state.js';

/** No post for this long is silence worth saying (the demo sends 20 a second). */
export const SILENT_AFTER_MS = 5_000;

export type Silence = {
  /** How long nothing came, whole seconds: "12s", "1m5s". */
  quiet: string;
  /** "no post for 12s" or "no post since the start, 12s ago". */
  sentence: string;
  /** What the source is doing: "reconnecting in 4s", "waiting for X (connecting)", … */
  doing: string;
};

type SilenceInput = Pick<
  DashboardSnapshot,
  | 'now'
  | 'startedAt'
  | 'lastPostAt'
  | 'link'
  | 'linkSince'
  | 'status'
  | 'statusSince'
  | 'source'
  | 'query'
>;

/** The silence, if the stream has been silent for `SILENT_AFTER_MS` or more (and has not ended). */
export function describeSilence(s: SilenceInput): Silence | undefined {
  if (s.status?.state === 'ended') return undefined;
  const since = s.lastPostAt ?? s.startedAt;
  const ms = s.now - since;
  if (ms < SILENT_AFTER_MS) return undefined;
  const quiet = formatDuration(Math.floor(ms / 1000) * 1000);
  const sentence =
    s.lastPostAt === undefined ? `no post since the start, ${quiet} ago` : `no post for ${quiet}`;
  return {quiet, sentence, doing: describeDoing(s)};
}

/** The silence as one line: "no post for 12s · Bluesky live, 523 posts seen, none matched". */
export function silenceLine(silence: Silence): string {
  return `${silence.sentence} · ${silence.doing}`;
}

function describeDoing(s: SilenceInput): string {
  const link = s.link;
  switch (link.state) {
    case 'connecting':
      return 'connecting to the ingest server';
    case 'reconnecting':
      return `reconnecting to the ingest server ${countdown(link.retryInMs, s.linkSince, s.now)}`;
    case 'restarting-child':
      return `restarting the ingest server ${countdown(link.retryInMs, s.linkSince, s.now)}`;
    case 'closed':
      return 'disconnected from the ingest server';
    case 'connected':
      break;
  }
  const name = sourceLabel(s.source);
  const status = s.status;
  if (!status) return `waiting for ${name}`;
  switch (status.state) {
    case 'connecting':
      return `waiting for ${name} (connecting)`;
    case 'reconnecting':
      return `${name} reconnecting ${countdown(status.retryInMs, s.statusSince, s.now)}`;
    case 'error':
      return `${name} failed${status.detail ? `: ${status.detail}` : ''}`;
    case 'lagging':
      return `${name} lagging`;
    case 'ended':
    case 'live':
      break;
  }
  if (status.unmatched !== undefined && status.unmatched > 0) {
    const posts = status.unmatched === 1 ? '1 post' : `${status.unmatched} posts`;
    return `${name} live, ${posts} seen, none matched the query`;
  }
  // X matches the query itself: when it sends nothing, nothing matched.
  if (s.query !== '' && sourceFiltersRemotely(s.source)) {
    return `${name} live, no post matches the query`;
  }
  return `${name} live, nothing arriving`;
}

function sourceLabel(source: string): string {
  switch (source) {
    case 'x':
      return 'X';
    case 'bluesky':
      return 'Bluesky';
    case 'demo':
      return 'the demo';
    case 'replay':
      return 'the archive';
    default:
      return source;
  }
}
