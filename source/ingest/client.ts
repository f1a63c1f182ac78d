// A client of an ingest server: reads protocol v1 lines off a TCP socket and hands them out as
// StreamEvents. When the socket drops it reconnects with back-off and says so through `link`
// events, so the dashboard can show "reconnecting in 2s" instead of freezing. When it reads a
// live source's posts seconds after the server received them, it says `lagging` itself.
import net from 'node:net';
import {LineSplitter} from '../core/line-splitter.js';
import {decodeMessage} from '../core/protocol.js';
import type {SourceStatus} from '../core/stream.js';
import {Backoff, type BackoffPolicy} from './backoff.js';
import {ReadLag} from './read-lag.js';
import {isPacedSource, type LinkState, type PostStream, type StreamEvent} from './stream.js';

export type ConnectOptions = {
  host: string;
  port: number;
  /** Retry spacing after a drop (default 250 ms doubling to 5 s, with jitter). */
  backoff?: BackoffPolicy;
};

const DEFAULT_BACKOFF: BackoffPolicy = {initialMs: 250, maxMs: 5000, jitter: 0.2};

/** Lines longer than this are no post the server would send; they are skipped. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

export function connectToServer(options: ConnectOptions): PostStream {
  const listeners = new Set<(event: StreamEvent) => void>();
  const backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
  let socket: net.Socket | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let closedPromise: Promise<void> | undefined;
  const lag = new ReadLag();
  /** A paced source's posts are held back on purpose (a replay waits for its clients). */
  let watchLag = false;
  /** The server's own latest status, put back when the lag is gone. */
  let serverStatus: SourceStatus | undefined;

  const emit = (event: StreamEvent) => {
    for (const listener of listeners) listener(event);
  };
  const link = (state: LinkState) => emit({type: 'link', link: state});

  const connect = () => {
    link({state: 'connecting'});
    const splitter = new LineSplitter({maxLineBytes: MAX_LINE_BYTES});
    const current = net.connect({host: options.host, port: options.port});
    socket = current;
    current.setNoDelay(true);
    let lastError: string | undefined;
    current.on('connect', () => link({state: 'connected'}));
    current.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) deliver(line);
    });
    current.on('end', () => {
      for (const line of splitter.end()) deliver(line);
    });
    current.on('error', (error: NodeJS.ErrnoException) => {
      lastError = error.code ?? error.message;
    });
    current.on('close', () => {
      if (closed || socket !== current) return;
      socket = undefined;
      const retryInMs = backoff.next();
      const where = `${options.host}:${options.port}`;
      const detail =
        lastError === undefined
          ? `the ingest server at ${where} closed the connection`
          : `cannot reach the ingest server at ${where} (${lastError})`;
      link({state: 'reconnecting', detail, retryInMs});
      retryTimer = setTimeout(connect, retryInMs);
    });
  };

  const deliver = (line: string) => {
    const message = decodeMessage(line);
    switch (message.type) {
      case 'hello':
        // A hello means the server really is there and speaking the protocol.
        backoff.reset();
        lag.reset();
        watchLag = !isPacedSource(message.hello.source);
        emit(message);
        break;
      case 'post': {
        emit(message);
        const {receivedAt} = message.post;
        if (!watchLag || receivedAt === undefined) break;
        const change = lag.observe(receivedAt);
        if (change?.state === 'behind') {
          const seconds = Math.round(change.lagMs / 1000);
          emit({
            type: 'status',
            status: {
              state: 'lagging',
              detail: `this client reads ${seconds} s behind the ingest server: it is reading more slowly than posts arrive`,
            },
          });
        } else if (change?.state === 'caught-up' && serverStatus !== undefined) {
          emit({type: 'status', status: serverStatus});
        }
        break;
      }
      case 'status':
        serverStatus = message.status;
        emit(message);
        break;
      default:
        // Unknown message types are ignored by protocol rule; malformed lines likewise, since
        // one bad line must not cost the stream.
        break;
    }
  };

  // Connect on the next tick so the caller can subscribe first and see `connecting`.
  setImmediate(() => {
    if (!closed) connect();
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closedPromise !== undefined) return closedPromise;
      closed = true;
      clearTimeout(retryTimer);
      const current = socket;
      closedPromise = new Promise<void>((resolve) => {
        if (current === undefined || current.destroyed) {
          resolve();
          return;
        }
        current.once('close', () => resolve());
        current.destroy();
      }).then(() => {
        link({state: 'closed'});
        listeners.clear();
      });
      return closedPromise;
    },
  };
}
