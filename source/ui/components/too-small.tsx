// Shown instead of the dashboard when the terminal cannot hold it; keys (q) still work.
import React from 'react';
import {Text} from 'ink';
import {truncateToWidth} from '../fit-text.js';
import {MIN_COLUMNS, MIN_ROWS} from '../layout.js';

type Props = {columns: number; rows: number};

export function TooSmall({columns, rows}: Props) {
  const message = `Terminal too small: ${columns}×${rows}, need ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`;
  return (
    <Text wrap="wrap">
      {truncateToWidth(message, Math.max(1, columns * Math.max(1, rows - 1)))}
    </Text>
  );
}
