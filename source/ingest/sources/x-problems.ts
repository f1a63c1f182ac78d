// Turns what can go wrong talking to X (an HTTP problem body, a refused socket, a stalled
// stream) into one value: retry it and how, or stop and tell the user what to do. Messages are
// written for the person at the terminal and never contain the bearer token.
import type {XFailureKind} from './x-backoff.js';

export type XFailure =
  /** `streamTaken`: X refused the stream because the app's one connection is in use. */
  | {kind: XFailureKind; detail: string; streamTaken?: boolean}
  /** Retrying cannot help (bad token, no access, rejected rule): stop and say what to do. */
  | {kind: 'fatal'; detail: string};

/** The fields of an X problem body (`application/problem+json`) that matter here. */
export type XProblem = {
  title?: string;
  detail?: string;
  reason?: string;
  connection_issue?: string;
  type?: string;
};

export const TOKEN_HELP = 'set X_BEARER_TOKEN or run `trendtui config set x.token -`';

export function parseProblem(body: unknown): XProblem {
  if (typeof body === 'string') {
    try {
      return parseProblem(JSON.parse(body));
    } catch {
      return {};
    }
  }
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  // Some endpoints wrap problems in `errors: [...]`; the first one speaks for the response.
  if (Array.isArray(record.errors) && record.title === undefined) {
    return parseProblem(record.errors[0]);
  }
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  // Rule errors explain themselves in `details: string[]` rather than `detail`.
  const details = Array.isArray(record.details)
    ? record.details.filter((d) => typeof d === 'string').join('; ')
    : undefined;
  return {
    title: text('title'),
    detail: text('detail') ?? (details || undefined),
    reason: text('reason'),
    connection_issue: text('connection_issue'),
    type: text('type'),
  };
}

/** Classifies an HTTP error answer from any X endpoint. */
export function httpFailure(status: number, problem: XProblem): XFailure {
  const summary = [problem.title, problem.detail].filter(Boolean).join(': ');
  if (status === 401) {
    return {kind: 'fatal', detail: `X rejected the bearer token (401 Unauthorized): ${TOKEN_HELP}`};
  }
  if (status === 403) {
    if (problem.reason === 'client-not-enrolled') {
      return {
        kind: 'fatal',
        detail:
          'X refused the filtered stream (403 client-not-enrolled): this app has no filtered-stream ' +
          'access; attach it to a project with API access (pay-per-use credits) at console.x.com',
      };
    }
    return {
      kind: 'fatal',
      detail: `X refused access (403${summary ? ` ${summary}` : ''}): check the app's access level at console.x.com`,
    };
  }
  if (status === 429) {
    if (problem.connection_issue === 'TooManyConnections') {
      return {
        kind: 'rate-limited',
        detail:
          'X allows one stream connection per app and another is still open (429 TooManyConnections)',
        streamTaken: true,
      };
    }
    return {
      kind: 'rate-limited',
      detail: `X rate limit reached (429${summary ? ` ${summary}` : ''})`,
    };
  }
  return {kind: 'http', detail: `X answered HTTP ${status}${summary ? ` (${summary})` : ''}`};
}

/**
 * What to say when the app's one stream connection belongs to someone else from the start: a
 * second run would only take turns with the first (or be refused for ever), so it says how to
 * share instead of retrying.
 */
export const STREAM_TAKEN_HELP =
  "another run (or program) holds this X app's only filtered-stream connection " +
  '(429 TooManyConnections); to watch from several terminals, run one server ' +
  '(`trendtui serve QUERY`) and attach each with `trendtui --connect 127.0.0.1:5555`, ' +
  'or stop the other run first';

/** Classifies a socket-level failure (refused, reset, timed out, closed early). */
export function networkFailure(error: unknown, what = 'connection to X failed'): XFailure {
  if (error instanceof Error && error.name === 'XStreamIdleError') {
    return {kind: 'network', detail: error.message};
  }
  const code = (error as {code?: unknown} | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'network',
    detail: `${what} (${typeof code === 'string' ? code : message})`,
  };
}
