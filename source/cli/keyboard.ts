// Where the dashboard reads its keys: stdin when that is the terminal; otherwise the terminal
// itself (`/dev/tty`), so `cat f | trendtui --replay -` still takes q, ?, + while the posts come
// through the pipe; none when the process has no terminal at all (the footer then shows no keys).
import {openSync} from 'node:fs';
import tty from 'node:tty';

export type Keyboard = {
  /** The terminal to read keys from; undefined when there is none. */
  input: NodeJS.ReadStream | undefined;
  /** Lets go of a terminal opened here (after Ink has unmounted). */
  close(): void;
};

const CONTROLLING_TERMINAL = '/dev/tty';

export function openKeyboard(stdin: NodeJS.ReadStream = process.stdin): Keyboard {
  if (stdin.isTTY) return {input: stdin, close() {}};
  let fd: number;
  try {
    fd = openSync(CONTROLLING_TERMINAL, 'r');
  } catch {
    // ENXIO: no controlling terminal (a daemon, `setsid`); keys are simply not offered.
    return {input: undefined, close() {}};
  }
  const input = new tty.ReadStream(fd);
  return {
    input,
    close() {
      input.destroy();
    },
  };
}
