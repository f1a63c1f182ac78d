import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {IngestServer, isLoopback, type IngestServerOptions} from '../../source/ingest/server.js';

const hello = {source: 'demo', query: 'stan lee', server: 'trendtui/test'};
const servers: IngestServer[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close(0)));
});

async function startServer(options: Partial<IngestServerOptions> = {}) {
  const logs: string[] = [];
  const server = new IngestServer({
    host: '127.0.0.1',
    port: 0,
    format: 'ndjson',
    hello,
    log: (line) => logs.push(line),
    ...options,
  });
  servers.push(server);
  const address = await server.listen();
  return {server, port: address.port, logs};
}

/** A client socket that collects whole lines, with a way to await a number of them. */
function lineReader(port: number) {
  const socket = net.connect({host: '127.0.0.1', port});
  sockets.push(socket);
  const lines: string[] = [];
  let partial = '';
  let waiter: {count: number; resolve: () => void} | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (waiter !== undefined && lines.length >= waiter.count) {
      waiter.resolve();
      waiter = undefined;
    }
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    socket,
    lines,
    connected,
    waitFor(count: number): Promise<void> {
      if (lines.length >= count) return Promise.resolve();
      return new Promise((resolve) => (waiter = {count, resolve}));
    },
  };
}

const makePost = (i: number, text = `post number ${i} about stan lee #StanLee`): Post => ({
  id: String(i),
  createdAt: 1_700_000_000_000 + i,
  receivedAt: 1_700_000_000_500 + i,
  text,
  hashtags: ['StanLee'],
  cashtags: [],
  mentions: [],
  retweet: false,
});

