// A program in an 80×24 pseudo-terminal whose output feeds a headless terminal emulator, so a
// benchmark reads the screen a user would see. Shared by the dashboard benchmarks; `quit` by every
// script that runs the dashboard in a pty.
import pty from 'node-pty';
import xterm from '@xterm/headless';

export const COLS = 80;
export const ROWS = 24;

/** Starts `file args` in the pty with exactly `env`; `screen()` is the visible text. */
export function inTerminal(file, args, env, cwd) {
  const term = new xterm.Terminal({cols: COLS, rows: ROWS, allowProposedApi: true});
  const child = pty.spawn(file, args, {cols: COLS, rows: ROWS, cwd, env});
  child.onData((data) => term.write(data));
  const exited = new Promise((resolve) => child.onExit(resolve));
  const screen = () => {
    const b = term.buffer.active;
    return Array.from({length: ROWS}, (_, y) => b.getLine(y)?.translateToString(true) ?? '').join(
      '\n',
    );
  };
  return {child, term, exited, screen};
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Quits the program as a user would (`q`), and kills it if it is not gone within 5 s. */
export async function quit(child, exited) {
  child.write('q');
  await Promise.race([exited, sleep(5000)]);
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

export async function until(test, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
