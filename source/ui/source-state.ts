// Turns the link (this process ↔ ingest server) and the source's own status into the few words
// the header shows, plus the sentence the notice line shows when something needs attention.
import {formatDuration} from '../core/duration.js';
import {describeSilence, silenceLine} from './silence.js';
import type {DashboardSnapshot} from './snapshot.js';

export type Tone = 'ok' | 'wait' | 'warn' | 'error';

export type StateLabel = {text: string; tone: Tone};

type StateInput = Pick<
  DashboardSnapshot,
  | 'link'
  | 'linkSince'
  | 'status'
  | 'statusSince'
  | 'now'
  | 'dropped'
  | 'startedAt'
  | 'lastPostAt'
  | 'source'
  | 'query'
>;

/** "live", "connecting", "reconnecting in 4s", "error", … */
export function describeState(s: StateInput): StateLabel {
  const link = s.link;
  switch (link.state) {
    case 'connecting':
      return {text: 'connecting', tone: 'wait'};
    case 'reconnecting':
      return {text: `reconnecting ${countdown(link.retryInMs, s.linkSince, s.now)}`, tone: 'warn'};
    case 'restarting-child':
      return {
        text: `restarting server ${countdown(link.retryInMs, s.linkSince, s.now)}`,
        tone: 'warn',
      };
    case 'closed':
      return {text: 'disconnected', tone: 'error'};
    case 'connected':
      break;
  }
  const status = s.status;
  if (!status) return {text: 'connected', tone: 'wait'};
  switch (status.state) {
    case 'live': {
      // Connected is not flowing: a live source that sends nothing says for how long.
      const silence = describeSilence(s);
      if (silence) return {text: `silent ${silence.quiet}`, tone: 'warn'};
      // A replay of a file says how far it has come.
      const progress = status.progress;
      const text = progress === undefined ? 'live' : `live ${Math.floor(progress * 100)}%`;
      return {text, tone: 'ok'};
    }
    case 'connecting':
      return {text: 'connecting', tone: 'wait'};
    case 'reconnecting':
      return {
        text: `reconnecting ${countdown(status.retryInMs, s.statusSince, s.now)}`,
        tone: 'warn',
      };
    case 'lagging':
      return {text: 'lagging', tone: 'warn'};
    case 'error':
      return {text: 'error', tone: 'error'};
    case 'ended':
      return {text: 'ended', tone: 'wait'};
  }
}

/**
 * The sentence worth a line of its own: an error and what to do, or why we are waiting; while
 * no post comes, led by how long it has been.
 */
export function describeProblem(s: StateInput): string | undefined {
  const problem = describeTrouble(s);
  const silence = describeSilence(s);
  if (!silence) return problem;
  return problem ? `${silence.sentence} · ${problem}` : silenceLine(silence);
}

function describeTrouble(s: StateInput): string | undefined {
  const link = s.link;
  if (link.state === 'reconnecting' || link.state === 'restarting-child') return link.detail;
  if (link.state === 'closed') return 'The connection to the ingest server is closed.';
  if (link.state !== 'connected') return undefined;
  const status = s.status;
  if (!status?.detail) return undefined;
  if (status.state === 'error' || status.state === 'reconnecting' || status.state === 'lagging') {
    return status.detail;
  }
  if (status.state === 'ended') return status.detail;
  return undefined;
}

/** "in 4s" until a retry due `retryInMs` after `since`, "now" once due, "" with no retry. */
export function countdown(retryInMs: number | undefined, since: number, now: number): string {
  if (retryInMs === undefined) return '';
  const seconds = Math.ceil(Math.max(0, retryInMs - (now - since)) / 1000);
  return seconds > 0 ? `in ${formatDuration(seconds * 1000)}` : 'now';
}

/**
 * The source's error when it is final (no retry will come): what the whole body shows instead
 * of charts that can no longer change, and what is said again on leaving.
 */
export function finalError(s: Pick<DashboardSnapshot, 'link' | 'status'>): string | undefined {
  if (s.link.state !== 'connected' || s.status?.state !== 'error') return undefined;
  if (s.status.retryInMs !== undefined) return undefined;
  return s.status.detail ?? 'the source stopped with an error';
}
