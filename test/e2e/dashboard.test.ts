// The real binary on the built-in demo stream (fixed seed), in a pseudo-terminal rendered by a
// terminal emulator, at the sizes a user might have: what appears, what the keys do, and what
// state the terminal and the process table are left in.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {BIN, isRunning} from '../helpers/terminal.js';
import {isolated, terminalTests, waitUntil} from './terminal-tests.js';

const DEMO = ['--source', 'demo', '--seed', '42', '--rate', '50', '--slide', '1s'];
const SIZES: Array<[number, number]> = [
  [80, 24],
  [40, 12],
];
const BAR_ROW = /^\s*\d+ #\S+\s+[█▏▎▍▌▋▊▉]+\s+\d+/;

const terminals = terminalTests();

const barRows = (screen: string) => screen.split('\n').filter((line) => BAR_ROW.test(line));

// Only a full-size terminal has room for the notice line; a small one still says "demo".
it('falls back to the demo without a token and says in one line how to go live', async () => {
  const run = terminals.trendtui(
    ['--seed', '42'],
    isolated(80, 24, {X_BEARER_TOKEN: '', TWITTER_BEARER_TOKEN: '', BEARER_TOKEN: ''}),
  );
  const screen = await run.waitFor('to go live');
  expect(screen.split('\n')[0]).toContain('trendtui demo');
  const hint = screen.split('\n').find((line) => line.includes('to go live'))!;
  expect(hint).toContain('X_BEARER_TOKEN');
  expect(hint).toContain('--source bluesky');
});

