// Shown instead of the dashboard when the terminal cannot hold it; keys (q) still work.
import React from 'react';
import {Box, Text} from 'ink';
import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';

type Props = {columns: number; rows: number};

export function TooSmall({columns, rows}: Props) {
  const message = `Terminal too small: ${columns}×${rows}, need ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`;
  // The one place that wraps text, so the one place that clips it to the frame height.
  return (
    <Box width={Math.max(1, columns - 1)} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text wrap="wrap">{message}</Text>
    </Box>
  );
}
