// The whole frame, as a function of the terminal size, the latest snapshot and the view state.
// The root box is exactly the layout's frame height (rows − 1), never the terminal's height.
import React from 'react';
import {Box, Text} from 'ink';
import {formatDuration} from '../../core/duration.js';
import {computeLayout, TOP_ROWS, type DashboardLayout} from '../layout.js';
import type {DashboardSnapshot} from '../snapshot.js';
import {describeProblem, describeState} from '../source-state.js';
import {fitToWidth} from '../fit-text.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {Footer} from './footer.js';
import {Header, TONE_COLORS} from './header.js';
import {HelpOverlay} from './help-overlay.js';
import {PostPane} from './post-pane.js';
import {RateChart} from './rate-chart.js';
import {TooSmall} from './too-small.js';
import {TopHashtagsChart} from './top-hashtags-chart.js';

export type ViewState = {
  paused: boolean;
  help: boolean;
  /** Posts scrolled past at the top of the post pane. */
  scroll: number;
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
};

export function DashboardView({columns, rows, live, shown, view, color, ascii, hint}: Props) {
  const layout = computeLayout(columns, rows);
  if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} />;
  // No overflow clipping: every pane draws exactly the rows and columns the layout gave it
  // (clipping would make Ink re-slice every line of every frame).
  const width = layout.columns;
  return (
    <Box flexDirection="column" width={width} height={layout.frameHeight}>
      <Header
        snapshot={live}
        width={width}
        lines={layout.headerLines}
        paused={view.paused}
        color={color}
      />
      {layout.notice ? <Notice snapshot={live} width={width} color={color} hint={hint} /> : null}
      {view.help ? (
        <HelpOverlay
          width={width}
          height={bodyHeight(layout)}
          color={color}
          ascii={ascii}
          hint={hint}
        />
      ) : (
        <Body layout={layout} snapshot={shown} view={view} color={color} ascii={ascii} />
      )}
      {layout.footer ? <Footer width={width} color={color} ascii={ascii} /> : null}
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
  const charts = (
    <>
      <TopHashtagsChart
        result={snapshot.result}
        rows={TOP_ROWS}
        width={layout.bars.width}
        title={layout.barsTitle}
        ascii={ascii}
        color={color}
        waiting={waitingText(snapshot)}
      />
      {layout.chart ? (
        <RateChart
          rate={snapshot.rate}
          spanMs={snapshot.rateSpanMs}
          width={layout.chart.width}
          height={layout.chart.height}
          color={color}
        />
      ) : null}
    </>
  );
  const posts = layout.posts ? (
    <PostPane
      posts={snapshot.posts}
      sampled={
        snapshot.postsPerSecond > snapshot.listedPerSecond
          ? {listed: snapshot.listedPerSecond, arriving: snapshot.postsPerSecond}
          : undefined
      }
      offset={view.scroll}
      width={layout.posts.width}
      height={layout.posts.height}
      color={color}
      ascii={ascii}
    />
  ) : null;
  if (layout.arrangement === 'side-by-side') {
    return (
      <Box flexDirection="row" height={bodyHeight(layout)} gap={1}>
        <Box flexDirection="column" width={layout.leftWidth}>
          {charts}
        </Box>
        {posts}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={bodyHeight(layout)}>
      {charts}
      {posts}
    </Box>
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
  hint,
}: {
  snapshot: DashboardSnapshot;
  width: number;
  color: boolean;
  hint?: string;
}) {
  const problem = describeProblem(snapshot);
  if (problem) {
    const tone = describeState(snapshot).tone;
    return (
      <Text color={color ? TONE_COLORS[tone] : undefined} wrap="truncate-end">
        {fitToWidth(sanitizeForTerminal(problem), width)}
      </Text>
    );
  }
  return (
    <Text dimColor={color} wrap="truncate-end">
      {fitToWidth(hint ?? '', width)}
    </Text>
  );
}

function waitingText(snapshot: DashboardSnapshot): string {
  const window = formatDuration(snapshot.windowMs);
  if (snapshot.nextWindowAt === undefined) return `Waiting for the first ${window} window…`;
  const left = Math.max(0, Math.ceil((snapshot.nextWindowAt - snapshot.now) / 1000));
  return `First ${window} window in ${left}s…`;
}
