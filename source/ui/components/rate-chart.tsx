// Posts per second over the recent past as an asciichart line chart. The series is resampled to
// the pane's width (asciichart has no width option: one column per value).
import React from 'react';
import {Box, Text} from 'ink';
import asciichart from 'asciichart';
import {formatDuration} from '../../core/duration.js';
import {truncateToWidth} from '../fit-text.js';
import {SegmentLine} from './segment-line.js';

type Props = {
  /** Posts per second, oldest first. */
  rate: number[];
  spanMs: number;
  width: number;
  /** Rows including the title row. */
  height: number;
  color: boolean;
};

export function RateChart({rate, spanMs, width, height, color}: Props) {
  const lines = plotRate(rate, width, height - 1, color);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SegmentLine
        width={width}
        color={color}
        segments={[
          {text: 'Posts/s', bold: true},
          {text: ` · last ${formatDuration(spanMs)}`, dim: true},
        ]}
      />
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

/**
 * The chart as `rows` lines of at most `width` columns. asciichart throws on an empty series
 * and on NaN, and draws a flat series as one row, so the series is cleaned and the y range is
 * pinned to start at 0 with at least 1 on top.
 */
export function plotRate(rate: number[], width: number, rows: number, color: boolean): string[] {
  if (rows <= 0) return [];
  const peak = Math.max(1, ...rate.filter((v) => Number.isFinite(v)));
  const axis = (x: number) => formatAxis(x, peak);
  const labelWidth = Math.max(3, axis(peak).length);
  const points = Math.max(2, width - labelWidth - 2);
  const series = resample(rate, points);
  const plot = asciichart.plot(series, {
    height: Math.max(1, rows - 1),
    min: 0,
    max: peak,
    format: (x: number) => axis(x).padStart(labelWidth),
    ...(color ? {colors: [asciichart.cyan]} : {}),
  });
  // Colour codes do not take columns, but plain truncation would count them: cut only uncoloured.
  const lines = plot.split('\n').slice(0, rows);
  return color ? lines : lines.map((line) => truncateToWidth(line, width));
}

/** Axis labels in one style for the whole axis, chosen by its peak. */
function formatAxis(x: number, peak: number): string {
  if (peak >= 1000) return `${(x / 1000).toFixed(1)}k`;
  if (peak >= 10) return x.toFixed(0);
  return x.toFixed(1);
}

/** `values` averaged into exactly `points` buckets (finite numbers only, 0 when empty). */
export function resample(values: number[], points: number): number[] {
  const clean = values.map((v) => (Number.isFinite(v) ? v : 0));
  if (clean.length === 0) return new Array<number>(points).fill(0);
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const from = Math.floor((i * clean.length) / points);
    const to = Math.max(from + 1, Math.floor(((i + 1) * clean.length) / points));
    let sum = 0;
    for (let j = from; j < to; j++) sum += clean[Math.min(j, clean.length - 1)] ?? 0;
    out.push(sum / (to - from));
  }
  return out;
}
