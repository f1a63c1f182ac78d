// Post text, authors, hashtags and status details come from the network. A hostile ingest
// server (a real TCP server on 127.0.0.1 speaking wire protocol v1) sends all of them full of
// terminal escape sequences; the dashboard, run for real in a pseudo-terminal and rendered by a
// terminal emulator, must show them as plain text and never obey them.
import {createServer, type Server, type Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {writeArchive} from '../helpers/archive.js';
import {isolated, terminalTests} from './terminal-tests.js';

const ESC = '\u001b';
const HOSTILE = {
  // retitle the window, clear screen and scrollback, move the cursor home, then print a marker
  text:
    `hello ${ESC}]0;PWNED-TITLE\u0007${ESC}]2;PWNED2${ESC}\\${ESC}[2J${ESC}[3J${ESC}[H` +
    `${ESC}[10;10HMARKER-AFTER-MOVE ${ESC}[31mred${ESC}[0m\r\nline2\u009b2J\bX end`,
  author: `mallory${ESC}[2K${ESC}[1A`,
  tag: `Evil${ESC}[5;5H`,
  detail: `Server says ${ESC}[?1049l${ESC}]0;PWNED3\u0007hello`,
};

let server: Server;
let sockets: Socket[] = [];

const terminals = terminalTests(async () => {
  for (const socket of sockets) socket.destroy();
  sockets = [];
  await new Promise((resolve) => server?.close(resolve));
});

/** A wire-protocol server that sends a hello, a status and hostile posts every 100 ms. */
async function startHostileServer(): Promise<number> {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    const send = (message: object) => socket.write(JSON.stringify(message) + '\n');
    send({
      type: 'hello',
      protocol: 1,
      source: `demo${ESC}]0;PWNED4\u0007`,
      query: `q${ESC}[2J`,
      server: 'test',
    });
    send({type: 'status', state: 'reconnecting', detail: HOSTILE.detail, retry_in_ms: 600_000});
    let n = 0;
    const timer = setInterval(() => {
      const now = new Date().toISOString();
      send({
        type: 'post',
        id: `h${n++}`,
        created_at: now,
        received_at: now,
        text: HOSTILE.text,
        hashtags: [HOSTILE.tag, 'Fine'],
        author: HOSTILE.author,
        retweet: false,
      });
    }, 100);
    socket.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('hostile text from the network', () => {
  it.each([
    [80, 24],
    [40, 12],
  ])('at %i×%i cannot move the cursor, retitle or clear the terminal', async (columns, rows) => {
    const port = await startHostileServer();
    const run = terminals.trendtui(
      ['--connect', `127.0.0.1:${port}`, '--window', '10s', '--slide', '1s'],
      isolated(columns, rows),
    );
    // the tag shows up in the bar chart once the first 1 s slide closes
    const screen = await run.waitFor((s) => s.includes('#Evil') && s.includes('#Fine'));
    if (columns >= 80) {
      await run.waitFor('MARKER-AFTER-MOVE');
      const postRow = run.screen().find((line) => line.includes('MARKER-AFTER-MOVE'))!;
      // the marker stays on its post's row, after the author and the text before it
      expect(postRow).toMatch(/^\d\d:\d\d:\d\d mallory hello MARKER-AFTER-MOVE red line2/);
      expect(run.text()).toContain('Server says hello');
    }
    // nothing the posts said reached the terminal as a control sequence
    expect(run.titles.filter((t) => t.includes('PWNED'))).toEqual([]);
    expect(run.output()).not.toContain('PWNED');
    expect(run.output()).not.toContain(`${ESC}[2J`);
    expect(run.output()).not.toContain(`${ESC}[3J`);
    expect(run.output()).not.toContain(`${ESC}[10;10H`);
    expect(run.output()).not.toContain(`${ESC}[5;5H`);
    expect(run.inAlternateScreen()).toBe(true);
    // the header is still where it belongs: the first row, and the last row stays empty
    expect(screen.split('\n')[0]).toMatch(/demo/);
    expect(run.screen()[rows - 1]).toBe('');
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
  });
});

describe('hostile text from a replayed archive', () => {
  it('shows the posts of an X archive as plain text, obeying none of their escapes', async () => {
    // X API v2 stream lines, one second apart, whose text tries every trick at once
    const archive = writeArchive(
      Array.from({length: 40}, (_, i) => ({
        data: {
          id: String(1000 + i),
          text: `${HOSTILE.text} #Evil post${i}`,
          created_at: new Date(Date.UTC(2024, 0, 1, 12, 0, i)).toISOString(),
          author_id: HOSTILE.author,
        },
      })),
      'hostile.jsonl',
    );
    const run = terminals.trendtui(
      ['--replay', archive, '--speed', '5', '--window', '10s', '--slide', '2s'],
      isolated(80, 24),
    );
    await run.waitFor((s) => s.includes('#Evil') && s.includes('MARKER-AFTER-MOVE'));
    const postRow = run.screen().find((line) => line.includes('MARKER-AFTER-MOVE'))!;
    expect(postRow).toMatch(/^\d\d:\d\d:\d\d mallory hello MARKER-AFTER-MOVE red line2/);
    expect(run.titles.filter((t) => t.includes('PWNED'))).toEqual([]);
    expect(run.output()).not.toContain('PWNED');
    expect(run.output()).not.toContain(`${ESC}[2J`);
    expect(run.output()).not.toContain(`${ESC}[10;10H`);
    expect(run.screen()[0]).toMatch(/^trendtui replay/);
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
  });
});
