import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import {DashboardView, type ViewState} from '../../../source/ui/components/dashboard-view.js';
import type {DashboardSnapshot} from '../../../source/ui/snapshot.js';
import {renderTui} from '../render-tui.js';
import {makeSnapshot, post, rankedTags, TEN_TAGS, windowResult} from '../snapshot-fixture.js';

const VIEW: ViewState = {paused: false, help: false, scroll: 0};

async function show(
  columns: number,
  rows: number,
  snapshot: DashboardSnapshot = makeSnapshot(),
  view: Partial<ViewState> = {},
  extra: {hint?: string; ascii?: boolean} = {},
) {
  const tui = await renderTui(
    <DashboardView
      columns={columns}
      rows={rows}
      live={snapshot}
      shown={snapshot}
      view={{...VIEW, ...view}}
      color={true}
      ascii={extra.ascii ?? false}
      hint={extra.hint}
    />,
    {columns, rows},
  );
  return tui.frame();
}

/** Rows that show a bar: a rank, a tag, a bar and a count. */
function barRows(frame: string): string[] {
  return frame.split('\n').filter((line) => /^\s*\d+ #\S+.*[█▏▎▍▌▋▊▉#]+.*\s\d+/.test(line));
}

afterEach(() => {
  cleanup();
});

describe('DashboardView', () => {
  const sizes: Array<[number, number]> = [
    [40, 12],
    [60, 16],
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 50],
  ];

  it.each(sizes)('at %i×%i leaves the last row and the last column empty', async (c, r) => {
    const frame = await show(c, r);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(r - 1);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(c - 1);
  });

  it.each(sizes)('at %i×%i shows all ten hashtags with their counts', async (c, r) => {
    const frame = await show(c, r);
    const bars = barRows(frame);
    expect(bars).toHaveLength(10);
    TEN_TAGS.forEach((tag, i) => {
      expect(bars[i]).toContain(`#${tag}`);
      expect(bars[i]).toMatch(new RegExp(`\\s${(10 - i) * 7}\\s`));
    });
  });

  it('draws bar lengths in proportion to the counts, with eighth-block precision', async () => {
    const snapshot = makeSnapshot({
      result: windowResult(rankedTags(['a', 'b', 'c'], [80, 40, 1])),
    });
    const bars = barRows(await show(80, 24, snapshot)).map((line) =>
      [...line].filter((ch) => '█▏▎▍▌▋▊▉'.includes(ch)),
    );
    const widths = bars.map((cells) => cells.length);
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(Math.abs(widths[0]! - 2 * widths[1]!)).toBeLessThanOrEqual(1);
    // the smallest non-zero count still shows, as one partial cell
    expect(bars[2]).toHaveLength(1);
    expect('▏▎▍▌▋▊▉').toContain(bars[2]![0]);
  });

  it('uses only ASCII for bars and rank changes with ascii on', async () => {
    const frame = await show(80, 24, makeSnapshot(), {}, {ascii: true});
    expect(barRows(frame)).toHaveLength(10);
    expect(frame).not.toMatch(/[█▏▎▍▌▋▊▉▲▼]/);
    expect(frame).toMatch(/\^1/);
    expect(frame).toMatch(/v2/);
  });

  it('draws every row in ASCII with ascii on, the chart titles too', async () => {
    const frame = await show(80, 24, makeSnapshot(), {}, {ascii: true});
    expect(frame).toContain('Posts/s - last');
    for (const line of frame.split('\n')) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });

  it('marks rank changes and new tags', async () => {
    const bars = barRows(await show(80, 24));
    expect(bars[0]).toMatch(/new$/);
    expect(bars[1]).toMatch(/▲1\s*$/);
    expect(bars[2]).toMatch(/▼2\s*$/);
  });

  it('shows query, source state, window and slide in the header at every size', async () => {
    for (const [c, r] of sizes) {
      const first = (await show(c, r)).split('\n')[0]!;
      expect(first).toContain('demo live');
      expect(first).toContain('20s/10s');
      cleanup();
    }
  });

  it('shows rate, late and dropped counts when there is room', async () => {
    const frame = await show(80, 24, makeSnapshot({late: 3, dropped: 12}));
    expect(frame).toContain('20.4 posts/s');
    expect(frame).toContain('late 3');
    expect(frame).toContain('dropped 12');
  });

  it('lays panes side by side when wide and stacked when narrow', async () => {
    const wide = (await show(120, 40)).split('\n');
    const barLine = wide.find((line) => line.includes('#StanLee'))!;
    expect(barLine).toMatch(/user\d+/); // a post on the same row as a bar
    cleanup();
    const narrow = (await show(80, 24)).split('\n');
    expect(narrow.filter((line) => /[█▉]/.test(line) && /user\d/.test(line))).toEqual([]);
    expect(narrow.some((line) => /user\d/.test(line))).toBe(true);
  });

  it('says the terminal is too small below 40×12', async () => {
    for (const [c, r] of [
      [39, 24],
      [80, 11],
    ] as const) {
      const frame = await show(c, r);
      expect(frame.replace(/\s+/g, ' ')).toContain('Terminal too small');
      expect(frame).not.toContain('#StanLee');
      cleanup();
    }
  });

  it('shows the help overlay in place of the panes', async () => {
    const frame = await show(80, 24, makeSnapshot(), {help: true});
    expect(frame).toContain('Keys');
    expect(frame).toContain('window longer / shorter');
    expect(frame).not.toContain('#StanLee');
  });

  it('shows PAUSED', async () => {
    expect(await show(80, 24, makeSnapshot(), {paused: true})).toContain('PAUSED');
  });

  it('lists posts newest first, with author and time, and scrolls', async () => {
    const lines = (await show(80, 30)).split('\n');
    const postLines = lines.filter((line) => /user\d+/.test(line));
    expect(postLines[0]).toMatch(/\d\d:\d\d:\d\d user0 post number 0/);
    expect(postLines[1]).toContain('user1 ');
    cleanup();
    const scrolled = (await show(80, 30, makeSnapshot(), {scroll: 5})).split('\n');
    expect(scrolled.filter((line) => /user\d+/.test(line))[0]).toContain('user5 ');
    expect(scrolled.join('\n')).toMatch(/↑ 5 newer/);
  });

  it('removes escape sequences and control characters from post text and authors', async () => {
    const hostile = post(0, {
      author: 'evil\u001b]0;pwned\u0007',
      text: 'clear\u001b[2J\u001b[Hme \u001b[31mred\u001b[0m\r\nnext line\u009b2J',
    });
    const frame = await show(80, 24, makeSnapshot({posts: [hostile]}));
    const row = frame.split('\n').find((line) => line.includes('evil'))!;
    expect(row).toContain('evil');
    expect(row).toContain('clearme red next line');
    expect(row).not.toContain('pwned\u0007');
    // nothing but printable text reaches the frame from the post
    // eslint-disable-next-line no-control-regex
    expect(row).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('sanitises the source and query names the server sent', async () => {
    const frame = await show(
      80,
      24,
      makeSnapshot({source: 'demo\u001b]0;title\u0007', query: 'q\u001b[2Jx'}),
    );
    expect(frame.split('\n')[0]).toContain('demo live');
    expect(frame.split('\n')[0]).toContain('"qx"');
    expect(frame).not.toContain('\u001b]');
    expect(frame).not.toContain('\u001b[2J');
  });

  it('cuts CJK and emoji text by display width, never overflowing the pane', async () => {
    const wide = post(0, {text: 'あいうえおかきくけこ'.repeat(10) + ' 🎉👍🏽'.repeat(20)});
    const frame = await show(60, 20, makeSnapshot({posts: [wide]}));
    const row = frame.split('\n').find((line) => line.includes('あい'))!;
    expect(stringWidth(row)).toBeLessThanOrEqual(60);
    expect(row).toContain('…');
  });

  it('says how long until the first window when none has closed yet', async () => {
    const frame = await show(80, 24, makeSnapshot({result: undefined, nextWindowAt: undefined}));
    expect(frame).toContain('Waiting for the first 20s window');
  });

  it('shows an error and what to do on the notice line', async () => {
    const frame = await show(
      80,
      24,
      makeSnapshot({
        status: {state: 'error', detail: 'X rejected the token (401): set X_BEARER_TOKEN.'},
      }),
    );
    expect(frame.split('\n')[0]).toContain('demo error');
    expect(frame).toContain('X rejected the token (401): set X_BEARER_TOKEN.');
  });

  it('counts down a reconnect', async () => {
    const snapshot = makeSnapshot({
      link: {state: 'reconnecting', detail: 'Connection to the server lost.', retryInMs: 4000},
      linkSince: Date.UTC(2026, 10, 26, 12, 0, 4),
    });
    const frame = await show(80, 24, snapshot);
    expect(frame).toContain('reconnecting in 3s');
    expect(frame).toContain('Connection to the server lost.');
  });

  it('shows the demo hint when nothing is wrong', async () => {
    const frame = await show(80, 24, makeSnapshot(), {}, {hint: 'Demo data: set X_BEARER_TOKEN'});
    expect(frame).toContain('Demo data: set X_BEARER_TOKEN');
  });
});

describe('DashboardView post sampling', () => {
  it('says when posts arrive faster than they are listed', async () => {
    const fast = await renderTui(
      <DashboardView
        columns={80}
        rows={24}
        live={makeSnapshot({postsPerSecond: 2000})}
        shown={makeSnapshot({postsPerSecond: 2000})}
        view={VIEW}
        color={false}
        ascii={false}
      />,
      {columns: 80, rows: 24},
    );
    expect(fast.frame()).toContain('100 of 2000 a second listed');
    cleanup();
    expect(await show(80, 24)).not.toContain('a second listed');
  });
});

describe('DashboardView help', () => {
  it('shows a long demo hint in full, wrapped, in the help overlay', async () => {
    const hint =
      'showing the demo source; to go live, set X_BEARER_TOKEN (or run `trendtui config set x.token -`) or use --source bluesky';
    const frame = await show(80, 24, makeSnapshot(), {help: true}, {hint});
    expect(frame.replace(/\s+/g, ' ')).toContain(hint);
    for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('keeps the go-live hint readable in a 40×12 help overlay, where there is no notice line', async () => {
    const hint = 'demo posts · to go live, set X_BEARER_TOKEN or use --source bluesky';
    const frame = await show(40, 12, makeSnapshot(), {help: true}, {hint});
    expect(frame.replace(/\s+/g, ' ')).toContain(hint);
    expect(frame).toContain('q, Ctrl-C');
    expect(frame.split('\n').length).toBeLessThanOrEqual(11);
  });
});
