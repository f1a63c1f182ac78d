// Line charts as text with asciichart, for every chart the dashboard draws: series resampled to
// the pane's width (asciichart draws one column per value), the y range pinned to start at 0,
// axis labels that never repeat, and ASCII symbols when block and box glyphs are not wanted.
import asciichart from 'asciichart';
import {truncateToWidth} from './fit-text.js';

/** asciichart's symbol slots (corner, axis, ends, line, curves, vertical) in plain ASCII. */
const ASCII_SYMBOLS: [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
] = ['+', '|', '-', '-', '-', '\\', '/', '\\', '/', '|'];

export type PlotOptions = {
  width: number;
  /** Rows the plot takes. */
  rows: number;
  color: boolean;
  ascii: boolean;
  /** asciichart colour per series, used when `color`. */
  colors?: asciichart.Color[];
};

/**
 * The series (the first sets the length) as `rows` lines of at most `width` columns. asciichart
 * throws on an empty series and on NaN, and draws a flat series as one row, so values are
 * cleaned and the range runs from 0 to at least 1.
 */
export function plotLines(series: number[][], options: PlotOptions): string[] {
  const {width, rows, color, ascii} = options;
  if (rows <= 0) return [];
  const peak = Math.max(1, ...series.flat().filter((v) => Number.isFinite(v)));
  const intervals = Math.max(1, rows - 1);
  const axis = axisFormat(peak, intervals);
  const labelWidth = Math.max(3, axis(peak).length);
  const points = Math.max(2, width - labelWidth - 2);
  const plot = asciichart.plot(
    series.map((values) => resample(values, points)),
    {
      height: intervals,
      min: 0,
      max: peak,
      format: (x: number) => axis(x).padStart(labelWidth),
      ...(ascii ? {symbols: ASCII_SYMBOLS} : {}),
      ...(color && options.colors ? {colors: options.colors} : {}),
    },
  );
  // Colour codes do not take columns, but plain truncation would count them: cut only uncoloured.
  const lines = plot.split('\n').slice(0, rows);
  return color ? lines : lines.map((line) => truncateToWidth(line, width, ascii));
}

/**
 * Axis labels in one style for the whole axis, chosen by its peak, with as many decimals as it
 * takes for the labels asciichart puts on each row (peak × k ÷ intervals) to differ: a peak of 3
 * over 8 rows would otherwise read 0 0 1 1 1 2 2 3.
 */
export function axisFormat(peak: number, intervals: number): (x: number) => string {
  const thousands = peak >= 1000;
  const base = thousands ? 1 : peak >= 10 ? 0 : 1;
  for (let decimals = base; decimals <= base + 3; decimals++) {
    const format = (x: number) =>
      thousands ? `${(x / 1000).toFixed(decimals)}k` : x.toFixed(decimals);
    const labels = new Set<string>();
    for (let k = 0; k <= intervals; k++) labels.add(format((peak * k) / intervals));
    if (labels.size === intervals + 1) return format;
  }
  return (x: number) => x.toFixed(base + 3);
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
