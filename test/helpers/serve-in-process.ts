// Runs `trendtui serve` in the test's own process with captured stdio, so a test can watch its
// logs, connect to its port and stop it as a signal would.
import {PassThrough} from 'node:stream';
import type {Options} from '../../source/cli/options.js';
import {runServe} from '../../source/ingest/serve.js';

export type ServeRun = {
  exit: Promise<number>;
  logs: string[];
  out: string[];
  stdin: PassThrough;
  /** Plays the part of SIGINT/SIGTERM: the code is the exit status serve should return. */
  stop: (code: number) => void;
};

export function serveInProcess(options: Options, env: NodeJS.ProcessEnv = {}): ServeRun {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let stop: (code: number) => void = () => {};
  const stopRequested = new Promise<number>((resolve) => (stop = resolve));
  const logs: string[] = [];
  stderr.setEncoding('utf8');
  stderr.on('data', (text: string) => logs.push(...text.split('\n').filter(Boolean)));
  const out: string[] = [];
  stdout.setEncoding('utf8');
  stdout.on('data', (text: string) => out.push(text));
  const exit = runServe(options, {env, stdin, stdout, stderr, stopRequested});
  return {exit, logs, out, stdin, stop};
}

/** Polls `probe` until it returns a value (for state no event announces). */
export async function until<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The port from serve's `listening on 127.0.0.1:PORT` line, once it has been logged. */
export const portFrom = (logs: string[]) => {
  const line = logs.find((entry) => entry.includes('listening on'));
  const match = line === undefined ? null : /127\.0\.0\.1:(\d+)/.exec(line);
  return match === null ? undefined : Number(match[1]);
};
