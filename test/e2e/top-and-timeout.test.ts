// `--top N` on the dashboard, and `--timeout DUR` for a source that never delivers (a closed
// port, a silent pipe): one line and exit 1, in pipe mode and on the dashboard.
import {describe, expect, it} from 'vitest';
import {closedPort} from '../helpers/closed-port.js';
import {BIN} from '../helpers/terminal.js';
import {run} from '../cli/run-binary.js';
import {isolated, terminalTests} from './terminal-tests.js';

const BAR_ROW = /^\s*\d+ #\S+\s+[█▏▎▍▌▋▊▉]+\s+\d+/;
const barRows = (screen: string) => screen.split('\n').filter((line) => BAR_ROW.test(line));

const terminals = terminalTests();

describe('--top on the dashboard', () => {
  it('shows at most N trends', async () => {
    const terminal = terminals.trendtui(
      ['--source', 'demo', '--seed', '42', '--rate', '50', '--slide', '1s', '--top', '3'],
      isolated(80, 24),
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
    const terminal = terminals.run(
      '/bin/sh',
      [
        '-c',
        '"$0" "$1" --connect "$2" --timeout 2s; echo "exit=$?"',
        process.execPath,
        BIN,
        `127.0.0.1:${port}`,
      ],
      isolated(80, 24),
    );
    const screen = await terminal.waitFor('exit=', 20_000);
    expect(terminal.inAlternateScreen()).toBe(false);
    expect(screen.replace(/\n/g, '')).toMatch(/trendtui: no post from .* within 2s.*giving up/);
    expect(screen).toContain('exit=1');
  }, 30_000);
});
