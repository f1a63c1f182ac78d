// Renders an Ink tree in ink-testing-library at a chosen terminal size and offers key presses.
// ink-testing-library fixes columns at 100 and leaves rows undefined, so the size is set on its
// fake stdout and announced with a resize event, as a real terminal would.
import type {ReactElement} from 'react';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';

export type Tui = ReturnType<typeof render> & {
  /** The last frame without colour codes. */
  frame(): string;
  /** Types `keys` and lets React flush. */
  press(keys: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
};

/** Lets React 19's scheduler and Ink's render loop run. */
export async function settle(ms = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function renderTui(
  tree: ReactElement,
  size: {columns: number; rows: number},
): Promise<Tui> {
  const instance = render(tree);
  const resize = async (columns: number, rows: number) => {
    Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
    Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
    instance.stdout.emit('resize');
    await settle();
  };
  await resize(size.columns, size.rows);
  return {
    ...instance,
    frame: () => stripAnsi(instance.lastFrame() ?? ''),
    press: async (keys: string) => {
      // Wait for the frame the key causes (a loaded machine can take a while), or give up
      // after a second for keys that change nothing on screen.
      const before = instance.lastFrame();
      instance.stdin.write(keys);
      const deadline = Date.now() + 1000;
      while (instance.lastFrame() === before && Date.now() < deadline) await settle(10);
      await settle(20);
    },
    resize,
  };
}
