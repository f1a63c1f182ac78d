// Posts per second over the recent past as an asciichart line chart. The series is resampled to
// the pane's width (asciichart has no width option: one column per value).
import React from 'react';
import {Text} from 'ink';
import asciichart from 'asciichart';
import {formatDuration} from '../../core/duration.js';
import {plotLines, resample} from '../line-plot.js';
import type {Segment} from './segment-line.js';
import {TitledPane} from './titled-pane.js';

type Props = {
  /** Posts per second, oldest first. */
  rate: number[];
  spanMs: number;
  width: number;
  /** Rows including the title row. */
  height: number;
  color: boolean;
  ascii: boolean;
};

export function RateChart({rate, spanMs, width, height, color, ascii}: Props) {
  const lines = plotRate(rate, width, height - 1, color, ascii);
  const title: Segment[] = [
    {text: 'Posts/s', bold: true},
    {text: ` · last ${formatDuration(spanMs)}`, dim: true},
  ];
  return (
    <TitledPane width={width} height={height} color={color} ascii={ascii} title={title}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </TitledPane>
  );
}

/** The posts/s chart as `rows` lines of at most `width` columns. */
export function plotRate(
  rate: number[],
  width: number,
  rows: number,
  color: boolean,
  ascii = false,
): string[] {
  return plotLines([rate], {width, rows, color, ascii, colors: [asciichart.cyan]});
}

export {resample};
