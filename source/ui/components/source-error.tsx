// A source that stopped for good (a rejected token, no access): its whole message, wrapped over
// the body's rows in place of charts that can no longer change, and what to do next.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {wrapToWidth} from '../fit-text.js';
import {glyphText} from '../glyphs.js';

type Props = {detail: string; width: number; height: number; color: boolean; ascii: boolean};

export function SourceError({detail, width, height, color, ascii}: Props) {
  const message = wrapToWidth(glyphText(sanitizeForTerminal(detail), ascii), width);
  const after = wrapToWidth(
    'q quits; the message is printed again when the dashboard closes.',
    width,
  );
  // The message first: on a short body it keeps its rows and the advice goes.
  const lines = [...message, '', ...after].slice(0, Math.max(0, height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, i) => (
        <Text
          key={i}
          color={color && i < message.length ? 'red' : undefined}
          dimColor={color && i > message.length}
          wrap="truncate-end"
        >
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
