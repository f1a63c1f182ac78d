// The whole frame, as a function of the terminal size, the latest snapshot and the view state.
// The root box is exactly the layout's frame height (rows − 1), never the terminal's height.
import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/duration.js';
import {computeLayout, openLayout, type DashboardLayout} from '../layout.js';
import type {SelectionState} from '../hooks/use-selection-state.js';
import {glyphText} from '../glyphs.js';
import type {DashboardSnapshot} from '../snapshot.js';
import {describeSilence, silenceLine} from '../silence.js';
import {describeProblem, describeState, finalError} from '../source-state.js';
import {fitToWidth} from '../fit-text.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {Footer} from './footer.js';
import {Header, TONE_COLORS} from './header.js';
import {HelpOverlay} from './help-overlay.js';
import {PostPane} from './post-pane.js';
import {RateChart} from './rate-chart.js';
import {SourceError} from './source-error.js';
import {TooSmall} from './too-small.js';
import {TopHashtagsChart} from './top-hashtags-chart.js';
import {termLabel, TrendPanel} from './trend-panel.js';

export type ViewState = {
  paused: boolean;
  help: boolean;
  /** Posts scrolled past at the top of the post pane. */
  scroll: number;
  /** Focus, selected and opened trend, post filter (none: the post pane has the focus). */
  selection?: SelectionState;
};

type Props = {
  columns: number;
  rows: number;
  /** Drives the header (always current). */
  live: DashboardSnapshot;
  /** Drives the panes: the live snapshot, or the one frozen when the display was paused. */
  shown: DashboardSnapshot;
  view: ViewState;
  color: boolean;
  ascii: boolean;
  /** Demo source: how to go live. */
  hint?: string;
  /** Whether keys can be read at all (false: no terminal to read them from). */
  keys?: boolean;
  /** Trends wanted (`--top`); 0 = as many as fit. */
  top?: number;
};

export function DashboardView({
  columns,
  rows,
  live,
  shown,
  view,
  color,
  ascii,
  hint,
  keys = true,
  top,
}: Props) {
  const layout = computeLayout(columns, rows, top);
  if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} ascii={ascii} />;
  // No overflow clipping: every pane draws exactly the rows and columns the layout gave it
  // (clipping would make Ink re-slice every line of every frame).
  const width = layout.columns;
  const fatal = finalError(live);
  return (
    <Box flexDirection="column" width={width} height={layout.frameHeight}>
      <Header
        snapshot={live}
        width={width}
        lines={layout.headerLines}
        paused={view.paused}
        color={color}
        ascii={ascii}
      />
      {layout.notice ? (
        <Notice snapshot={live} width={width} color={color} ascii={ascii} hint={hint} />
      ) : null}
      {view.help ? (
        <HelpOverlay
          width={width}
          height={bodyHeight(layout)}
          color={color}
          ascii={ascii}
          hint={hint}
        />
      ) : fatal !== undefined ? (
        <SourceError
          detail={fatal}
          width={width}
          height={bodyHeight(layout)}
          color={color}
          ascii={ascii}
        />
      ) : (
        <Body layout={layout} snapshot={shown} view={view} color={color} ascii={ascii} />
      )}
      {layout.footer ? (
        <Footer
          keys={keys}
          width={width}
          color={color}
          ascii={ascii}
          focus={view.selection?.focus ?? 'posts'}
          open={view.selection?.open !== undefined}
          editing={view.selection?.editing ?? false}
        />
      ) : null}
    </Box>
  );
}

