// Decides, from the terminal's size alone, which panes the dashboard shows and how many rows and
// columns each gets. Everything is derived from {columns, rows} so that a resize reflows at once
// and the frame never reaches the terminal's full height (Ink 6 clears the whole screen, scrollback
// included, on every frame once the frame is as tall as the terminal).

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** From this width on, the post pane sits beside the charts instead of below them. */
export const SIDE_BY_SIDE_COLUMNS = 100;
/** The bar chart shows this many trends unless `--top` asks otherwise (it always fits). */
export const TOP_ROWS = 10;

const MIN_POSTS_HEIGHT = 3; // title + 2 posts
const MIN_CHART_HEIGHT = 4; // title + 3 plot rows
const MAX_CHART_HEIGHT = 9;

export type PaneBox = {width: number; height: number};

export type DashboardLayout = {
  kind: 'dashboard';
  arrangement: 'side-by-side' | 'stacked';
  /** Columns the frame uses: the terminal's width minus one. */
  columns: number;
  /** Rows the whole frame uses: always at most rows − 1. */
  frameHeight: number;
  headerLines: 1 | 2;
  notice: boolean;
  footer: boolean;
  barsTitle: boolean;
  /** Trends the bar chart lists: up to `--top`, as many as the rows allow, at least min(top, 10). */
  barRows: number;
  /** Bar chart box (barRows rows, plus a title line when barsTitle). */
  bars: PaneBox;
  chart?: PaneBox;
  posts?: PaneBox;
  /** Width of the left column in side-by-side mode (bars and chart). */
  leftWidth: number;
};

export type TooSmallLayout = {kind: 'too-small'; columns: number; rows: number};

export type Layout = DashboardLayout | TooSmallLayout;

/** `top`: trends wanted (`--top`); 0 = as many as fit. */
export function computeLayout(columns: number, rows: number, top = TOP_ROWS): Layout {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return {kind: 'too-small', columns, rows};
  const wanted = top <= 0 ? Number.POSITIVE_INFINITY : top;
  const frameHeight = rows - 1;
  // The last column stays empty too. A row that fills the terminal exactly leaves the cursor in
  // the "pending wrap" state, and a character the terminal draws one column wider than
  // string-width thinks (emoji, ambiguous-width symbols) would wrap the row: either way the
  // frame grows a row, scrolls, and Ink's line-counting redraw loses the top line.
  const width = columns - 1;
  if (columns >= SIDE_BY_SIDE_COLUMNS) {
    const wide = sideBySide(width, frameHeight, wanted);
    if (wide) return wide;
  }
  return stacked(width, frameHeight, wanted);
}

function sideBySide(
  columns: number,
  frameHeight: number,
  wanted: number,
): DashboardLayout | undefined {
  const body = frameHeight - 2 - 1 - 1; // header, notice, footer
  const least = Math.min(wanted, TOP_ROWS);
  if (body < least + 1) return undefined;
  // More than ten bars only where the posts/s chart keeps its least height.
  const barRows = Math.min(wanted, Math.max(least, body - 1 - MIN_CHART_HEIGHT));
  const barsHeight = barRows + 1;
  const leftWidth = Math.floor(columns * 0.55);
  const rightWidth = columns - leftWidth - 1;
  const chartHeight = body - barsHeight;
  return {
    kind: 'dashboard',
    arrangement: 'side-by-side',
    columns,
    frameHeight,
    headerLines: 2,
    notice: true,
    footer: true,
    barsTitle: true,
    barRows,
    bars: {width: leftWidth, height: barsHeight},
    chart: chartHeight >= MIN_CHART_HEIGHT ? {width: leftWidth, height: chartHeight} : undefined,
    posts: {width: rightWidth, height: body},
    leftWidth,
  };
}

/**
 * Stacked: give rows out in order of importance, so a short terminal loses the least useful
 * parts first (chart, then posts, then the notice, …) and always keeps the ten bars.
 */
