// Opening a trend in the real binary, in a pseudo-terminal: a known archive is replayed to its
// end, the third trend is selected and opened, and everything the trend view shows (its posts,
// its count, its history and baseline, the terms seen with it) is checked against a recount of
// the posts fed in. Esc must give the full view back.
import {describe, expect, it} from 'vitest';
import {writeArchive} from '../helpers/archive.js';
import {isolated, terminalTests} from './terminal-tests.js';

const WINDOW_MS = 20_000;
const SLIDE_MS = 10_000;
const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const TAGS = ['Apple', 'Berry', 'Cherry', 'Date', 'Elder', 'Fig', 'Grape', 'Honey', 'Iris', 'Jade'];

type FedPost = {id: string; time: number; tags: string[]; author: string; text: string};

/** 300 posts, one every 200 ms, with one or two tags of uneven frequency and seven authors. */
function feed(): FedPost[] {
  const posts: FedPost[] = [];
  for (let i = 0; i < 300; i++) {
    const first = TAGS[((i * 7) % 12) % (1 + (i % 5))]!;
    const second = TAGS[(i * 5 + 3) % TAGS.length]!;
    const tags = i % 4 === 0 || first === second ? [first] : [first, second];
    const text = `${tags.map((t) => '#' + t).join(' ')} post ${i}`;
    posts.push({id: `p${i}`, time: START + i * 200, tags, author: `user${i % 7}`, text});
  }
  return posts;
}

const terminals = terminalTests();

/** The fed posts replayed to their end at full speed, window 20 s, slide 10 s. */
function replayFeed(posts: FedPost[], columns: number, rows: number) {
  const archive = writeArchive(
    posts.map((p) => ({
      type: 'post',
      id: p.id,
      created_at: new Date(p.time).toISOString(),
      text: p.text,
      hashtags: p.tags,
      lang: 'en',
      author: p.author,
      retweet: false,
    })),
  );
  return terminals.trendtui(
    ['--replay', archive, '--speed', 'max', '--window', '20s', '--slide', '10s'],
    isolated(columns, rows),
  );
}

/** What the dashboard must show for `key`, recounted from the posts alone. */
function recount(posts: FedPost[], key: string) {
  const latest = Math.max(...posts.map((p) => p.time));
  // A finished replay shows the last window holding the latest post.
  const end = Math.floor((latest + WINDOW_MS) / SLIDE_MS) * SLIDE_MS;
  const start = end - WINDOW_MS;
  const carries = (p: FedPost) => p.tags.some((t) => t.toLowerCase() === key);
  const inWindow = posts.filter((p) => p.time >= start && p.time < end && carries(p));
  const together = new Map<string, number>();
  for (const p of inWindow) {
    for (const t of p.tags) {
      if (t.toLowerCase() !== key) together.set(t, (together.get(t) ?? 0) + 1);
    }
  }
  const earliest = Math.min(...posts.map((p) => p.time));
  const perSlide = (sliceEnd: number) =>
    posts.filter((p) => p.time >= sliceEnd - SLIDE_MS && p.time < sliceEnd && carries(p)).length;
  const slides: number[] = [];
  for (let e = Math.floor(earliest / SLIDE_MS) * SLIDE_MS + SLIDE_MS; e <= end; e += SLIDE_MS) {
    slides.push(e);
  }
  const base = slides.filter((e) => e <= start && e > start - 10 * WINDOW_MS && e > earliest);
  return {
    count: inWindow.length,
    together,
    last: perSlide(end),
    peak: Math.max(...slides.map(perSlide)),
    baseline: base.reduce((sum, e) => sum + perSlide(e), 0) / base.length,
  };
}

const BAR_ROW = /^[ ›>]\s*(\d+) #(\S+)\s+[█▏▎▍▌▋▊▉]+\s+(\d+)/;
const barRows = (screen: string) =>
  screen
    .split('\n')
    .map((line) => BAR_ROW.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);

const SIZES: Array<[number, number]> = [
  [80, 24],
  [40, 12],
  [200, 50],
];

