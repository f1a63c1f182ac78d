import {readdirSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {finished, start} from '../cli/run-binary.js';
import {churnConnections, countingReader} from '../helpers/connection-churn.js';
import {testOptions} from '../helpers/options.js';
import {portFrom, serveInProcess, until} from '../helpers/serve-in-process.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const openFds = () => readdirSync('/proc/self/fd').length;
const RATE = 5000;

describe('trendtui serve under connection churn', () => {
  it('releases clients that close at once and keeps a healthy reader at speed', async () => {
    // An empty query keeps every demo post, so the reader's count is the source's rate.
    const run = serveInProcess(testOptions({query: [], rate: RATE}));
    cleanups.push(() => run.stop(0));
    const port = await until(() => portFrom(run.logs));
    const reader = countingReader(port);
    cleanups.push(() => reader.socket.destroy());
    await until(() => (reader.posts() > 100 ? true : undefined));

    const fdsBefore = openFds();
    const heapBefore = process.memoryUsage().heapUsed;
    let maxFds = fdsBefore;
    const sampler = setInterval(() => (maxFds = Math.max(maxFds, openFds())), 50);
    cleanups.push(() => clearInterval(sampler));
    const postsBefore = reader.posts();
    const startedAt = Date.now();
    // Until 1,000 connections were made (or 15 s passed): on a loaded machine a fixed time
    // made too few to be the load this is about.
    const churn = await churnConnections(port, {ms: 15_000, maxConnections: 1000});
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = (reader.posts() - postsBefore) / seconds;
    clearInterval(sampler);

    expect(churn.connections).toBeGreaterThan(500);
    expect(rate).toBeGreaterThanOrEqual(RATE / 2);
    // 50 churning clients hold two descriptors each here (both ends are in this process).
    expect(maxFds - fdsBefore).toBeLessThanOrEqual(2 * 50 + 20);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    // Every client that left is gone from the server: only the reader's two ends remain.
    await until(() => (openFds() <= fdsBefore ? true : undefined), 2000);
    run.stop(143);
    expect(await run.exit).toBe(143);
  }, 30_000);

  it('a client that closes its side (FIN) is released at once', async () => {
    const run = serveInProcess(testOptions({query: [], rate: RATE}));
    cleanups.push(() => run.stop(0));
    const port = await until(() => portFrom(run.logs));
    // The server ends the connection itself rather than writing to a peer that has left.
    const churn = await churnConnections(port, {workers: 1, maxConnections: 20, giveUpMs: 2000});
    expect(churn.connections).toBe(20);
    const fds = openFds();
    const startedAt = Date.now();
    await churnConnections(port, {workers: 1, maxConnections: 1, giveUpMs: 2000});
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(openFds()).toBeLessThanOrEqual(fds);
    run.stop(0);
    expect(await run.exit).toBe(0);
  });

  it('the serve process obeys SIGTERM within 2 s while clients churn', async () => {
    const child = start(['serve', '--source', 'demo', '--rate', String(RATE), '--port', '0']);
    cleanups.push(() => child.kill('SIGKILL'));
    const result = finished(child);
    const logs: string[] = [];
    child.stderr?.on('data', (text: string) => logs.push(...text.split('\n')));
    const port = await until(() => portFrom(logs));
    await churnConnections(port, {ms: 3000, read: false});
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const {code} = await result;
    expect(Date.now() - signalledAt).toBeLessThan(2000);
    expect(code).toBe(143);
  }, 30_000);
});
