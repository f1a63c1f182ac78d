// The top hashtags of the current window as horizontal bars: rank, tag, bar, count and how the
// tag moved since the previous slide.
import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/duration.js';
import {horizontalBar} from '../bar.js';
import type {MovedTag, ShownResult} from '../rank-moves.js';
import {fitToWidth, padStartToWidth, stringWidth} from '../fit-text.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {formatClock} from './header.js';
import {SegmentLine} from './segment-line.js';

type Props = {
  result?: ShownResult;
  /** How many bars to draw (rows). */
  rows: number;
  width: number;
  title: boolean;
  ascii: boolean;
  color: boolean;
  /** Shown while no window has been emitted yet. */
  waiting: string;
};

const CHANGE_WIDTH = 3;

export function TopHashtagsChart({result, rows, width, title, ascii, color, waiting}: Props) {
  const top = (result?.top ?? []).slice(0, rows);
  const max = top[0]?.count ?? 0;
  const rankWidth = String(Math.max(1, top.length)).length;
  const countWidth = Math.max(1, ...top.map((t) => String(t.count).length));
  const labels = top.map((t) => '#' + sanitizeForTerminal(t.display));
  const labelWidth = Math.min(
    Math.max(4, ...labels.map((l) => stringWidth(l))),
    Math.max(8, Math.floor(width * 0.3)),
  );
  // rank, label, bar, count, change, with one space between each
  const barWidth = Math.max(1, width - rankWidth - labelWidth - countWidth - CHANGE_WIDTH - 4);
  const empty = result === undefined ? waiting : 'No hashtags in this window yet.';
  return (
    <Box flexDirection="column" width={width} height={rows + (title ? 1 : 0)}>
      {title ? (
        <SegmentLine
          width={width}
          color={color}
          segments={[
            {text: 'Top hashtags', bold: true},
            ...(result
              ? [
                  {
                    text: ` · ${formatDuration(result.windowMs)} to ${formatClock(result.end)} · ${result.posts} posts`,
                    dim: true,
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {top.length === 0 ? <Text dimColor={color}>{fitToWidth(empty, width)}</Text> : null}
      {top.map((tag, i) => (
        <Text key={tag.key} wrap="truncate-end">
          {padStartToWidth(String(tag.rank), rankWidth)} {fitToWidth(labels[i] ?? '', labelWidth)}{' '}
          <Text color={color ? 'cyan' : undefined}>
            {fitToWidth(horizontalBar(tag.count, max, barWidth, ascii), barWidth)}
          </Text>{' '}
          {padStartToWidth(String(tag.count), countWidth)}{' '}
          <Change tag={tag} ascii={ascii} color={color} />
        </Text>
      ))}
    </Box>
  );
}

function Change({tag, ascii, color}: {tag: MovedTag; ascii: boolean; color: boolean}) {
  const text = describeChange(tag, ascii);
  const tone = tag.isNew ? 'yellow' : (tag.rankChange ?? 0) > 0 ? 'green' : 'red';
  return <Text color={color && text.trim() !== '' ? tone : undefined}>{text}</Text>;
}

/** "▲2", "▼1", "new" or blank, always CHANGE_WIDTH columns. */
export function describeChange(tag: MovedTag, ascii: boolean): string {
  let text = '';
  if (tag.isNew) text = 'new';
  else if (tag.rankChange && tag.rankChange > 0) text = (ascii ? '^' : '▲') + tag.rankChange;
  else if (tag.rankChange && tag.rankChange < 0) text = (ascii ? 'v' : '▼') + -tag.rankChange;
  return fitToWidth(text, CHANGE_WIDTH);
}