async function clientCount(server: IngestServer, count: number) {
  while (server.clientCount !== count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('IngestServer', () => {
  it('sends hello first, then the current source status, then posts', async () => {
    const {server, port} = await startServer();
    server.publishStatus({state: 'live', detail: 'streaming'});
    const reader = lineReader(port);
    await clientCount(server, 1);
    server.publishPost(makePost(1));
    await reader.waitFor(3);
    const messages = reader.lines.map((line) => JSON.parse(line));
    expect(messages[0]).toEqual({type: 'hello', protocol: 1, ...hello});
    expect(messages[1]).toEqual({type: 'status', state: 'live', detail: 'streaming'});
    expect(messages[2]).toMatchObject({type: 'post', id: '1', hashtags: ['StanLee']});
  });

  it('text mode sends each post as one line of text and nothing else', async () => {
    const {server, port} = await startServer({format: 'text'});
    const reader = lineReader(port);
    await clientCount(server, 1);
    server.publishStatus({state: 'live'});
    server.publishPost(makePost(1, 'first line\nsecond line #StanLee'));
    server.publishPost(makePost(2, 'plain'));
    await reader.waitFor(2);
    expect(reader.lines).toEqual(['first line second line #StanLee', 'plain']);
  });

  it('a half-closed client (nc < /dev/null) still receives the stream', async () => {
    const {server, port} = await startServer();
    const reader = lineReader(port);
    await reader.connected;
    reader.socket.end();
    await clientCount(server, 1);
    server.publishPost(makePost(1));
    await reader.waitFor(2);
    expect(JSON.parse(reader.lines[1] as string)).toMatchObject({type: 'post', id: '1'});
  });

  it('a client that never reads costs bounded memory, and the other client gets every post', async () => {
    const limits = {maxPosts: 500, maxBytes: 256 * 1024};
    const {server, port, logs} = await startServer({limits, socketBufferBytes: 64 * 1024});
    const stalled = net.connect({host: '127.0.0.1', port});
    sockets.push(stalled);
    stalled.pause();
    const fast = lineReader(port);
    await clientCount(server, 2);

    const body = 'x'.repeat(900);
    const total = 40_000; // ~37 MB, far beyond what the kernel buffers for the stalled client
    let peakHeld = 0;
    for (let i = 0; i < total; i += 500) {
      for (let j = i; j < i + 500; j++) server.publishPost(makePost(j, `${j} ${body}`));
      // The server never waits for the stalled client, only the test waits for the fast one.
      await fast.waitFor(1 + i + 500);
      peakHeld = Math.max(peakHeld, server.maxBacklogBytes);
    }
    expect(fast.lines).toHaveLength(1 + total);
    const ids = fast.lines.slice(1).map((line) => JSON.parse(line).id);
    expect(ids).toEqual(Array.from({length: total}, (_, i) => String(i)));
    expect(fast.lines.some((line) => line.includes('lagging'))).toBe(false);
    // Queue bound plus one socket buffer (and one line over it).
    expect(peakHeld).toBeLessThanOrEqual(limits.maxBytes + 64 * 1024 + 1024);
    expect(logs.some((line) => line.includes('not keeping up'))).toBe(true);

    // When the stalled client finally reads, it learns how many posts it lost, and those lost
    // plus those received are every post published.
    const late = {lines: [] as string[], partial: ''};
    stalled.setEncoding('utf8');
    const caughtUp = new Promise<void>((resolve) => {
      stalled.on('data', (chunk: string) => {
        const parts = (late.partial + chunk).split('\n');
        late.partial = parts.pop() ?? '';
        late.lines.push(...parts);
        const last = late.lines.at(-1);
        if (last !== undefined && last.includes(`"id":"${total - 1}"`)) resolve();
      });
    });
    stalled.resume();
    await caughtUp;
    const messages = late.lines.map((line) => JSON.parse(line));
    expect(messages[0].type).toBe('hello');
    const lagging = messages.filter((m) => m.type === 'status' && m.state === 'lagging');
    expect(lagging.length).toBeGreaterThan(0);
    const dropped = lagging.reduce((sum, m) => sum + m.dropped, 0);
    const received = messages.filter((m) => m.type === 'post').length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped + received).toBe(total);
    // Oldest dropped first: what it did get ends with the newest posts, in order.
    const receivedIds = messages.filter((m) => m.type === 'post').map((m) => Number(m.id));
    expect(receivedIds).toEqual([...receivedIds].sort((a, b) => a - b));
  });

  it('tells a client that falls behind it is lagging before any post is dropped, and when it caught up', async () => {
    const {server, port, logs} = await startServer();
    const slow = lineReader(port);
    await slow.connected;
    slow.socket.pause();
    await clientCount(server, 1);
    server.publishStatus({state: 'live'});
    const body = 'x'.repeat(1000);
    // More than the kernel buffers on loopback, so the rest waits in the client's queue…
    let id = 0;
    for (; id < 8000; id++) server.publishPost(makePost(id, `${id} ${body}`));
    expect(server.maxBacklog).toBeGreaterThan(512);
    // …and the posts go on arriving while the oldest queued one waits.
    const started = performance.now();
    while (performance.now() - started < 1500) {
      for (let j = 0; j < 50; j++, id++) server.publishPost(makePost(id, `${id} ${body}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const total = id;
    slow.socket.resume();
    await slow.waitFor(1 + 2 + total + 1);
    const messages = slow.lines.map((line) => JSON.parse(line));
    const statuses = messages.filter((m) => m.type === 'status');
    expect(statuses.map((m) => m.state)).toEqual(['live', 'lagging', 'live']);
    expect(statuses[1].dropped).toBe(0);
    expect(statuses[1].detail).toContain('reading more slowly than posts arrive');
    // Nothing was lost: the queue had room; the client was told early, not after a loss.
    expect(messages.filter((m) => m.type === 'post')).toHaveLength(total);
    // The lagging status went ahead of the queued posts.
    const laggingAt = messages.indexOf(statuses[1]);
    expect(laggingAt).toBeLessThan(messages.length - 600);
    expect(logs.some((line) => line.includes('caught up'))).toBe(true);
  });

  it('tells a paced source when a slow client has caught up', async () => {
    const {server, port} = await startServer({socketBufferBytes: 16 * 1024});
    const stalled = net.connect({host: '127.0.0.1', port});
    sockets.push(stalled);
    stalled.pause();
    await clientCount(server, 1);
    for (let i = 0; i < 20_000; i++) server.publishPost(makePost(i, `${i} ${'y'.repeat(500)}`));
    expect(server.hasRoom()).toBe(false);
    const room = server.waitForRoom();
    stalled.resume();
    await room;
    expect(server.hasRoom()).toBe(true);
  });

  it('knows loopback from the rest', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.4')).toBe(false);
  });
});
