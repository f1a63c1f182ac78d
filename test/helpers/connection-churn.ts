// Clients that connect and at once close their side (FIN), over and over, as a flaky
// network or a port scanner would: the load that once made the ingest server collapse.
import net from 'node:net';

export type ChurnResult = {connections: number};

/**
 * `workers` loops of connect → end(), each until `ms` have passed or `maxConnections` were made
 * in all. A client that the server has not released after `giveUpMs` is destroyed by us.
 */
export async function churnConnections(
  port: number,
  {workers = 50, ms = 4000, maxConnections = 20_000, giveUpMs = 200, read = true} = {},
): Promise<ChurnResult> {
  const deadline = Date.now() + ms;
  let connections = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const socket = net.connect({host: '127.0.0.1', port});
      // A reading client sees the server's own close the moment it comes; one that never
      // reads leaves what the server sent piled up unread, as a dead peer would.
      if (read) socket.resume();
      else socket.pause();
      const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
      socket.on('connect', () => socket.end());
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve();
      });
    });
  const worker = async () => {
    while (Date.now() < deadline && connections < maxConnections) {
      connections++;
      await once();
    }
  };
  await Promise.all(Array.from({length: workers}, worker));
  return {connections};
}

/** Counts newline-terminated posts a reader receives, for measuring its rate. */
export function countingReader(port: number): {posts(): number; socket: net.Socket} {
  const socket = net.connect({host: '127.0.0.1', port});
  let posts = 0;
  socket.on('data', (chunk: Buffer) => {
    // Every line after hello and the source's status is a post; counting newlines is enough.
    for (const byte of chunk) if (byte === 10) posts++;
  });
  socket.on('error', () => {});
  return {posts: () => posts, socket};
}
