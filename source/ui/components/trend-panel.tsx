// An opened trend, in place of the posts/s chart: its numbers in the window, the terms seen
// most often with it (exact counts of posts carrying both), and its count per slide over the
// retained history drawn against its baseline.
import React from 'react';
import {Text} from 'ink';
import asciichart from 'asciichart';
import {formatDuration} from '../../core/duration.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {displayTerm, type TermKind} from '../../core/terms/term-kind.js';
import {fitToWidth} from '../fit-text.js';
import {glyphText} from '../glyphs.js';
import {plotLines} from '../line-plot.js';
import type {TrendDetailSnapshot} from '../trend-detail.js';
import {SegmentLine, type Segment} from './segment-line.js';
import {TitledPane} from './titled-pane.js';

type Props = {
  /** Undefined until the trend's first window is out. */
  trend?: TrendDetailSnapshot;
  /** The term as selected, shown until its detail exists. */
  label: string;
  /** The kind of term counted, for the signs of the trend and its companions. */
  terms: TermKind;
  /** Whether the term is among the chart's rows now. */
  listed: boolean;
  /** Rows listed in the chart (for "not in the top N"). */
  topRows: number;
  width: number;
  height: number;
  color: boolean;
  ascii: boolean;
};

/** A term as shown, with its kind's sign (`#StanLee`, `$AMD`, `@jack`, `sleep`). */
export function termLabel(kind: TermKind, display: string): string {
  return sanitizeForTerminal(displayTerm(kind, display));
}

export function TrendPanel(props: Props) {
  const {trend, label, terms, listed, topRows, width, height, color, ascii} = props;
  if (trend === undefined) {
    const waiting: Segment[] = [{text: label, bold: true}];
    return (
      <TitledPane width={width} height={height} color={color} ascii={ascii} title={waiting}>
        <Text dimColor={color}>
          {fitToWidth(glyphText('Waiting for its first window…', ascii), width, ascii)}
        </Text>
      </TitledPane>
    );
  }
  const slide = formatDuration(trend.slideMs);
  const last = trend.history.at(-1) ?? 0;
  const peak = Math.max(0, ...trend.history);
  const title: Segment[] = [
    {text: termLabel(terms, trend.display), bold: true, color: 'cyan'},
    {text: ` ${trend.count} in window`},
    {text: ` · last ${slide} ${last}`},
    {
      text:
        trend.baseline === undefined
          ? ' · baseline warming up'
          : ` · baseline ${formatBaseline(trend.baseline)}/${slide}`,
      color: 'yellow',
    },
    {text: ` · peak ${peak}`, dim: true},
    ...(listed ? [] : [{text: ` · not in the top ${topRows}`, dim: true}]),
  ];
  const companions: Segment[] = [
    {text: 'with', dim: true},
    ...(trend.cooccurring.length === 0
      ? [{text: ' nothing else in this window', dim: true}]
      : trend.cooccurring.map((term, i) => ({
          text: `${i === 0 ? ' ' : ' · '}${termLabel(terms, term.display)} ${term.count}`,
        }))),
    ...(trend.cooccurringFromMs > trend.windowStart
      ? [{text: ` (since ${formatDuration(trend.end - trend.cooccurringFromMs)} ago)`, dim: true}]
      : []),
  ];
  const plotRows = height - 2;
  const series = [trend.history];
  if (trend.baseline !== undefined) series.push(trend.history.map(() => trend.baseline!));
  const lines =
    plotRows >= 2
      ? plotLines(series, {
          width,
          rows: plotRows,
          color,
          ascii,
          colors: [asciichart.cyan, asciichart.yellow],
        })
      : [];
  return (
    <TitledPane width={width} height={height} color={color} ascii={ascii} title={title}>
      {height >= 2 ? (
        <SegmentLine width={width} color={color} ascii={ascii} segments={companions} />
      ) : null}
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </TitledPane>
  );
}

/** Mean posts per slide: one decimal, whole numbers without. */
export function formatBaseline(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
