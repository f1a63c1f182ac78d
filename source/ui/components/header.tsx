// The dashboard's top rows: what is being watched, where from and whether it is flowing, the
// window, the rates and counters, and the clock.
import React from 'react';
import {Box} from 'ink';
import {formatDuration} from '../../core/duration.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {describeState, type Tone} from '../source-state.js';
import type {DashboardSnapshot} from '../snapshot.js';
import {SegmentLine, type Segment} from './segment-line.js';

type Props = {
  snapshot: DashboardSnapshot;
  width: number;
  lines: 1 | 2;
  paused: boolean;
  color: boolean;
  ascii?: boolean;
};

export const TONE_COLORS: Record<Tone, string> = {
  ok: 'green',
  wait: 'yellow',
  warn: 'yellow',
  error: 'red',
};

export function Header({snapshot, width, lines, paused, color, ascii = false}: Props) {
  const state = describeState(snapshot);
  // The server's hello names the source and query: network data, so sanitised like posts.
  const source = sanitizeForTerminal(snapshot.source);
  const query = snapshot.query === '' ? '(everything)' : `"${sanitizeForTerminal(snapshot.query)}"`;
  // Narrow terminals keep the facts and drop the words around them.
  const narrow = width < 60;
  const windowLabel = formatWindow(snapshot.windowMs, snapshot.slideMs);
  const first: Segment[] = [
    ...(narrow ? [] : [{text: 'trendtui ', bold: true, color: 'cyan'}]),
    {text: `${source} `},
    {text: state.text, color: TONE_COLORS[state.tone], bold: state.tone === 'error'},
    {text: ` · ${narrow ? windowLabel : `window ${windowLabel}`}`},
    ...(paused
      ? [
          {text: ' ', color: undefined},
          {text: 'PAUSED', inverse: true, bold: true},
        ]
      : []),
    {text: ` · ${query}`, bold: true},
  ];
  const second: Segment[] = [
    {text: `${formatRate(snapshot.postsPerSecond)} posts/s`},
    {text: ` · ${snapshot.result?.posts ?? 0} in window`},
    {text: ` · late ${snapshot.late}`, color: snapshot.late > 0 ? 'yellow' : undefined},
    {text: ` · dropped ${snapshot.dropped}`, color: snapshot.dropped > 0 ? 'yellow' : undefined},
    {
      text: ` · duplicates ${snapshot.duplicates}`,
      color: snapshot.duplicates > 0 ? 'yellow' : undefined,
    },
    {text: ` · retweets ${snapshot.retweets ? 'on' : 'off'}`},
  ];
  return (
    <Box flexDirection="column" width={width} height={lines}>
      <SegmentLine
        segments={first}
        width={width}
        right={{text: formatClock(snapshot.clock ?? snapshot.now), dim: true}}
        color={color}
        ascii={ascii}
      />
      {lines === 2 ? (
        <SegmentLine segments={second} width={width} color={color} ascii={ascii} />
      ) : null}
    </Box>
  );
}

/** "20s/10s": window length / slide. */
export function formatWindow(windowMs: number, slideMs: number): string {
  return `${formatDuration(windowMs)}/${formatDuration(slideMs)}`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 100) return String(Math.round(perSecond));
  return perSecond.toFixed(1);
}

/** Local wall-clock time, HH:MM:SS. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
