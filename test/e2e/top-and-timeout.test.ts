// `--top N` on the dashboard, and `--timeout DUR` for a source that never delivers (a closed
// port, a silent pipe): one line and exit 1, in pipe mode and on the dashboard.
import {mkdtempSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BIN, runInTerminal, runTrendtui, type TerminalRun} from '../helpers/terminal.js';
import {run} from '../cli/run-binary.js';
import {ensureBuilt} from './build.js';

const BAR_ROW = /^\s*\d+ #\S+\s+[█▏▎▍▌▋▊▉]+\s+\d+/;
const barRows = (screen: string) => screen.split('\n').filter((line) => BAR_ROW.test(line));

let terminal: TerminalRun | undefined;

beforeAll(() => {
  ensureBuilt();
});

afterEach(() => {
  terminal?.dispose();
  terminal = undefined;
});

const env = () => ({XDG_CONFIG_HOME: mkdtempSync(path.join(tmpdir(), 'trendtui-e2e-'))});

/** A port nobody listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('--top on the dashboard', () => {
  it('shows at most N trends', async () => {
    terminal = runTrendtui(
      ['--source', 'demo', '--seed', '42', '--rate', '50', '--slide', '1s', '--top', '3'],
      {columns: 80, rows: 24, env: env()},
    );
    await terminal.waitFor((s) => barRows(s).length === 3);
    // Several slides later, still three (the demo has far more than three tags a window).
    const since = Date.now();
    await terminal.waitFor(() => Date.now() - since > 3000, 6000);
    expect(barRows(terminal.text())).toHaveLength(3);
  }, 30_000);
});

describe('--timeout', () => {
  it('pipe mode: gives up on a source that never delivers, one line, exit 1', async () => {
    const port = await closedPort();
    const result = await run(['--connect', `127.0.0.1:${port}`, '--timeout', '2s', '--pipe']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^trendtui: no post from .* within 2s.*giving up/);
    expect(result.stdout).toBe('');
  }, 30_000);

  it('dashboard: gives up on a source that never delivers, restores the terminal, says why, exit 1', async () => {
    const port = await closedPort();
    terminal = runInTerminal(
      '/bin/sh',
      [
        '-c',
        '"$0" "$1" --connect "$2" --timeout 2s; echo "exit=$?"',
        process.execPath,
        BIN,
        `127.0.0.1:${port}`,
      ],
      {columns: 80, rows: 24, env: env()},
    );
    const screen = await terminal.waitFor('exit=', 20_000);
    expect(terminal.inAlternateScreen()).toBe(false);
    expect(screen.replace(/\n/g, '')).toMatch(/trendtui: no post from .* within 2s.*giving up/);
    expect(screen).toContain('exit=1');
  }, 30_000);
});
