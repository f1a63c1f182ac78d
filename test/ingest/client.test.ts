import {spawn} from 'node:child_process';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {connectToServer} from '../../source/ingest/client.js';
import type {PostStream} from '../../source/ingest/stream.js';
import {recordStream} from '../helpers/stream-events.js';
import {BIN, cleanEnv} from '../cli/run-binary.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A raw TCP server the test scripts line by line, standing in for `trendtui serve`. */
async function scriptedServer(port = 0) {
  const connections: net.Socket[] = [];
  const server = net.createServer((socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of connections) socket.destroy();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return {port: (server.address() as net.AddressInfo).port, connections, close};
}

/** Records the stream's events; it is closed after the test. */
function record(stream: PostStream) {
  cleanups.push(() => stream.close());
  return recordStream(stream);
}

const helloLine = '{"type":"hello","protocol":1,"source":"demo","query":"","server":"t"}\n';
const postLine = (id: string) =>
  `{"type":"post","id":"${id}","created_at":"2026-11-26T12:00:00.000Z","text":"hi ✨","hashtags":[],"retweet":false}\n`;

describe('connectToServer', () => {
  it('decodes posts split across packets and skips unknown and malformed lines', async () => {
    const server = await scriptedServer();
    const stream = connectToServer({host: '127.0.0.1', port: server.port});
    const seen = record(stream);
    const gotPosts = seen.next((event) => event.type === 'post' && event.post.id === '2');
    await seen.next((event) => event.type === 'link' && event.link.state === 'connected');
    const socket = server.connections[0] as net.Socket;
    const bytes = Buffer.from(
      helloLine + '{"type":"future-thing"}\n' + 'garbage\n' + postLine('1') + postLine('2'),
    );
    // Split inside the multi-byte ✨ to prove lines are framed on bytes, not decoded per chunk.
    const cut = bytes.indexOf(Buffer.from('✨')) + 1;
    socket.write(bytes.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(bytes.subarray(cut));
    await gotPosts;
    const kinds = seen.events.filter((event) => event.type !== 'link').map((event) => event.type);
    expect(kinds).toEqual(['hello', 'post', 'post']);
    const first = seen.events.find((event) => event.type === 'post');
    expect(first?.type === 'post' && first.post.text).toBe('hi ✨');
  });

  it('reconnects with back-off after the server goes away, reporting link states', async () => {
    const first = await scriptedServer();
    const port = first.port;
    const stream = connectToServer({
      host: '127.0.0.1',
      port,
      backoff: {initialMs: 20, maxMs: 100},
    });
    const seen = record(stream);
    await seen.next((event) => event.type === 'link' && event.link.state === 'connected');
    (first.connections[0] as net.Socket).write(helloLine);
    await seen.next((event) => event.type === 'hello');

    const reconnecting = seen.next(
      (event) => event.type === 'link' && event.link.state === 'reconnecting',
    );
    await first.close();
    await reconnecting;
    // Let it fail against the closed port a few times, then come back on the same port.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const connectedAgain = seen.next(
      (event) => event.type === 'link' && event.link.state === 'connected',
    );
    const second = await scriptedServer(port);
    await connectedAgain;
    while (second.connections.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const helloAgain = seen.next((event) => event.type === 'hello');
    const postAgain = seen.next((event) => event.type === 'post');
    const socket = second.connections.at(-1) as net.Socket;
    socket.write(helloLine + postLine('after'));
    await helloAgain;
    await postAgain;

    const retries = seen.events.filter(
      (event) => event.type === 'link' && event.link.state === 'reconnecting',
    );
    expect(retries.length).toBeGreaterThanOrEqual(2);
    const delays = retries.map((event) =>
      event.type === 'link' && event.link.state === 'reconnecting' ? event.link.retryInMs : 0,
    );
    // Each retry waits at least as long as the one before, up to the cap.
    expect(delays[0]).toBe(20);
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] as number);
      expect(delays[i]).toBeLessThanOrEqual(100);
    }
  });

  it('close() ends the stream with a closed link and no further retries', async () => {
    const server = await scriptedServer();
    const stream = connectToServer({host: '127.0.0.1', port: server.port});
    const seen = record(stream);
    await seen.next((event) => event.type === 'link' && event.link.state === 'connected');
    await stream.close();
    expect(seen.events.at(-1)).toEqual({type: 'link', link: {state: 'closed'}});
    expect(seen.events.some((e) => e.type === 'link' && e.link.state === 'reconnecting')).toBe(
      false,
    );
  });
});

describe('a client that reads more slowly than a live source sends', () => {
  it('says `lagging` within seconds, from the age of what it reads, and the source state again once caught up', async () => {
    // The server in a process of its own: this test's event loop is the slow reader.
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--source', 'demo', '--rate', '3000', '--seed', '7', '--port', '0'],
      {env: cleanEnv(), stdio: ['pipe', 'ignore', 'pipe']},
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let log = '';
    const port = await new Promise<number>((resolve) => {
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        log += chunk;
        const found = /listening on [\d.]+:(\d+)/.exec(log);
        if (found) resolve(Number(found[1]));
      });
    });
    const stream = connectToServer({host: '127.0.0.1', port});
    let slow = true;
    let firstPostAt: number | undefined;
    let laggingAt: number | undefined;
    const states: string[] = [];
    const caughtUp = new Promise<void>((resolve) => {
      stream.subscribe((event) => {
        if (event.type === 'status') {
          states.push(event.status.state);
          if (event.status.state === 'lagging' && laggingAt === undefined) {
            laggingAt = performance.now();
            slow = false;
          } else if (laggingAt !== undefined && event.status.state === 'live') resolve();
        }
        if (event.type !== 'post') return;
        firstPostAt ??= performance.now();
        // A third of the source's rate: 1 ms of work per post.
        if (slow) {
          const until = performance.now() + 1;
          while (performance.now() < until) {
            // busy, as a dashboard under load would be
          }
        }
      });
    });
    cleanups.push(() => stream.close());
    await caughtUp;
    // Behind by 3 s after about 4.5 s of reading at a third of the rate; the server alone
    // could only have said so once its queue overflowed, long after.
    expect(laggingAt! - firstPostAt!).toBeLessThan(10_000);
    expect(states.at(-1)).toBe('live');
  }, 30_000);
});
