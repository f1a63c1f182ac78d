// Ingest server fan-out: posts/s delivered to 1 and to 8 TCP clients on 127.0.0.1, against a
// raw-socket baseline (the same posts, pre-encoded, written straight to the sockets with
// back-pressure) measured in the same run. The clients run in a separate process, so reading
// does not steal the server's core. Both sides are lossless: the server is paced with
// `waitForRoom`, as a replay is, so every client receives every post. The baseline's lines
// come pre-encoded while the server encodes each post (once, for all clients): with one
// client that JSON work is most of the difference; with many, the server's batched writes win.
// Build first (`npm run build`); run with `node scripts/bench-server.js`.
import {spawn} from 'node:child_process';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {encodePost} from '../dist/core/protocol.js';
import {IngestServer} from '../dist/ingest/server.js';
import {createDemoGenerator} from '../dist/ingest/sources/demo.js';

const self = fileURLToPath(import.meta.url);

// ---- client process: `bench-server.js client PORT CLIENTS LINES` ----------------------------
if (process.argv[2] === 'client') {
  const [port, clients, lines] = process.argv.slice(3).map(Number);
  let connected = 0;
  let finished = 0;
  for (let i = 0; i < clients; i++) {
    let seen = 0;
    const socket = net.connect({host: '127.0.0.1', port}, () => {
      if (++connected === clients) process.stdout.write('connected\n');
    });
    socket.on('data', (chunk) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) seen++;
      if (seen === lines) {
        socket.destroy();
        if (++finished === clients) process.stdout.write('done\n');
      }
    });
  }
} else {
  await main();
}

function startClients(port, clients, lines) {
  const child = spawn(
    process.execPath,
    [self, 'client', String(port), String(clients), String(lines)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const messages = [];
  let wakers = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    messages.push(...text.split('\n').filter(Boolean));
    for (const wake of wakers.splice(0)) wake();
  });
  const next = async (word) => {
    while (!messages.includes(word)) await new Promise((resolve) => wakers.push(resolve));
  };
  return {connected: next('connected'), done: next('done').then(() => performance.now())};
}

/** Baseline: a bare net server writing pre-encoded lines to every socket, honouring drain. */
async function rawFanOut(lines, clients) {
  const sockets = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const reader = startClients(server.address().port, clients, lines.length);
  await reader.connected;
  while (sockets.length < clients) await new Promise((resolve) => setImmediate(resolve));
  const start = performance.now();
  for (const line of lines) {
    let blocked = [];
    for (const socket of sockets) if (!socket.write(line)) blocked.push(socket);
    if (blocked.length > 0) {
      await Promise.all(
        blocked.map((socket) => new Promise((resolve) => socket.once('drain', resolve))),
      );
    }
  }
  const end = await reader.done;
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  return end - start;
}

/** trendtui's IngestServer: encodes each post once and queues it per client. */
async function serverFanOut(posts, clients) {
  const server = new IngestServer({
    host: '127.0.0.1',
    port: 0,
    format: 'ndjson',
    hello: {source: 'bench', query: '', server: 'bench'},
    log: () => {},
  });
  const {port} = await server.listen();
  // Each client also receives the hello line.
  const reader = startClients(port, clients, posts.length + 1);
  await reader.connected;
  while (server.clientCount < clients) await new Promise((resolve) => setImmediate(resolve));
  const start = performance.now();
  for (const post of posts) {
    server.publishPost(post);
    if (!server.hasRoom()) await server.waitForRoom();
  }
  const end = await reader.done;
  await server.close(0);
  return end - start;
}

async function main() {
  const count = 200_000;
  const generator = createDemoGenerator(['stan', 'lee'], 1);
  const now = Date.now();
  // A distinct millisecond per post: the encoder's date cache never helps (the worst case).
  const posts = Array.from({length: count}, (_, i) => ({
    ...generator.post(i, i / 1000, now + i),
    receivedAt: now + i + 40,
  }));
  const lines = posts.map((post) => Buffer.from(encodePost(post)));
  const bytes = lines.reduce((sum, line) => sum + line.length, 0);
  console.log(`${count} posts, ${(bytes / count).toFixed(0)} bytes each on the wire`);

  for (const clients of [1, 8]) {
    const n = clients === 1 ? count : count / 4;
    // Warm both paths once, then take the better of two runs each, alternating.
    await rawFanOut(lines.slice(0, 20_000), clients);
    await serverFanOut(posts.slice(0, 20_000), clients);
    const raw = [];
    const ours = [];
    for (let round = 0; round < 2; round++) {
      raw.push(await rawFanOut(lines.slice(0, n), clients));
      ours.push(await serverFanOut(posts.slice(0, n), clients));
    }
    const rawRate = n / (Math.min(...raw) / 1000);
    const ourRate = n / (Math.min(...ours) / 1000);
    console.log(
      `${clients} client${clients === 1 ? ' ' : 's'}: server ${fmt(ourRate)} posts/s to each ` +
        `(${fmt(ourRate * clients)} deliveries/s); raw sockets ${fmt(rawRate)} posts/s; ` +
        `ratio ${(ourRate / rawRate).toFixed(2)}x`,
    );
  }
}

function fmt(rate) {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M` : `${(rate / 1e3).toFixed(0)} k`;
}
