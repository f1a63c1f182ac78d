// The ingest server: accepts any number of TCP clients and fans every post and status out to
// them as protocol v1 NDJSON (or bare text lines for Spark). Each post is encoded once; each
// client has its own bounded queue, so one that stops reading loses its oldest posts and is
// told so, while the source and the other clients carry on at full speed.
import net from 'node:net';
import type {Post} from '../core/post.js';
import {encodeHello, encodePost, encodeStatus, encodeTextLine} from '../core/protocol.js';
import {ClientQueue, type ClientQueueLimits} from './client-queue.js';
import type {SourceStatus} from '../core/stream.js';

export type IngestServerOptions = {
  host: string;
  /** 0 picks a free port; `listen()` says which. */
  port: number;
  /** `text`: each post's text on one line, nothing else (no hello, no statuses). */
  format: 'ndjson' | 'text';
  hello: {source: string; query: string; server: string};
  /** Per-client backlog bound, beyond what the socket itself buffers. */
  limits?: Partial<ClientQueueLimits>;
  /** Bytes a socket may buffer before its lines wait in the client's queue instead. */
  socketBufferBytes?: number;
  /** One line per notable event (warnings, lagging clients); defaults to stderr. */
  log?: (message: string) => void;
  /** Called whenever a client connects or leaves. */
  onClientCount?: (count: number) => void;
};

export const DEFAULT_LIMITS: ClientQueueLimits = {maxPosts: 10_000, maxBytes: 8 * 1024 * 1024};

/** Below this many queued lines per client, a paced source (replay) may send more. */
const ROOM_THRESHOLD = 512;

/**
 * A client with more than `ROOM_THRESHOLD` posts queued, the oldest waiting this long, is told
 * it is lagging at once, before its queue is full and posts are dropped: waiting for the first
 * drop (10,000 posts behind) and then for the socket to drain kept a slow reader uninformed for
 * 25 s at 2,000 posts/s. A paced source never lets a queue grow past the threshold, so a
 * replay's client is never told this.
 */
const LAGGING_AFTER_MS = 1000;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

class Connection {
  readonly queue: ClientQueue;
  /** The socket refused more (write returned false); lines wait in `queue` until `drain`. */
  private blocked = false;
  private toldLagging = false;

  constructor(
    readonly socket: net.Socket,
    readonly name: string,
    limits: ClientQueueLimits,
    private readonly server: IngestServer,
  ) {
    this.queue = new ClientQueue(limits);
    socket.on('drain', () => {
      this.blocked = false;
      this.flush();
    });
  }

  get backlog(): number {
    return this.queue.length;
  }

  get isIdle(): boolean {
    return !this.blocked && this.queue.length === 0;
  }

  sendPost(line: Buffer): void {
    if (this.isIdle) {
      this.write(line);
      return;
    }
    const dropsBefore = this.queue.totalDrops;
    this.queue.pushPost(line);
    if (this.queue.totalDrops > dropsBefore && dropsBefore === 0) {
      this.server.logLine(`client ${this.name} is not keeping up; dropping its oldest posts`);
    }
    if (
      !this.toldLagging &&
      (this.queue.unreportedDrops > 0 ||
        (this.queue.postCount > ROOM_THRESHOLD &&
          this.queue.oldestPostWaitMs() >= LAGGING_AFTER_MS))
    ) {
      this.reportLagging();
    }
  }

  /** Tells the client now, ahead of its queue, that it is behind and what it lost so far. */
  private reportLagging(): void {
    const dropped = this.queue.unreportedDrops;
    this.queue.unreportedDrops = 0;
    this.toldLagging = true;
    this.server.noteLagging(this, dropped);
  }

  sendStatus(line: Buffer): void {
    if (this.isIdle) this.write(line);
    else this.queue.pushStatus(line);
  }

  private write(line: Buffer): void {
    // Not `destroyed`: a write that failed (EPIPE) marks the socket errored at once but destroys
    // it only on the next tick, and until then every further write and uncork would try the
    // dead descriptor again and build an exception with a stack trace for each line.
    if (!this.socket.writable) return;
    // Lines written in one turn of the event loop leave in one system call (writev) instead
    // of one each: at thousands of posts per second that is most of the server's cost.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    if (!this.socket.write(line)) {
      // A full buffer goes out now rather than at the end of the turn, so a burst reaches a
      // client that is keeping up instead of piling into its queue. The kernel usually takes
      // it all at once; only what it could not take is pushback.
      this.uncork();
      this.blocked = this.socket.writableLength >= this.socket.writableHighWaterMark;
    }
  }

  private corked = false;
  private readonly uncork = () => {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  };

  /** Writes queued lines until the socket pushes back again. */
  flush(): void {
    if (this.queue.unreportedDrops > 0) this.reportLagging();
    while (!this.blocked && this.socket.writable) {
      const line = this.queue.shift();
      if (line === undefined) break;
      this.write(line);
    }
    if (this.queue.length === 0 && this.toldLagging && !this.blocked) {
      this.toldLagging = false;
      this.server.noteCaughtUp(this);
    }
    this.server.checkRoom();
  }

  /** Sent ahead of the queue so the client learns of the gap before the posts after it. */
  writeNow(line: Buffer): void {
    this.write(line);
  }
}

