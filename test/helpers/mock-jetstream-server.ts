// A local WebSocket server speaking Jetstream's v1 `/subscribe` wire format, for tests: JSON
// events as text frames, `wantedCollections` and `cursor` read from the query string, and an
// event log that a connection with a cursor is replayed from (events with `time_us` at or after
// the cursor), as the real server does. Events larger than the client's `maxMessageSizeBytes`
// are skipped, as Jetstream does. Each connection is handed to a script the test writes.
import type {AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';

export type JetstreamEvent = {time_us: number; [key: string]: unknown};

export type JetstreamConnection = {
  index: number;
  /** `performance.now()` when the connection opened. */
  at: number;
  url: URL;
  /** The `cursor` query parameter, if the client sent one. */
  cursor: number | undefined;
  wantedCollections: string[];
  /** Whether the client offered permessage-deflate. */
  offeredDeflate: boolean;
  socket: WebSocket;
  /** `maxMessageSizeBytes` as asked (0: no limit). */
  maxMessageSizeBytes: number;
  /** Events not sent on this connection because they were over its size limit. */
  skippedOversize: number;
  /** Sends one event as a text frame (unless over the limit) and appends it to the log. */
  send(event: JetstreamEvent): Promise<void>;
  /** Sends the logged events at or after the cursor (what a resuming client should get). */
  replayFromCursor(): Promise<number>;
  /** Destroys the TCP socket without a close frame (close code 1006 on the client). */
  terminate(): void;
  closed: Promise<void>;
};

export type JetstreamScript = (connection: JetstreamConnection) => void | Promise<void>;

export type MockJetstreamServer = {
  url: string;
  /** Every handshake, including refused ones. */
  handshakes: {url: URL; at: number; refusedWith?: number}[];
  connections: JetstreamConnection[];
  /** Every event sent on any connection, in order. */
  log: JetstreamEvent[];
  scripts: JetstreamScript[];
  waitForConnections(count: number): Promise<JetstreamConnection[]>;
  close(): Promise<void>;
};

export async function startMockJetstreamServer(
  scripts: JetstreamScript[] = [],
  options: {
    /** Refuses the handshake with this HTTP status when the client sends a cursor (too old). */
    refuseCursorWith?: number;
  } = {},
): Promise<MockJetstreamServer> {
  const handshakes: MockJetstreamServer['handshakes'] = [];
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    path: '/subscribe',
    verifyClient: (info, accept) => {
      const url = new URL(info.req.url ?? '/', 'ws://127.0.0.1');
      const handshake: (typeof handshakes)[number] = {url, at: performance.now()};
      handshakes.push(handshake);
      if (options.refuseCursorWith !== undefined && url.searchParams.has('cursor')) {
        handshake.refusedWith = options.refuseCursorWith;
        accept(false, options.refuseCursorWith, 'CursorTooOld');
      } else {
        accept(true);
      }
    },
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const {port} = server.address() as AddressInfo;
  const waiters: {count: number; resolve: () => void}[] = [];

  const mock: MockJetstreamServer = {
    url: `ws://127.0.0.1:${port}/subscribe`,
    handshakes,
    connections: [],
    log: [],
    scripts,
    waitForConnections(count) {
      return new Promise((resolve) => {
        const done = () => resolve(mock.connections);
        if (mock.connections.length >= count) done();
        else waiters.push({count, resolve: done});
      });
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', mock.url);
    const cursorParam = url.searchParams.get('cursor');
    const maxMessageSizeBytes = Number(url.searchParams.get('maxMessageSizeBytes') ?? 0) || 0;
    const send = (event: JetstreamEvent) =>
      new Promise<void>((resolve) => {
        mock.log.push(event);
        if (socket.readyState !== socket.OPEN) return resolve();
        const text = JSON.stringify(event);
        if (maxMessageSizeBytes > 0 && Buffer.byteLength(text) > maxMessageSizeBytes) {
          connection.skippedOversize++;
          return resolve();
        }
        socket.send(text, () => resolve());
      });
    const connection: JetstreamConnection = {
      index: mock.connections.length,
      at: performance.now(),
      url,
      cursor: cursorParam === null ? undefined : Number(cursorParam),
      maxMessageSizeBytes,
      skippedOversize: 0,
      wantedCollections: url.searchParams.getAll('wantedCollections'),
      offeredDeflate: (request.headers['sec-websocket-extensions'] ?? '').includes(
        'permessage-deflate',
      ),
      socket,
      send,
      async replayFromCursor() {
        const cursor = connection.cursor ?? Infinity;
        const backlog = mock.log.filter((event) => event.time_us >= cursor);
        for (const event of backlog) {
          await new Promise<void>((resolve) => socket.send(JSON.stringify(event), () => resolve()));
        }
        return backlog.length;
      },
      terminate: () => socket.terminate(),
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    };
    mock.connections.push(connection);
    for (const waiter of waiters.splice(0)) {
      if (mock.connections.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
    const script = mock.scripts[Math.min(connection.index, mock.scripts.length - 1)];
    void Promise.resolve(script?.(connection)).catch(() => socket.terminate());
  });
  return mock;
}
