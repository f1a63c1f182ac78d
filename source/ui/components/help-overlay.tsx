// The `?` screen: every key and what it does. Replaces the panes while open (Ink has no layers).
import React from 'react';
import {Text} from 'ink';
import {fitToWidth, wrapToWidth} from '../fit-text.js';
import {glyphText} from '../glyphs.js';
import type {Segment} from './segment-line.js';
import {TitledPane} from './titled-pane.js';

type Props = {
  width: number;
  height: number;
  color: boolean;
  ascii: boolean;
  /** Demo source: how to go live, shown here in full (the notice line may cut it). */
  hint?: string;
};

export function helpLines(ascii: boolean): Array<[string, string]> {
  return [
    ['q, Ctrl-C', 'quit'],
    ['+  -', 'window longer / shorter'],
    [']  [', 'slide longer / shorter'],
    ['p, space', 'pause / resume the display (counting goes on)'],
    ['r', 'count retweets on / off'],
    ['t', 'count hashtags, words, cashtags or mentions'],
    ['o', 'order by posts, accounts or rising'],
    ['Tab', 'focus the chart / the posts'],
    [ascii ? 'up  down' : '↑  ↓', 'scroll the posts / select a trend'],
    ['Enter', 'open the selected trend'],
    ['/', 'filter the posts by a text'],
    ['?', 'this help'],
    ['Esc', 'close help, clear the filter, close the trend'],
  ];
}

/** What the numbers on screen mean, one line each. */
export function meaningLines(ascii: boolean): Array<[string, string]> {
  return [
    [ascii ? '^ v  new' : '▲ ▼  new', 'places moved since the last window / not in its top'],
    ['late', 'posts too old for any window still open, not counted'],
    ['dropped', 'posts the server skipped because this display fell behind'],
    ['duplicates', 'posts whose id was already counted, counted once'],
    ['score', 'rising: (accounts − mean before)² ÷ max(mean, 1)'],
    ['partial', 'a window just made longer, reaching back before the posts held'],
  ];
}

export function HelpOverlay({width, height, color, ascii, hint}: Props) {
  // The go-live hint comes first: a small terminal has no notice line, so this is the only
  // place it can be read, and the last keys it may push out are named in the title anyway.
  const body = height - 1;
  const hintLines = (hint ? wrapToWidth(hint, width) : []).slice(0, Math.max(0, body));
  const lines = [...helpLines(ascii), ...meaningLines(ascii)].slice(
    0,
    Math.max(0, body - hintLines.length),
  );
  const room = body - hintLines.length - lines.length;
  const remembered = ['Window, slide, terms and order chosen here are remembered.'].slice(
    0,
    Math.max(0, room),
  );
  const title: Segment[] = [
    {text: 'Keys', bold: true},
    {text: ' · Esc or ? closes', dim: true},
  ];
  return (
    <TitledPane width={width} height={height} color={color} ascii={ascii} title={title}>
      {hintLines.map((line, i) => (
        <Text key={`hint-${i}`} dimColor={color} wrap="truncate-end">
          {fitToWidth(line, width)}
        </Text>
      ))}
      {lines.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold color={color ? 'cyan' : undefined}>
            {fitToWidth(key, 11)}
          </Text>
          {fitToWidth(glyphText(what, ascii), Math.max(0, width - 11), ascii)}
        </Text>
      ))}
      {remembered.map((line, i) => (
        <Text key={`extra-${i}`} dimColor={color} wrap="truncate-end">
          {fitToWidth(line, width)}
        </Text>
      ))}
    </TitledPane>
  );
}
