// Shown instead of the dashboard when the terminal cannot hold it; keys (q) still work.
import React from 'react';
import {Box, Text} from 'ink';
import {glyphText} from '../glyphs.js';
import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';

type Props = {columns: number; rows: number; ascii?: boolean};

export function TooSmall({columns, rows, ascii = false}: Props) {
  const message = glyphText(
    `Terminal too small: ${columns}×${rows}, need ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`,
    ascii,
  );
  // The one place that wraps text, so the one place that clips it to the frame height.
  return (
    <Box width={Math.max(1, columns - 1)} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text wrap="wrap">{message}</Text>
    </Box>
  );
}
