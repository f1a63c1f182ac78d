// Runs a real program in a pseudo-terminal (node-pty) and feeds everything it writes into a real
// terminal emulator (@xterm/headless), so tests can read the screen a user would see, type keys,
// resize, and check what state the terminal is left in.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';

const {Terminal} = xterm;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'dist', 'bin.js');

export type TerminalRun = {
  /** Every byte the program wrote, in order. */
  readonly output: () => string;
  /** The visible screen, one string per row, trailing spaces removed. */
  screen(): string[];
  /** The screen as one string. */
  text(): string;
  /** Window titles the program set (OSC 0/2), in order. */
  readonly titles: string[];
  /** Resolves with the screen once `test` holds for it; rejects with the screen on timeout. */
  waitFor(
    test: string | RegExp | ((screen: string) => boolean),
    timeoutMs?: number,
  ): Promise<string>;
  /** Rows (0-based, on the visible screen) that are the continuation of a row too long for it. */
  wrappedRows(): number[];
  press(keys: string): void;
  resize(columns: number, rows: number): void;
  /** Whether the emulator currently shows the alternate screen. */
  inAlternateScreen(): boolean;
  /** Whether the emulator's cursor is hidden (DECTCEM). */
  cursorHidden(): boolean;
  /** Process ids of the program and every process it started (while they run). */
  processTree(): number[];
  readonly pid: number;
  readonly exited: Promise<{exitCode: number; signal?: number}>;
  kill(signal?: string): void;
  dispose(): void;
};

export type RunOptions = {
  columns?: number;
  rows?: number;
  env?: Record<string, string>;
  cwd?: string;
};

/** Starts `file args` in a pty of the given size. */
export function runInTerminal(file: string, args: string[], options: RunOptions = {}): TerminalRun {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const term = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 1000});
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));
  const child = pty.spawn(file, args, {
    name: 'xterm-256color',
    cols: columns,
    rows,
    cwd: options.cwd ?? ROOT,
    env: {...cleanEnv(), ...options.env},
  });
  let output = '';
  const listeners = new Set<() => void>();
  child.onData((data) => {
    output += data;
    // the emulator parses asynchronously; look at the screen once this chunk is applied
    term.write(data, () => {
      for (const listener of listeners) listener();
    });
  });
  const exited = new Promise<{exitCode: number; signal?: number}>((resolve) => {
    child.onExit(({exitCode, signal}) => {
      // let the emulator finish parsing the last bytes before anyone inspects it
      term.write('', () => resolve({exitCode, signal}));
    });
  });

  const screen = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  };
  const text = () => screen().join('\n');

  const waitFor: TerminalRun['waitFor'] = (test, timeoutMs = 15_000) => {
    const holds = (s: string) =>
      typeof test === 'string' ? s.includes(test) : test instanceof RegExp ? test.test(s) : test(s);
    return new Promise((resolve, reject) => {
      const check = () => {
        // mid-frame (inside a synchronized update) the screen is half old, half new: wait
        if (term.modes.synchronizedOutputMode) return false;
        const s = text();
        if (!holds(s)) return false;
        done();
        resolve(s);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${String(test)}; the screen was:\n${text()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = () => {
        check();
      };
      listeners.add(listener);
      check();
    });
  };

  return {
    output: () => output,
    screen,
    text,
    titles,
    waitFor,
    wrappedRows: () => {
      const buffer = term.buffer.active;
      const rows: number[] = [];
      for (let y = 0; y < term.rows; y++) {
        if (buffer.getLine(buffer.viewportY + y)?.isWrapped) rows.push(y);
      }
      return rows;
    },
    press: (keys) => child.write(keys),
    resize: (c, r) => {
      child.resize(c, r);
      term.resize(c, r);
    },
    inAlternateScreen: () => term.buffer.active.type === 'alternate',
    cursorHidden: () => cursorHidden(term, output),
    processTree: () => descendants(child.pid),
    pid: child.pid,
    exited,
    kill: (signal) => child.kill(signal),
    dispose: () => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      term.dispose();
    },
  };
}

/** Runs the built trendtui binary. */
export function runTrendtui(args: string[], options: RunOptions = {}): TerminalRun {
  return runInTerminal(process.execPath, [BIN, ...args], options);
}

/**
 * The environment without anything that would change how the program draws (CI switches Ink to
 * "last frame only", NO_COLOR/FORCE_COLOR change colours) or leak the developer's token.
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(CI|CONTINUOUS_INTEGRATION|BUILD_NUMBER|RUN_ID|NO_COLOR|FORCE_COLOR|NODE_ENV)$/.test(key))
      continue;
    if (/TOKEN|^VITEST|^TEST$/.test(key)) continue;
    env[key] = value;
  }
  env['TERM'] = 'xterm-256color';
  env['CI'] = 'false';
  return env;
}

function cursorHidden(term: InstanceType<typeof Terminal>, output: string): boolean {
  // xterm keeps this in its core service; fall back to the last DECTCEM sequence written.
  const core = (term as unknown as {_core?: {coreService?: {isCursorHidden?: boolean}}})._core;
  const hidden = core?.coreService?.isCursorHidden;
  if (typeof hidden === 'boolean') return hidden;
  return output.lastIndexOf('\u001b[?25l') > output.lastIndexOf('\u001b[?25h');
}

/** `pid` and all its descendants, read from /proc (Linux). */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name may contain spaces and parentheses: fields start after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    for (const c of parents.get(p) ?? []) visit(c);
  };
  visit(pid);
  return out;
}

/** Whether a process with this id is still running (zombies count as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