function Body({
  layout,
  snapshot,
  view,
  color,
  ascii,
}: {
  layout: DashboardLayout;
  snapshot: DashboardSnapshot;
  view: ViewState;
  color: boolean;
  ascii: boolean;
}) {
  const selection = view.selection;
  const open = selection?.open;
  const listed = (snapshot.result?.top ?? []).slice(0, layout.barRows);
  const selectedListed =
    selection?.selected !== undefined && listed.some((t) => t.key === selection.selected!.key);
  // The selection follows the term; when the term is no longer listed, say so.
  const message =
    selection?.selected !== undefined && !selectedListed && snapshot.result !== undefined
      ? `${termLabel(snapshot.terms, selection.selected.display)} left the top ${layout.barRows}`
      : undefined;
  const boxes = open ? openLayout(layout) : undefined;
  const barsBox = boxes ? boxes.bars : layout.bars;
  const bars = barsBox ? (
    <TopHashtagsChart
      result={snapshot.result}
      terms={snapshot.terms}
      rank={snapshot.rank}
      rows={layout.barRows}
      width={barsBox.width}
      title={layout.barsTitle}
      ascii={ascii}
      color={color}
      // Each only where the chart shows it, so that between slides its props stay equal and
      // the memoised chart is not drawn again (it was 5 % of the dashboard's busy CPU).
      waiting={snapshot.result === undefined ? waitingText(snapshot) : ''}
      selected={selectedListed ? selection?.selected?.key : undefined}
      focused={selection?.focus === 'chart'}
      message={message}
      quiet={snapshot.result?.posts === 0 ? quietLine(snapshot) : undefined}
    />
  ) : null;
  const second = boxes ? (
    <TrendPanel
      trend={snapshot.trend?.key === open?.key ? snapshot.trend : undefined}
      label={termLabel(snapshot.terms, open!.display)}
      terms={snapshot.terms}
      listed={listed.some((t) => t.key === open!.key)}
      topRows={layout.barRows}
      width={boxes.panel.width}
      height={boxes.panel.height}
      color={color}
      ascii={ascii}
    />
  ) : layout.chart ? (
    <RateChart
      rate={snapshot.rate}
      spanMs={snapshot.rateSpanMs}
      width={layout.chart.width}
      height={layout.chart.height}
      color={color}
      ascii={ascii}
    />
  ) : null;
  const postsBox = boxes ? boxes.posts : layout.posts;
  const trendPosts = open && snapshot.trend?.key === open.key ? snapshot.trend.posts : [];
  const posts =
    postsBox && postsBox.height > 0 ? (
      <PostPane
        posts={filterPosts(open ? trendPosts : snapshot.posts, selection?.filter ?? '')}
        sampled={
          !open && snapshot.postsPerSecond > snapshot.listedPerSecond
            ? {listed: snapshot.listedPerSecond, arriving: snapshot.postsPerSecond}
            : undefined
        }
        offset={view.scroll}
        width={postsBox.width}
        height={postsBox.height}
        color={color}
        ascii={ascii}
        focused={selection?.focus === 'posts'}
        carrying={open ? termLabel(snapshot.terms, open.display) : undefined}
        filter={selection?.filter ?? ''}
        editing={selection?.editing ?? false}
      />
    ) : null;
  if (layout.arrangement === 'side-by-side') {
    return (
      <Box flexDirection="row" height={bodyHeight(layout)} gap={1}>
        <Box flexDirection="column" width={layout.leftWidth}>
          {bars}
          {second}
        </Box>
        {posts}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={bodyHeight(layout)}>
      {bars}
      {second}
      {posts}
    </Box>
  );
}

/** Posts whose text or author contains `filter`, any case. */
export function filterPosts<P extends {text: string; author?: string}>(
  posts: P[],
  filter: string,
): P[] {
  if (filter === '') return posts;
  const needle = filter.toLowerCase();
  return posts.filter(
    (post) =>
      post.text.toLowerCase().includes(needle) ||
      (post.author ?? '').toLowerCase().includes(needle),
  );
}

function bodyHeight(layout: DashboardLayout): number {
  return (
    layout.frameHeight - layout.headerLines - (layout.notice ? 1 : 0) - (layout.footer ? 1 : 0)
  );
}

function Notice({
  snapshot,
  width,
  color,
  ascii,
  hint,
}: {
  snapshot: DashboardSnapshot;
  width: number;
  color: boolean;
  ascii: boolean;
  hint?: string;
}) {
  const problem = describeProblem(snapshot);
  if (problem) {
    const tone = describeState(snapshot).tone;
    return (
      <Text color={color ? TONE_COLORS[tone] : undefined} wrap="truncate-end">
        {fitToWidth(glyphText(sanitizeForTerminal(problem), ascii), width, ascii)}
      </Text>
    );
  }
  return (
    <Text dimColor={color} wrap="truncate-end">
      {fitToWidth(glyphText(hint ?? '', ascii), width, ascii)}
    </Text>
  );
}

function waitingText(snapshot: DashboardSnapshot): string {
  const window = formatDuration(snapshot.windowMs);
  if (snapshot.nextWindowAt === undefined) return `Waiting for the first ${window} window…`;
  const left = Math.max(0, Math.ceil((snapshot.nextWindowAt - snapshot.now) / 1000));
  return `First ${window} window in ${left}s…`;
}

function quietLine(snapshot: DashboardSnapshot): string | undefined {
  const silence = describeSilence(snapshot);
  return silence ? silenceLine(silence) : undefined;
}
