// Runs the built binary (`npm run build` first) as a user would, with a private config
// directory and no X token in the environment unless a test adds one.
import {spawn, type ChildProcess, type SpawnOptions} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: run `npm run build` first');

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env};
  for (const name of [
    'X_BEARER_TOKEN',
    'TWITTER_BEARER_TOKEN',
    'BEARER_TOKEN',
    'NO_COLOR',
    'FORCE_COLOR',
    'CI',
  ]) {
    delete env[name];
  }
  env['XDG_CONFIG_HOME'] = mkdtempSync(path.join(tmpdir(), 'trendtui-config-'));
  return {...env, ...extra};
}

export type RunResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

/** Starts the binary; `input` (if any) is written to stdin, which is then closed. */
export function start(args: string[], options: SpawnOptions & {input?: string} = {}): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...options,
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  return child;
}

export function finished(child: ChildProcess): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({code, signal, stdout, stderr}));
  });
}

export const run = (args: string[], options: SpawnOptions & {input?: string} = {}) =>
  finished(start(args, options));
