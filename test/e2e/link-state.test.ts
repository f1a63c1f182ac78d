// What the header says about the ingest link, run for real: the dashboard's own child server
// killed (it is restarted and the header says so), a server reached with --connect dropping
// the connection (the dashboard reconnects and says so), and the dashboard itself killed with
// SIGKILL (its child notices and exits).
import {createServer, type Server, type Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {isRunning} from '../helpers/terminal.js';
import {isolated, terminalTests, waitUntil} from './terminal-tests.js';

const DEMO = ['--source', 'demo', '--seed', '42', '--slide', '1s'];
let server: Server | undefined;
let sockets: Socket[] = [];

const terminals = terminalTests(async () => {
  for (const socket of sockets) socket.destroy();
  sockets = [];
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** A wire-protocol v1 server on 127.0.0.1 that says hello, reports live and sends posts. */
function wireServer(port = 0): Promise<number> {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    const send = (message: object) => socket.write(JSON.stringify(message) + '\n');
    send({type: 'hello', protocol: 1, source: 'demo', query: '', server: 'test'});
    send({type: 'status', state: 'live'});
    let n = 0;
    const timer = setInterval(() => {
      const now = new Date().toISOString();
      send({
        type: 'post',
        id: `p${n++}`,
        created_at: now,
        received_at: now,
        text: `post ${n}`,
        hashtags: ['Steady'],
        author: 'tester',
        retweet: false,
      });
    }, 50);
    socket.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) => {
    server!.listen(port, '127.0.0.1', () => {
      const address = server!.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

describe('the ingest link as the header shows it', () => {
  it('says the server is restarting when the child dies, then live again', async () => {
    const run = terminals.trendtui(DEMO, isolated());
    await run.waitFor('demo live');
    const child = run.processTree().find((pid) => pid !== run.pid);
    expect(child).toBeDefined();
    process.kill(child!, 'SIGKILL');
    await run.waitFor(/demo restarting server (in \d+s|now)/);
    // a new child, and "live" only once that child says so
    await waitUntil(
      () => run.processTree().some((pid) => pid !== run.pid && pid !== child),
      20_000,
    );
    await run.waitFor('demo live', 20_000);
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('says it is reconnecting when a --connect server drops, then live again', async () => {
    const port = await wireServer();
    const run = terminals.trendtui(['--connect', `127.0.0.1:${port}`, '--slide', '1s'], isolated());
    await run.waitFor((s) => s.includes('demo live') && s.includes('#Steady'));
    // drop every connection and stop listening: the dashboard must notice and retry
    await new Promise<void>((resolve) => {
      server!.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    sockets = [];
    server = undefined;
    const screen = await run.waitFor(/reconnecting/);
    expect(screen.split('\n')[0]).toMatch(/reconnecting( in \d+\w+)?/);
    await wireServer(port);
    await run.waitFor('demo live', 30_000);
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
  }, 60_000);

  it('leaves no server behind when the dashboard is killed with SIGKILL', async () => {
    const run = terminals.trendtui(DEMO, isolated());
    await run.waitFor('demo live');
    const children = run.processTree().filter((pid) => pid !== run.pid);
    expect(children.length).toBeGreaterThanOrEqual(1);
    process.kill(run.pid, 'SIGKILL');
    await run.exited;
    // the child notices its parent is gone and exits within 2 s
    await waitUntil(() => children.filter(isRunning).length === 0, 2500);
  });
});

describe('colour', () => {
  it('writes no colour codes with --no-color', async () => {
    const run = terminals.trendtui([...DEMO, '--no-color'], isolated());
    await run.waitFor((s) => /\b10 #/.test(s) && s.includes('Posts/s'));
    // SGR colours: 30–37, 90–97 foreground, 40–47 background, 38;5/38;2 extended
    // eslint-disable-next-line no-control-regex
    expect(run.output()).not.toMatch(/\u001b\[[0-9;]*(3[0-8]|4[0-8]|9[0-7])(;[0-9;]*)?m/);
    run.press('q');
    await run.exited;
  });

  it('colours the dashboard by default', async () => {
    const run = terminals.trendtui(DEMO, isolated());
    await run.waitFor((s) => /\b10 #/.test(s));
    // eslint-disable-next-line no-control-regex
    expect(run.output()).toMatch(/\u001b\[(3[0-7]|9[0-7])m/);
    run.press('q');
    await run.exited;
  });
});