export class IngestServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private readonly limits: ClientQueueLimits;
  private readonly log: (message: string) => void;
  private lastStatus: SourceStatus | undefined;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly options: IngestServerOptions) {
    this.limits = {...DEFAULT_LIMITS, ...options.limits};
    this.log = options.log ?? ((message) => process.stderr.write(`trendtui serve: ${message}\n`));
    this.server = net.createServer(
      {highWaterMark: options.socketBufferBytes ?? 64 * 1024},
      (socket) => this.accept(socket),
    );
  }

  /** Starts listening; resolves with the bound address (the real port when asked for 0). */
  listen(): Promise<{host: string; port: number}> {
    const {host, port} = this.options;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const address = this.server.address() as net.AddressInfo;
        if (!isLoopback(host)) {
          this.log(
            `warning: listening on ${host}:${address.port}, not loopback; anyone who can reach ` +
              'this machine can read the stream',
          );
        }
        resolve({host, port: address.port});
      });
    });
  }

  get clientCount(): number {
    return this.connections.size;
  }

  /** Lines queued for the slowest client. */
  get maxBacklog(): number {
    let max = 0;
    for (const connection of this.connections) max = Math.max(max, connection.backlog);
    return max;
  }

  /** Bytes held for the slowest client: its queue plus what its socket has buffered. */
  get maxBacklogBytes(): number {
    let max = 0;
    for (const connection of this.connections) {
      max = Math.max(max, connection.queue.bytes + connection.socket.writableLength);
    }
    return max;
  }

  publishPost(post: Post): void {
    if (this.connections.size === 0) return;
    const text = this.options.format === 'text' ? encodeTextLine(post) : encodePost(post);
    const line = Buffer.from(text);
    for (const connection of this.connections) connection.sendPost(line);
  }

  publishStatus(status: SourceStatus): void {
    this.lastStatus = status;
    if (this.options.format === 'text' || this.connections.size === 0) return;
    const line = Buffer.from(encodeStatus(status));
    for (const connection of this.connections) connection.sendStatus(line);
  }

  /** True when no client has a long backlog: a paced source may send more without loss. */
  hasRoom(): boolean {
    return this.maxBacklog < ROOM_THRESHOLD;
  }

  /** Resolves once `hasRoom()` holds (at once if it already does). */
  waitForRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Stops accepting, gives clients `graceMs` to take what is queued, then cuts them off. */
  close(graceMs = 1000): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const connection of this.connections) {
        connection.flush();
        connection.socket.end();
        setTimeout(() => connection.socket.destroy(), graceMs).unref();
      }
      this.releaseRoomWaiters();
    });
  }

  /** @internal */
  logLine(message: string): void {
    this.log(message);
  }

  /** @internal */
  noteLagging(connection: Connection, dropped: number): void {
    if (this.options.format === 'text') return;
    const detail =
      dropped > 0 || connection.queue.totalDrops > 0
        ? `dropped ${dropped} posts (${connection.queue.totalDrops} in all) because this client ` +
          'is reading more slowly than posts arrive'
        : `this client is reading more slowly than posts arrive: ${connection.queue.postCount} ` +
          'posts wait for it, and the oldest go if it falls further behind';
    connection.writeNow(Buffer.from(encodeStatus({state: 'lagging', detail}, dropped)));
  }

  /** @internal */
  noteCaughtUp(connection: Connection): void {
    this.log(
      connection.queue.totalDrops > 0
        ? `client ${connection.name} caught up after losing ${connection.queue.totalDrops} posts`
        : `client ${connection.name} caught up`,
    );
    // Its last status was `lagging`; put the source's real state back on its screen.
    if (this.options.format !== 'text' && this.lastStatus !== undefined) {
      connection.writeNow(Buffer.from(encodeStatus(this.lastStatus)));
    }
  }

  /** @internal */
  checkRoom(): void {
    if (this.roomWaiters.length > 0 && this.hasRoom()) this.releaseRoomWaiters();
  }

  private releaseRoomWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private accept(socket: net.Socket): void {
    const name = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const connection = new Connection(socket, name, this.limits, this);
    this.connections.add(connection);
    socket.setNoDelay(true);
    // Nothing is expected from clients; read and discard so their FIN is noticed. A client
    // that closes its side has left (`nc -d` reads without sending): its socket is released at
    // once, because writing on to a peer that is gone costs as much as serving a live one, and
    // under connection churn that cost once grew until the server stopped accepting at all.
    socket.resume();
    socket.on('end', () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.delete(connection);
      this.options.onClientCount?.(this.connections.size);
      this.checkRoom();
    });
    if (this.options.format === 'ndjson') {
      connection.sendStatus(Buffer.from(encodeHello(this.options.hello)));
      if (this.lastStatus !== undefined) {
        connection.sendStatus(Buffer.from(encodeStatus(this.lastStatus)));
      }
    }
    this.options.onClientCount?.(this.connections.size);
  }
}
