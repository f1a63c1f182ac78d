// The terminal's size as React state. Ink 6 re-lays out on resize but does not re-render
// components, so anything derived from the size would go stale without this subscription.
import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const update = () => {
      setSize((old) => {
        const next = readSize(stdout);
        return old.columns === next.columns && old.rows === next.rows ? old : next;
      });
    };
    stdout.on('resize', update);
    update();
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return size;
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
  return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}
