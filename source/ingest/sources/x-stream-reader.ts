// Opens X's filtered stream as a plain HTTP request and hands back its raw body chunks, with a
// liveness timer: any bytes (a message or a `\r\n` heartbeat) prove the connection alive, and
// none for `idleTimeoutMs` ends it. The stream is read here rather than through twitter-api-v2's
// `TweetStream` because that decodes every TCP chunk to a string on its own, turning a
// character split across chunks into U+FFFD, and has no back-off for a stream that connects
// and then stalls. Bytes go to a `LineSplitter`, which decodes only whole lines.
import http from 'node:http';
import https from 'node:https';
import {httpFailure, networkFailure, parseProblem, type XFailure} from './x-problems.js';

const STREAM_FIELDS = {
  // What the README's "How it counts" reads: entities for terms, note_tweet for long posts,
  // referenced tweets (expanded in `includes.tweets`) for a retweet's original, the author's
  // handle.
  'tweet.fields': 'entities,created_at,lang,referenced_tweets,author_id,note_tweet',
  expansions: 'author_id,referenced_tweets.id',
  'user.fields': 'username',
};

/** Error bodies are small; a runaway one is cut off rather than buffered. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export class XStreamIdleError extends Error {
  override readonly name = 'XStreamIdleError';

  constructor(readonly idleMs: number) {
    const span = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
    super(`no data or heartbeat from X for ${span}`);
  }
}

export type XStreamOpenResult =
  {ok: true; chunks: AsyncIterable<Uint8Array>} | {ok: false; failure: XFailure};

export function streamUrl(baseUrl: string): URL {
  const url = new URL('tweets/search/stream', baseUrl);
  for (const [key, value] of Object.entries(STREAM_FIELDS)) url.searchParams.set(key, value);
  return url;
}

export async function openXStream(
  baseUrl: string,
  token: string,
  options: {signal: AbortSignal; idleTimeoutMs: number; userAgent: string},
): Promise<XStreamOpenResult> {
  const url = streamUrl(baseUrl);
  const request = url.protocol === 'http:' ? http.request : https.request;
  const req = request(url, {
    method: 'GET',
    headers: {authorization: `Bearer ${token}`, 'user-agent': options.userAgent},
    signal: options.signal,
    // One long-lived request: a pooled socket would gain nothing.
    agent: false,
  });

  let idleTimer: NodeJS.Timeout | undefined;
  // Destroying the request surfaces as a generic reset on the response; remember the cause.
  let idle: XStreamIdleError | undefined;
  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idle = new XStreamIdleError(options.idleTimeoutMs);
      req.destroy(idle);
    }, options.idleTimeoutMs);
  };
  // The timer also covers a server that accepts the connection and never answers.
  armIdleTimer();
  req.end();

  let res: http.IncomingMessage;
  try {
    res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
    });
  } catch (error) {
    clearTimeout(idleTimer);
    return {ok: false, failure: networkFailure(idle ?? error)};
  }

  if (res.statusCode !== 200) {
    try {
      const body = await readBounded(res, armIdleTimer);
      return {ok: false, failure: httpFailure(res.statusCode ?? 0, parseProblem(body))};
    } catch {
      return {ok: false, failure: httpFailure(res.statusCode ?? 0, {})};
    } finally {
      clearTimeout(idleTimer);
      req.destroy();
    }
  }

  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      armIdleTimer();
      for await (const chunk of res as AsyncIterable<Buffer>) {
        armIdleTimer();
        yield chunk;
      }
    } catch (error) {
      throw idle ?? error;
    } finally {
      clearTimeout(idleTimer);
      req.destroy();
    }
  }
  return {ok: true, chunks: chunks()};
}

async function readBounded(res: http.IncomingMessage, onChunk: () => void): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    onChunk();
    parts.push(chunk);
    size += chunk.length;
    if (size >= MAX_ERROR_BODY_BYTES) break;
  }
  return Buffer.concat(parts).toString('utf8');
}
