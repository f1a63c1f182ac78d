// What every test file that runs programs in a pseudo-terminal sets up: the binary built once
// before its tests, every program a test started killed after it (a failed test must not leave a
// dashboard running into the next one), and a config directory of its own for each run.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll} from 'vitest';
import {
  runInTerminal,
  runTrendtui,
  type RunOptions,
  type TerminalRun,
} from '../helpers/terminal.js';
import {ensureBuilt} from './build.js';

export type Terminals = {
  /** The built trendtui in a pty, killed after the test. */
  trendtui(args: string[], options?: RunOptions): TerminalRun;
  /** Any program in a pty, killed after the test. */
  run(file: string, args: string[], options?: RunOptions): TerminalRun;
};

/**
 * Registers the file's hooks. `andThen` runs after each test once its programs are gone, for the
 * file's own servers: closed before their client is killed, they would see it reconnect.
 */
export function terminalTests(andThen?: () => unknown): Terminals {
  const started: TerminalRun[] = [];
  beforeAll(() => {
    ensureBuilt();
  });
  afterEach(async () => {
    for (const run of started.splice(0)) run.dispose();
    await andThen?.();
  });
  const track = (run: TerminalRun) => {
    started.push(run);
    return run;
  };
  return {
    trendtui: (args, options) => track(runTrendtui(args, options)),
    run: (file, args, options) => track(runInTerminal(file, args, options)),
  };
}

/**
 * A run of this size with a fresh config directory (plus `env`), so keys that remember settings
 * never touch the user's config and no test sees another's.
 */
export function isolated(columns = 80, rows = 24, env: Record<string, string> = {}): RunOptions {
  const config = mkdtempSync(path.join(tmpdir(), 'trendtui-e2e-'));
  return {columns, rows, env: {XDG_CONFIG_HOME: config, ...env}};
}

/** Polls `test` until it holds (for what no screen shows, such as processes ending). */
export async function waitUntil(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
