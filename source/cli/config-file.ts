// The config file on disk: where it lives, reading it without side effects, and writing it
// atomically, owner-only (it may hold the X token). Reading never creates a directory, and
// nothing here retries in a loop: on a read-only or special filesystem (a config home under
// /proc, say) a write fails at once with one line instead of spinning.
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {UserError} from '../core/user-error.js';

/** Where the config file lives; the same place `conf` used, so existing files are found. */
export function configFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const name = 'trendtui-nodejs';
  const directory =
    platform === 'darwin'
      ? path.join(homedir(), 'Library', 'Preferences', name)
      : platform === 'win32'
        ? path.join(env['APPDATA'] || path.join(homedir(), 'AppData', 'Roaming'), name, 'Config')
        : path.join(env['XDG_CONFIG_HOME'] || path.join(homedir(), '.config'), name);
  return path.join(directory, 'config.json');
}

export type ConfigFileContent =
  | {kind: 'missing'}
  | {kind: 'ok'; values: Record<string, unknown>}
  /** Not a JSON object: hand-edited with a mistake, or cut short. */
  | {kind: 'corrupt'; reason: string};

const code = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

export function readConfigFile(file: string): ConfigFileContent {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return {kind: 'missing'};
    throw new UserError(`cannot read the config file (${file}): ${code(error)}`);
  }
  try {
    const values: unknown = JSON.parse(text);
    if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
      return {kind: 'ok', values: values as Record<string, unknown>};
    }
    return {kind: 'corrupt', reason: 'it does not hold a JSON object'};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {kind: 'corrupt', reason: message.split('\n')[0]!};
  }
}

// Creates the missing directories one level at a time: `mkdirSync(…, {recursive: true})` loops
// forever on some special filesystems (measured: a config home under /proc spun at 100% CPU).
function makeDirectories(directory: string): void {
  const missing: string[] = [];
  for (let current = directory; ; current = path.dirname(current)) {
    try {
      statSync(current);
      break;
    } catch {
      if (path.dirname(current) === current) break;
      missing.unshift(current);
    }
  }
  for (const level of missing) mkdirSync(level, {mode: 0o700});
}

/** Replaces the file with `values` as JSON, owner-only, so a crash never leaves half a file. */
export function writeConfigFile(file: string, values: Record<string, unknown>): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    makeDirectories(path.dirname(file));
    writeFileSync(temporary, JSON.stringify(values, undefined, '\t') + '\n', {mode: 0o600});
    // The mode above applies only to a new file; make sure, whatever the umask left.
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written, or it is gone already.
    }
    throw new UserError(`cannot write the config file (${file}): ${code(error)}`);
  }
}

/** Moves a corrupt file out of the way, keeping it for the user; returns where it went. */
export function setAsideConfigFile(file: string): string {
  const kept = `${file}.corrupt`;
  try {
    renameSync(file, kept);
  } catch (error) {
    throw new UserError(`cannot move the corrupt config file (${file}) aside: ${code(error)}`);
  }
  return kept;
}
