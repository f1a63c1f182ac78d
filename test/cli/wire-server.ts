// A minimal ingest server for tests: speaks protocol v1 on 127.0.0.1 (hello, then whatever
// lines the test sends) and tells when its client has gone.
import net from 'node:net';
import {once} from 'node:events';
import {encodeHello, encodePost, encodeStatus} from '../../source/core/protocol.js';
import type {Post} from '../../source/core/post.js';
import type {SourceStatus} from '../../source/core/stream.js';

export type WireServer = {
  port: number;
  /** Resolves with the first client's socket, after the hello was sent. */
  client: Promise<net.Socket>;
  /** Resolves when that client has disconnected. */
  clientGone: Promise<void>;
  send(...lines: string[]): Promise<void>;
  post(post: Post): Promise<void>;
  status(status: SourceStatus, dropped?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startWireServer(source: string): Promise<WireServer> {
  let resolveClient!: (socket: net.Socket) => void;
  let resolveGone!: () => void;
  const client = new Promise<net.Socket>((resolve) => (resolveClient = resolve));
  const clientGone = new Promise<void>((resolve) => (resolveGone = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      resolveGone();
    });
    socket.write(encodeHello({source, query: '', server: 'test/0'}));
    resolveClient(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const send = async (...lines: string[]) => {
    const socket = await client;
    await new Promise<void>((resolve, reject) =>
      socket.write(lines.join(''), (error) => (error ? reject(error) : resolve())),
    );
  };
  return {
    port,
    client,
    clientGone,
    send,
    post: (post) => send(encodePost(post)),
    status: (status, dropped) => send(encodeStatus(status, dropped)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
