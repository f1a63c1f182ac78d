// The top trends of the current window as horizontal bars: rank, term, bar, the number it is
// ranked by (posts, accounts or the rising score) and how the term moved since the previous
// slide. The title says what is counted and how it is ordered.
import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/duration.js';
import type {RankOrder} from '../../core/rank-order.js';
import {displayTerm, type TermKind} from '../../core/terms/term-kind.js';
import {horizontalBar} from '../bar.js';
import type {MovedTag, ShownResult} from '../rank-moves.js';
import {fitToWidth, padStartToWidth, stringWidth} from '../fit-text.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {glyphText} from '../glyphs.js';
import {formatClock} from './header.js';
import {SegmentLine} from './segment-line.js';

type Props = {
  result?: ShownResult;
  /** What is counted and how it is ordered, for the title (the result may be of the last setting). */
  terms: TermKind;
  rank: RankOrder;
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
  /** While no post comes: for how long and what the source is doing, shown in an empty window. */
  quiet?: string;
};

const CHANGE_WIDTH = 3;

/** "Top hashtags by accounts", "Rising cashtags". */
export function chartTitle(terms: TermKind, rank: RankOrder): string {
  return rank === 'rising' ? `Rising ${terms}` : `Top ${terms} by ${rank}`;
}

/** The number a term is ranked by, as the bars show it. */
function rankedValue(tag: MovedTag, rank: RankOrder): number {
  if (rank === 'accounts') return tag.accounts;
  if (rank === 'rising') return tag.score ?? 0;
  return tag.count;
}

function formatValue(value: number, rank: RankOrder): string {
  return rank === 'rising' ? value.toFixed(1) : String(value);
}

/** Memoised: its result changes once a slide, while the frame is redrawn several times a second. */
export const TopHashtagsChart = React.memo(function TopHashtagsChart({
  result,
  terms,
  rank,
  rows,
  width,
  title,
  ascii,
  color,
  waiting,
  selected,
  focused,
  message,
  quiet,
}: Props) {
  // Without a title row, a message takes the last bar's row.
  const messageRow = message !== undefined && !title;
  const top = (result?.top ?? []).slice(0, messageRow ? rows - 1 : rows);
  // Until the window is re-emitted in the new setting, draw what it was emitted with.
  const order = result?.rank ?? rank;
  const kind = result?.terms ?? terms;
  const values = top.map((t) => rankedValue(t, order));
  const shown = values.map((value) => formatValue(value, order));
  const max = values[0] ?? 0;
  const rankWidth = String(Math.max(1, top.length)).length;
  const countWidth = Math.max(1, ...shown.map((text) => text.length));
  const labels = top.map((t) => sanitizeForTerminal(displayTerm(kind, t.display)));
  const labelWidth = Math.min(
    Math.max(4, ...labels.map((l) => stringWidth(l))),
    Math.max(8, Math.floor(width * 0.3)),
  );
  // marker, rank, label, bar, count, change, with one space between each but the first
  const barWidth = Math.max(1, width - 1 - rankWidth - labelWidth - countWidth - CHANGE_WIDTH - 4);
  const empty = glyphText(
    result === undefined
      ? waiting
      : result.posts === 0 && quiet !== undefined
        ? `No posts in this window: ${quiet}`
        : result.warmingUp
          ? 'Warming up: rising needs an earlier window to compare against.'
          : order === 'rising'
            ? 'Nothing rising: no term has more accounts than its baseline.'
            : `No ${kind} in this window yet.`,
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
            {text: chartTitle(terms, rank), bold: true, inverse: focused === true},
            ...(message !== undefined
              ? [{text: ` · ${message}`, color: 'yellow'}]
              : result
                ? [
                    {
                      text: ` · ${formatDuration(result.windowMs)} to ${formatClock(result.end)}${result.partial ? ' (partial)' : ''} · ${result.posts} posts`,
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
            {fitToWidth(horizontalBar(values[i]!, max, barWidth, ascii), barWidth)}
          </Text>{' '}
          {padStartToWidth(shown[i]!, countWidth)} <Change tag={tag} ascii={ascii} color={color} />
        </Text>
      ))}
      {messageRow ? (
        <Text color={color ? 'yellow' : undefined}>{fitToWidth(message, width, ascii)}</Text>
      ) : null}
    </Box>
  );
});

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
