// The `?` screen: every key and what it does. Replaces the panes while open (Ink has no layers).
import React from 'react';
import {Box, Text} from 'ink';
import {fitToWidth} from '../fit-text.js';
import {SegmentLine} from './segment-line.js';

type Props = {width: number; height: number; color: boolean; ascii: boolean};

export function helpLines(ascii: boolean): Array<[string, string]> {
  return [
    ['q, Ctrl-C', 'quit'],
    ['+  -', 'window longer / shorter'],
    [']  [', 'slide longer / shorter'],
    ['p, space', 'pause / resume the display (counting goes on)'],
    ['r', 'count retweets on / off'],
    [ascii ? 'up  down' : '↑  ↓', 'scroll the posts'],
    ['?', 'this help'],
    ['Esc', 'close this help'],
  ];
}

export function HelpOverlay({width, height, color, ascii}: Props) {
  const lines = helpLines(ascii).slice(0, Math.max(0, height - 2));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <SegmentLine
        width={width}
        color={color}
        segments={[
          {text: 'Keys', bold: true},
          {text: ' · Esc or ? closes', dim: true},
        ]}
      />
      {lines.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold color={color ? 'cyan' : undefined}>
            {fitToWidth(key, 11)}
          </Text>
          {fitToWidth(what, Math.max(0, width - 11))}
        </Text>
      ))}
      {height - 1 > lines.length ? (
        <Text dimColor={color} wrap="truncate-end">
          {fitToWidth('Window and slide chosen here are remembered for next time.', width)}
        </Text>
      ) : null}
    </Box>
  );
}