describe.each(SIZES)('the dashboard at %i×%i', (columns, rows) => {
  it('shows ten hashtag bars with counts, and never uses the last row', async () => {
    const run = terminals.trendtui(DEMO, isolated(columns, rows));
    const screen = await run.waitFor((s) => barRows(s).length === 10);
    const bars = barRows(screen);
    expect(bars.map((line) => Number(line.trim().split(/\s+/)[0]))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    const counts = bars.map((line) => Number(/\s(\d+)(\s+(new|▲\d+|▼\d+))?\s*$/.exec(line)![1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(0);
    expect(screen.split('\n')[0]).toMatch(/demo (live|connecting)/);
    expect(run.screen()[rows - 1]).toBe('');
    // the frame stays below the terminal's height, so Ink never clears screen and scrollback
    expect(run.output()).not.toContain('\u001b[3J');
    expect(run.output()).not.toContain('\u001b[2J');
  });

  it('changes the window label and the chart at once on +', async () => {
    const run = terminals.trendtui([...DEMO, '--window', '10s'], isolated(columns, rows));
    await run.waitFor((s) => barRows(s).length === 10 && s.includes('10s/1s'));
    if (columns >= 80) {
      expect(run.text()).toContain('Top hashtags by posts · 10s to');
      expect(run.text()).toContain('Posts/s · last 30s');
    }
    const pressed = Date.now();
    run.press('+');
    const after = await run.waitFor('20s/1s', 2000);
    // "at once": the next frame, not the next slide
    expect(Date.now() - pressed).toBeLessThan(1000);
    expect(barRows(after)).toHaveLength(10);
    if (columns >= 80) {
      expect(after).toContain('Top hashtags by posts · 20s to');
      expect(after).toContain('Posts/s · last 1m');
    }
  });

  it('shows help on ? and closes it on Esc', async () => {
    const run = terminals.trendtui(DEMO, isolated(columns, rows));
    await run.waitFor('demo');
    run.press('?');
    const help = await run.waitFor((s) => s.includes('Keys') && s.includes('quit'));
    expect(help).toContain('quit');
    expect(help).toContain('window longer');
    run.press('\u001b');
    await run.waitFor((s) => !s.includes('Keys ·') && !s.includes('window longer'));
  });

  it('quits on q with exit 0, the terminal restored and no process left behind', async () => {
    // a shell runs trendtui, then reports its exit status and the terminal's modes
    const run = terminals.run(
      '/bin/sh',
      [
        '-c',
        // only the two modes raw mode turns off, so the report fits a 40-column screen
        '"$0" "$@"; code=$?; echo; echo "exit=$code" $(stty -a | tr " ;" "\\n\\n" | grep -x -E -e "-?(icanon|echo)") END',
        process.execPath,
        BIN,
        ...DEMO,
      ],
      isolated(columns, rows),
    );
    await run.waitFor((s) => barRows(s).length === 10);
    const processes = run.processTree().filter((pid) => pid !== run.pid);
    // trendtui and its ingest server, at least
    expect(processes.length).toBeGreaterThanOrEqual(2);
    expect(run.inAlternateScreen()).toBe(true);
    expect(run.cursorHidden()).toBe(true);
    run.press('q');
    const screen = await run.waitFor('END');
    // exit status 0; canonical mode and echo are back on, so raw mode was undone
    expect(screen).toMatch(/exit=0 icanon echo END/);
    expect(run.inAlternateScreen()).toBe(false);
    expect(run.cursorHidden()).toBe(false);
    expect(processes.filter(isRunning)).toEqual([]);
  });
});

describe('the dashboard over time', () => {
  it('recounts the bars over the longer window at once when + is pressed', async () => {
    const run = terminals.trendtui([...DEMO, '--window', '10s'], isolated(80, 24));
    await run.waitFor((s) => barRows(s).length === 10);
    // once posts have flowed for more than 10 s, a 20 s window holds more than the 10 s one
    const firstWindow = Date.now();
    await run.waitFor(() => Date.now() - firstWindow > 11_000, 20_000);
    const before = postsInWindow(await run.waitFor(/10s to \S+ · \d+ posts/));
    run.press('+');
    const after = await run.waitFor(/20s to \S+ · \d+ posts/, 1000);
    expect(postsInWindow(after)).toBeGreaterThan(before);
    expect(barRows(after)).toHaveLength(10);
  }, 40_000);
});

function postsInWindow(screen: string): number {
  return Number(/\d+s to \S+ · (\d+) posts/.exec(screen)![1]);
}

describe('the dashboard under signals and resizing', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('on %s restores the terminal, stops the server and exits %i', async (signal, code) => {
    const run = terminals.trendtui(DEMO, isolated(80, 24));
    await run.waitFor((s) => barRows(s).length === 10);
    const processes = run.processTree();
    expect(processes.length).toBeGreaterThanOrEqual(2);
    process.kill(run.pid, signal);
    const exit = await run.exited;
    expect(exit.exitCode).toBe(code);
    expect(run.inAlternateScreen()).toBe(false);
    expect(run.cursorHidden()).toBe(false);
    await waitUntil(() => processes.filter(isRunning).length === 0, 3000);
  });

  it('quits on Ctrl-C like q: exit 0, terminal restored, server stopped', async () => {
    const run = terminals.trendtui(DEMO, isolated(80, 24));
    await run.waitFor((s) => barRows(s).length === 10);
    const processes = run.processTree();
    expect(processes.length).toBeGreaterThanOrEqual(2);
    run.press('\u0003');
    expect((await run.exited).exitCode).toBe(0);
    expect(run.inAlternateScreen()).toBe(false);
    expect(run.cursorHidden()).toBe(false);
    await waitUntil(() => processes.filter(isRunning).length === 0, 3000);
  });

  it('reflows at once on resize, shows "too small" below 40×12 and still quits on q', async () => {
    const run = terminals.trendtui(DEMO, isolated(80, 24));
    await run.waitFor((s) => barRows(s).length === 10 && s.includes('Posts'));
    run.resize(40, 12);
    const small = await run.waitFor((s) => barRows(s).length === 10 && !s.includes('Posts/s'));
    for (const line of small.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    run.resize(30, 10);
    await run.waitFor((s) => s.replace(/\s+/g, ' ').includes('Terminal too small'));
    run.resize(120, 40);
    await run.waitFor((s) => barRows(s).length === 10 && s.includes('Posts/s'));
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
  });

  it('remembers a window chosen with keys in the config file', async () => {
    const options = isolated(80, 24);
    const run = terminals.trendtui(DEMO, options);
    await run.waitFor('20s/1s');
    run.press('+');
    await run.waitFor('30s/1s');
    run.press('q');
    expect((await run.exited).exitCode).toBe(0);
    const dir = options.env!['XDG_CONFIG_HOME']!;
    const file = findConfig(dir);
    expect(readFileSync(file, 'utf8')).toMatch(/"30s"/);
  });
});

function findConfig(dir: string): string {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      const found = findConfig(full);
      if (found) return found;
    } else if (entry === 'config.json') return full;
  }
  return '';
}
