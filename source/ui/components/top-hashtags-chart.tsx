// The top hashtags of the current window as horizontal bars: rank, tag, bar, count and how the
// tag moved since the previous slide.
import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/duration.js';
import {horizontalBar} from '../bar.js';
import type {MovedTag, ShownResult} from '../rank-moves.js';
import {fitToWidth, padStartToWidth, stringWidth} from '../fit-text.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {glyphText} from '../glyphs.js';
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
  /** The selected term's key: its row is marked (and highlighted while the chart has focus). */
  selected?: string;
  focused?: boolean;
  /** A line to show about the selection ("#foo left the top 10"). */
  message?: string;
};

const CHANGE_WIDTH = 3;

export function TopHashtagsChart({
  result,
  rows,
  width,
  title,
  ascii,
  color,
  waiting,
  selected,
  focused,
  message,
}: Props) {
  // Without a title row, a message takes the last bar's row.
  const messageRow = message !== undefined && !title;
  const top = (result?.top ?? []).slice(0, messageRow ? rows - 1 : rows);
  const max = top[0]?.count ?? 0;
  const rankWidth = String(Math.max(1, top.length)).length;
  const countWidth = Math.max(1, ...top.map((t) => String(t.count).length));
  const labels = top.map((t) => '#' + sanitizeForTerminal(t.display));
  const labelWidth = Math.min(
    Math.max(4, ...labels.map((l) => stringWidth(l))),
    Math.max(8, Math.floor(width * 0.3)),
  );
  // marker, rank, label, bar, count, change, with one space between each but the first
  const barWidth = Math.max(1, width - 1 - rankWidth - labelWidth - countWidth - CHANGE_WIDTH - 4);
  const empty = glyphText(
    result === undefined ? waiting : 'No hashtags in this window yet.',
    ascii,
  );
  return (
    <Box flexDirection="column" width={width} height={rows + (title ? 1 : 0)}>
      {title ? (
        <SegmentLine
          width={width}
          color={color}
          ascii={ascii}
          segments={[
            {text: 'Top hashtags', bold: true, inverse: focused === true},
            ...(message !== undefined
              ? [{text: ` · ${message}`, color: 'yellow'}]
              : result
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
          {tag.key === selected ? (ascii ? '>' : '›') : ' '}
          {padStartToWidth(String(tag.rank), rankWidth)}{' '}
          <Text inverse={tag.key === selected && focused === true} bold={tag.key === selected}>
            {fitToWidth(labels[i] ?? '', labelWidth, ascii)}
          </Text>{' '}
          <Text color={color ? 'cyan' : undefined}>
            {fitToWidth(horizontalBar(tag.count, max, barWidth, ascii), barWidth)}
          </Text>{' '}
          {padStartToWidth(String(tag.count), countWidth)}{' '}
          <Change tag={tag} ascii={ascii} color={color} />
        </Text>
      ))}
      {messageRow ? (
        <Text color={color ? 'yellow' : undefined}>{fitToWidth(message, width, ascii)}</Text>
      ) : null}
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