function stacked(columns: number, frameHeight: number, wanted: number): DashboardLayout {
  const least = Math.min(wanted, TOP_ROWS);
  let free = frameHeight - 1 - least; // header line 1 and ten bars always fit (rows >= 12)
  const take = (n: number): boolean => {
    if (free < n) return false;
    free -= n;
    return true;
  };
  const footer = take(1);
  const secondHeaderLine = footer && take(1);
  const barsTitle = secondHeaderLine && take(1);
  const notice = barsTitle && take(1);
  const posts = notice && take(MIN_POSTS_HEIGHT);
  const chart = posts && take(MIN_CHART_HEIGHT);
  let postsHeight = posts ? MIN_POSTS_HEIGHT : 0;
  let chartHeight = chart ? MIN_CHART_HEIGHT : 0;
  // Bars beyond ten, when asked for, take up to half of what is left.
  const extraBars = Math.min(wanted - least, Math.floor(free / 2));
  free -= extraBars;
  const barRows = least + extraBars;
  // Share what is left: the chart grows to a readable height, the posts take the rest.
  if (chart) {
    const extra = Math.min(free, MAX_CHART_HEIGHT - chartHeight, Math.floor(free / 2));
    chartHeight += extra;
    free -= extra;
  }
  if (posts) {
    postsHeight += free;
    free = 0;
  }
  return {
    kind: 'dashboard',
    arrangement: 'stacked',
    columns,
    frameHeight,
    headerLines: secondHeaderLine ? 2 : 1,
    notice,
    footer,
    barsTitle,
    barRows,
    bars: {width: columns, height: barRows + (barsTitle ? 1 : 0)},
    chart: chart ? {width: columns, height: chartHeight} : undefined,
    posts: posts ? {width: columns, height: postsHeight} : undefined,
    leftWidth: columns,
  };
}

/** Rows the layout's panes add up to; never more than frameHeight. */
export function usedRows(layout: DashboardLayout): number {
  const header = layout.headerLines + (layout.notice ? 1 : 0);
  const footer = layout.footer ? 1 : 0;
  if (layout.arrangement === 'side-by-side') {
    const left = layout.bars.height + (layout.chart?.height ?? 0);
    return header + Math.max(left, layout.posts?.height ?? 0) + footer;
  }
  return (
    header + layout.bars.height + (layout.chart?.height ?? 0) + (layout.posts?.height ?? 0) + footer
  );
}

/** Where an opened trend goes: its panel, the (filtered) posts, and the bars if they still fit. */
export type OpenLayout = {bars?: PaneBox; panel: PaneBox; posts: PaneBox};

const MIN_PANEL_HEIGHT = 5; // title, companions, 3 plot rows

export function openLayout(layout: DashboardLayout): OpenLayout {
  if (layout.arrangement === 'side-by-side') {
    const posts = layout.posts ?? {width: layout.columns, height: 0};
    // The bars stay (the selection can still move); the panel takes the chart's place.
    if (layout.chart && layout.chart.height >= MIN_PANEL_HEIGHT) {
      return {bars: layout.bars, panel: layout.chart, posts};
    }
    const height = layout.bars.height + (layout.chart?.height ?? 0);
    return {panel: {width: layout.leftWidth, height}, posts};
  }
  // Stacked: the panel and the posts share everything below the header.
  const total = layout.bars.height + (layout.chart?.height ?? 0) + (layout.posts?.height ?? 0);
  const postsHeight = Math.max(MIN_POSTS_HEIGHT, Math.floor(total * 0.45));
  return {
    panel: {width: layout.columns, height: total - postsHeight},
    posts: {width: layout.columns, height: postsHeight},
  };
}

/**
 * The bar row (0-based rank index) drawn at a terminal cell, 1-based as mouse reports give it;
 * undefined off the bars. `open`: a trend is open (the bars may have made way for it).
 */
export function barRowAt(
  layout: DashboardLayout,
  open: boolean,
  x: number,
  y: number,
): number | undefined {
  const bars = open ? openLayout(layout).bars : layout.bars;
  if (bars === undefined) return undefined;
  const top = layout.headerLines + (layout.notice ? 1 : 0) + (layout.barsTitle ? 1 : 0);
  const row = y - 1 - top;
  if (x < 1 || x > bars.width || row < 0 || row >= layout.barRows) return undefined;
  return row;
}
