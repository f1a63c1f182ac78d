// Renders an Ink tree in ink-testing-library at a chosen terminal size and offers key presses.
// ink-testing-library fixes columns at 100 and leaves rows undefined, so the size is set on its
// fake stdout and announced with a resize event, as a real terminal would. Ink itself ignores
// resize events when it believes it runs in CI (the CI variable is set), so the tree is wrapped
// in a component that follows them, as the dashboard does.
import React, {useLayoutEffect, useState, type ReactElement, type ReactNode} from 'react';
import {Box, useStdout} from 'ink';
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

function FollowsResize({children}: {children: ReactNode}) {
  const {stdout} = useStdout();
  const [columns, setColumns] = useState(stdout.columns);
  // A layout effect subscribes during the first commit, before a resize can be announced.
  useLayoutEffect(() => {
    const follow = () => setColumns(stdout.columns);
    stdout.on('resize', follow);
    return () => {
      stdout.off('resize', follow);
    };
  }, [stdout]);
  // React commits to Ink only when a host node changes, so the width is given to a box laid
  // out as Ink's root is (a column as wide as the terminal).
  return (
    <Box flexDirection="column" width={columns}>
      {children}
    </Box>
  );
}

export async function renderTui(
  tree: ReactElement,
  size: {columns: number; rows: number},
): Promise<Tui> {
  const instance = render(<FollowsResize>{tree}</FollowsResize>);
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