describe.each(SIZES)('opening a trend at %i×%i', (columns, rows) => {
  it('shows only its posts, its history and the terms seen with it, all recountable', async () => {
    const posts = feed();
    const run = replayFeed(posts, columns, rows);
    const full = await run.waitFor((s) => /ended/.test(s) && barRows(s).length >= 3, 30_000);
    const third = barRows(full)[2]!;
    const display = third[2]!;
    const key = display.toLowerCase();
    const expected = recount(posts, key);
    expect(Number(third[3])).toBe(expected.count);

    run.press('\t');
    run.press('\u001b[B');
    run.press('\u001b[B');
    run.press('\u001b[B');
    await run.waitFor((s) => s.includes(`› 3 #${display}`) || s.includes(`›3 #${display}`));
    run.press('\r');
    const open = await run.waitFor((s) => s.includes(`#${display} ${expected.count} in window`));
    const lines = open.split('\n');

    // The numbers of the title line, where the width lets them show.
    const title = lines.find((l) => l.includes(`#${display} ${expected.count} in window`))!;
    const last = /last 10s (\d+)/.exec(title);
    if (last) expect(Number(last[1])).toBe(expected.last);
    const baseline = /baseline ([\d.]+)\/10s/.exec(title);
    if (baseline) expect(Number(baseline[1])).toBeCloseTo(expected.baseline, 1);
    const peak = /peak (\d+)/.exec(title);
    if (peak) expect(Number(peak[1])).toBe(expected.peak);

    // The companions line: the five terms seen most with it, with exact counts.
    const companions = lines.find((l) => /^with /.test(l))!;
    expect(companions).toBeDefined();
    const pairs = [...companions.matchAll(/#(\w+) (\d+)(?= ·|\s*$)/g)];
    expect(pairs.length).toBeGreaterThan(0);
    const ranked = [...expected.together.entries()].sort(
      (a, b) => b[1] - a[1] || (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1),
    );
    pairs.forEach((pair, i) => {
      expect([pair[1], Number(pair[2])]).toEqual(ranked[i]);
    });

    // The history chart: an axis with distinct labels and a plotted line.
    const axis = lines.filter((l) => /^\s*[\d.]+ [┤┼]/.test(l));
    expect(axis.length).toBeGreaterThanOrEqual(2);
    const labels = axis.map((l) => l.trim().split(/\s/)[0]);
    expect(new Set(labels).size).toBe(labels.length);

    // Every post listed carries the term.
    // (side by side, the posts are the right-hand column)
    const postRows = lines
      .map((l) => /\d\d:\d\d:\d\d user\d .*$/.exec(l)?.[0])
      .filter((row): row is string => row !== undefined);
    expect(postRows.length).toBeGreaterThan(0);
    for (const row of postRows) expect(row.toLowerCase()).toContain(`#${key}`);
    expect(open).toContain(`Posts with #${display}`);

    run.press('\u001b');
    const back = await run.waitFor((s) => !s.includes('Posts with') && !/^with /m.test(s));
    if (process.env['SHOW_SCREENS']) console.log(open);
    expect(barRows(back).length).toBe(barRows(full).length);
    if (rows >= 24) expect(back).toMatch(/Posts\/s/);
  }, 60_000);
});

describe('the mouse', () => {
  it('selects a bar on a click and opens it on a second; reports are off again at exit', async () => {
    const posts = feed();
    const run = replayFeed(posts, 80, 24);
    const full = await run.waitFor((s) => /ended/.test(s) && barRows(s).length >= 3, 30_000);
    expect(run.output()).toContain('\u001b[?1000h\u001b[?1006h');
    const screen = full.split('\n');
    const y = screen.findIndex((line) => BAR_ROW.exec(line)?.[1] === '2') + 1;
    const display = BAR_ROW.exec(screen[y - 1]!)![2]!;
    // A left-button press and release at column 10 of that row, as SGR reports.
    const click = `\u001b[<0;10;${y}M\u001b[<0;10;${y}m`;
    run.press(click);
    await run.waitFor((s) => s.includes(`›2 #${display}`));
    // The report's characters went nowhere else: no filter, no window change.
    expect(run.text()).not.toContain('Posts with');
    expect(run.text()).toContain('20s/10s');
    run.press(click);
    await run.waitFor(`Posts with #${display}`);
    run.press('q');
    await run.exited;
    const output = run.output();
    expect(output.lastIndexOf('\u001b[?1006l\u001b[?1000l')).toBeGreaterThan(
      output.lastIndexOf('\u001b[?1000h'),
    );
  }, 60_000);
});
