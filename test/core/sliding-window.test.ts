import {describe, expect, it} from 'vitest';
import {SlidingWindow, type SlidingWindowOptions} from '../../source/core/sliding-window.js';
import type {WindowResult} from '../../source/core/window-result.js';

const s = (seconds: number) => seconds * 1000;

function windowOf(options: Partial<SlidingWindowOptions> = {}): SlidingWindow {
  return new SlidingWindow({
    windowMs: s(20),
    slideMs: s(10),
    timeMode: 'arrival',
    top: 10,
    ...options,
  });
}

/** `{tag: count}` of a result, for compact assertions. */
const counts = (result: WindowResult | undefined) =>
  Object.fromEntries((result?.top ?? []).map((tag) => [tag.display, tag.count]));

const span = (result: WindowResult) => [result.start / 1000, result.end / 1000];

describe('SlidingWindow in arrival time', () => {
  it('emits epoch-aligned half-open windows from the first one holding a post', () => {
    const window = windowOf();
    window.add(s(3), ['a']);
    window.add(s(9.999), ['a', 'b']);
    window.add(s(10), ['b']);
    expect(window.advance(s(9))).toEqual([]);
    const [first] = window.advance(s(10));
    expect(span(first!)).toEqual([-10, 10]);
    expect(first!.posts).toBe(2);
    expect(counts(first)).toEqual({a: 2, b: 1});
    window.add(s(21), ['c']);
    const results = window.advance(s(30));
    expect(results.map(span)).toEqual([
      [0, 20],
      [10, 30],
    ]);
    expect(counts(results[0])).toEqual({b: 2, a: 2});
    // The pane [0, 10) left: only the post at 10 s and the one at 21 s remain.
    expect(counts(results[1])).toEqual({b: 1, c: 1});
    expect(results[1]!.posts).toBe(2);
    expect(window.latest()).toBe(results[1]);
  });

  it('counts posts without tags as posts and keeps emitting empty windows', () => {
    const window = windowOf();
    window.add(s(1), []);
    window.add(s(2), []);
    const results = window.advance(s(50));
    expect(results.map((result) => [result.end / 1000, result.posts])).toEqual([
      [10, 2],
      [20, 2],
      [30, 0],
      [40, 0],
      [50, 0],
    ]);
    expect(results.every((result) => result.top.length === 0)).toBe(true);
  });

  it('handles a window that is not a multiple of the slide (panes of their gcd)', () => {
    const window = windowOf({windowMs: s(25), slideMs: s(10)});
    expect(window.paneMs).toBe(s(1));
    window.add(s(4), ['early']); // before 5 s: not in [5, 30)
    window.add(s(6), ['mid']);
    const results = window.advance(s(30));
    expect(results.map(span)).toEqual([
      [-15, 10],
      [-5, 20],
      [5, 30],
    ]);
    expect(results.map(counts)).toEqual([{early: 1, mid: 1}, {early: 1, mid: 1}, {mid: 1}]);
  });

  it('groups spellings under one key and shows the most frequent one', () => {
    const window = windowOf();
    window.add(s(1), ['StanLee']);
    window.add(s(2), ['stanlee']);
    window.add(s(3), ['StanLee']);
    window.add(s(4), ['ＳｔａｎＬｅｅ']);
    const [result] = window.advance(s(10));
    // No author given: each post is an account of its own.
    expect(result!.top).toEqual([
      {key: 'stanlee', display: 'StanLee', count: 4, accounts: 4, rank: 1},
    ]);
    // In the next window only one spelling of each remains: the tie goes to code-unit order.
    window.add(s(11), ['stanlee']);
    window.add(s(12), ['STANLEE']);
    const [, third] = window.advance(s(30));
    expect(third!.top[0]).toMatchObject({key: 'stanlee', display: 'STANLEE', count: 2});
  });

  it('keeps a key apart from an equal spelling of another key (normalising twice differs)', () => {
    // `H̱` → key `ẖ`; but `ẖ` typed as a tag → key `ẖ` (NFKC composes it after lower-casing).
    const window = windowOf({retentionMs: 0});
    window.add(s(1), ['H\u0331']);
    window.add(s(2), ['h\u0331']);
    window.add(s(3), ['\u1e96']);
    const [result] = window.advance(s(10));
    expect(result!.top.map((tag) => [tag.key, tag.display, tag.count])).toEqual([
      ['\u1e96', 'h\u0331', 2], // a tie between its two spellings: code-unit order
      ['h\u0331', 'H\u0331', 1],
    ]);
    expect(window.distinctTags).toBe(2);
    window.advance(s(40));
    expect(window.distinctTags).toBe(0);
    window.add(s(41), ['h\u0331']);
    window.add(s(42), ['H\u0331']);
    expect(window.advance(s(50))[0]!.top.map((tag) => [tag.key, tag.display])).toEqual([
      ['h\u0331', 'H\u0331'],
      ['\u1e96', 'h\u0331'],
    ]);
  });

  it('ranks by count then key', () => {
    const window = windowOf({windowMs: s(10), slideMs: s(10), top: 3});
    for (const [tag, n] of [
      ['b', 3],
      ['a', 2],
      ['c', 2],
      ['d', 1],
    ] as const) {
      for (let i = 0; i < n; i++) window.add(s(1), [tag]);
    }
    const [first] = window.advance(s(10));
    expect(first!.top.map((tag) => [tag.key, tag.count, tag.rank])).toEqual([
      ['b', 3, 1],
      ['a', 2, 2],
      ['c', 2, 3],
    ]);
    for (const [tag, n] of [
      ['c', 5],
      ['b', 4],
      ['d', 1],
    ] as const) {
      for (let i = 0; i < n; i++) window.add(s(11), [tag]);
    }
    const [second] = window.advance(s(20));
    expect(second!.top).toEqual([
      {key: 'c', display: 'c', count: 5, accounts: 5, rank: 1},
      {key: 'b', display: 'b', count: 4, accounts: 4, rank: 2},
      {key: 'd', display: 'd', count: 1, accounts: 1, rank: 3},
    ]);
  });

  it('returns every tag, sorted, when the top size is 0', () => {
    const window = windowOf({top: 0});
    const tags = Array.from({length: 50}, (_, i) => `t${i}`);
    tags.forEach((tag, i) => {
      for (let n = 0; n <= i % 7; n++) window.add(s(1), [tag]);
    });
    const [result] = window.advance(s(10));
    expect(result!.top).toHaveLength(50);
    const expected = tags
      .map((tag, i) => [tag, (i % 7) + 1] as const)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    expect(result!.top.map((tag) => [tag.key, tag.count])).toEqual(expected);
  });

  it('rejects windows shorter than the slide and lengths off the pane grid', () => {
    expect(() => windowOf({windowMs: s(5), slideMs: s(10)})).toThrow(/must not exceed/);
    expect(() => windowOf({windowMs: 0})).toThrow(RangeError);
    expect(() => windowOf({top: -1})).toThrow(RangeError);
    const window = windowOf();
    expect(() => window.setWindow(1500, 500)).toThrow(/multiples of the pane/);
  });
});

describe('SlidingWindow in event time', () => {
  const eventWindow = (options: Partial<SlidingWindowOptions> = {}) =>
    windowOf({timeMode: 'event', maxOutOfOrdernessMs: s(5), ...options});

  it('emits a window once the watermark (latest post − bound) passes its end', () => {
    const window = eventWindow();
    window.add(s(8), ['a']);
    window.add(s(14), ['b']);
    expect(window.advance(0)).toEqual([]); // watermark 9 s
    window.add(s(6), ['a']); // disorder within the bound: counted in its window
    window.add(s(15), ['c']);
    const [first] = window.advance(0); // watermark 10 s
    expect(span(first!)).toEqual([-10, 10]);
    expect(counts(first)).toEqual({a: 2});
  });

  it('counts a post whose windows were all emitted as late, and nowhere else', () => {
    const window = eventWindow();
    window.add(s(1), ['a']);
    window.add(s(40), ['b']);
    const emitted = window.advance(0); // watermark 35 s: windows ending 10, 20, 30
    expect(emitted.map((result) => result.end / 1000)).toEqual([10, 20, 30]);
    // 9 s is only in windows ending 10 and 20: both emitted → late.
    expect(window.add(s(9), ['late'])).toBe('late');
    // Just under 20 s: in the windows ending 20 and 30, both emitted → late.
    expect(window.add(s(19.999), ['late'])).toBe('late');
    // 21 s is also in the window ending 40, not yet emitted: counted there.
    expect(window.add(s(21), ['kept'])).toBe('counted');
    expect(window.late).toBe(2);
    const [next] = window.advance(s(45) + s(5));
    expect(next!.end).toBe(s(40));
    // [20, 40): the post at 40 s belongs to the next window.
    expect(counts(next)).toEqual({kept: 1});
    expect(next!.late).toBe(2);
    expect(next!.posts).toBe(1);
  });

  it('reports a post without a usable time as late instead of counting it anywhere', () => {
    const window = eventWindow();
    expect(window.add(Number.NaN, ['a'])).toBe('late');
    expect(window.add(Number.POSITIVE_INFINITY, ['a'])).toBe('late');
    window.add(s(1), ['b']);
    const results = window.advance(s(20));
    expect(results.map((result) => [result.end / 1000, result.late, counts(result)])).toEqual([
      [10, 2, {b: 1}],
    ]);
  });

  it('slides on processing time when the stream goes quiet', () => {
    const window = eventWindow();
    window.add(s(3), ['a']);
    expect(window.advance(s(12))).toEqual([]); // watermark max(3, 12) − 5 = 7 s
    expect(window.advance(s(35)).map((result) => result.end / 1000)).toEqual([10, 20, 30]);
  });

  it('takes −Infinity as "no clock yet": the posts alone move the watermark', () => {
    const window = eventWindow();
    expect(window.advance(Number.NEGATIVE_INFINITY)).toEqual([]);
    window.add(s(3), ['a']);
    window.add(s(16), ['b']);
    expect(window.advance(Number.NEGATIVE_INFINITY).map(span)).toEqual([[-10, 10]]);
    expect(() => window.advance(Number.NaN)).toThrow(RangeError);
  });

  it('waits the allowed lateness before emitting', () => {
    const window = eventWindow({allowedLatenessMs: s(3)});
    window.add(s(1), ['a']);
    window.add(s(17), ['b']);
    expect(window.advance(0)).toEqual([]); // 17 − 5 − 3 = 9 < 10
    window.add(s(18), ['b']);
    expect(window.advance(0).map((result) => result.end / 1000)).toEqual([10]);
  });

  // A bound longer than the archive's span, as the batch engine passes for one in no order.
  const archiveWindow = () => eventWindow({maxOutOfOrdernessMs: 1e15});

  it('counts every post of a newest-first archive, emitting at finish', () => {
    const window = archiveWindow();
    const times = [95, 71, 70, 33, 12, 11, 4].map(s);
    for (const time of times) expect(window.add(time, ['x'])).toBe('counted');
    expect(window.advance(s(1000))).toEqual([]);
    const results = window.finish();
    // From the window holding 4 s (ends 10 s) to the last holding 95 s (ends 110 s).
    expect(results.map((result) => [result.end / 1000, result.posts])).toEqual([
      [10, 1],
      [20, 3],
      [30, 2],
      [40, 1],
      [50, 1],
      [60, 0],
      [70, 0],
      [80, 2],
      [90, 2],
      [100, 1],
      [110, 1],
    ]);
    expect(window.late).toBe(0);
    expect(window.distinctTags).toBe(1);
  });

  it('drains the remaining windows one at a time, the same ones finish returns', () => {
    const make = () => {
      const window = archiveWindow();
      for (const second of [300, 250, 20, 7]) window.add(s(second), [`t${second % 4}`]);
      return window;
    };
    const all = make().finish();
    expect(all.map((result) => result.end / 1000)).toEqual(
      Array.from({length: 32}, (_, i) => 10 + i * 10), // the last holds 300 s: [300, 320)
    );
    const lazy = make();
    const windows = lazy.drain();
    expect(windows.next().value).toEqual(all[0]);
    expect(lazy.latest()).toEqual(all[0]); // emitted as taken, not before
    expect([...windows]).toEqual(all.slice(1));
  });

  it('streams a time-ordered input with seconds of disorder in bounded memory', () => {
    const window = eventWindow({retentionMs: s(60)});
    let most = 0;
    for (let second = 0; second < 600; second++) {
      // Each tag lives for one second of the stream: old ones must be forgotten. Posts come up
      // to 4 s out of order, within the 5 s bound, so none is late.
      const jitter = ((second * 7) % 5) - 4;
      expect(window.add(s(second + jitter), [`tag${second}`, 'always'])).toBe('counted');
      window.advance(0);
      most = Math.max(most, window.distinctTags);
    }
    expect(window.late).toBe(0);
    // Retained: 60 s behind the last emitted end, plus the 5 s bound and the open slide.
    expect(most).toBeLessThanOrEqual(1 + 60 + 20);
    window.finish();
    window.advance(s(10_000));
    expect(window.distinctTags).toBe(0);
  });
});

describe('SlidingWindow.setWindow', () => {
  it('answers at once with the new window from retained panes', () => {
    const window = windowOf({retentionMs: s(60)});
    for (let second = 0; second < 60; second++) window.add(s(second) + 1, [`s${second % 3}`]);
    window.advance(s(60));
    expect(window.latest()!.posts).toBe(20);
    const longer = window.setWindow(s(60), s(10))!;
    expect(span(longer)).toEqual([0, 60]);
    expect(longer.posts).toBe(60);
    expect(counts(longer)).toEqual({s0: 20, s1: 20, s2: 20});
    expect(window.latest()).toBe(longer);
    window.add(s(61), ['s0']);
    const [next] = window.advance(s(70));
    expect(span(next!)).toEqual([10, 70]);
    expect(next!.posts).toBe(51);
    const shorter = window.setWindow(s(10), s(10))!;
    expect(span(shorter)).toEqual([60, 70]);
    expect(counts(shorter)).toEqual({s0: 1});
  });

  it('keeps the last end when the new slide is off its grid, then follows the new grid', () => {
    const window = windowOf();
    window.add(s(5), ['a']);
    window.advance(s(30));
    const changed = window.setWindow(s(30), s(20))!;
    expect(span(changed)).toEqual([0, 30]);
    expect(window.advance(s(60)).map((result) => result.end / 1000)).toEqual([40, 60]);
  });

  it('returns nothing before the first emission and applies to the first window', () => {
    const window = windowOf();
    window.add(s(5), ['a']);
    expect(window.setWindow(s(30), s(30))).toBeUndefined();
    expect(window.advance(s(30)).map(span)).toEqual([[0, 30]]);
  });

  it('cannot bring back what retention already dropped, and says so until the window is whole', () => {
    const window = windowOf({retentionMs: s(20)});
    window.add(s(1), ['old']);
    window.add(s(45), ['new']);
    window.advance(s(60));
    expect(window.distinctTags).toBe(1);
    expect(window.historyFromMs).toBe(s(2));
    const longer = window.setWindow(s(60), s(10))!;
    expect(counts(longer)).toEqual({new: 1});
    expect(longer.partial).toBe(true);
    // [10, 70) holds no slice that was dropped: whole again.
    expect(window.advance(s(70)).map((result) => [result.end / 1000, result.partial])).toEqual([
      [70, undefined],
    ]);
  });

  it('holds by default only what the window needs, every second of it', () => {
    const window = windowOf();
    for (let second = 0; second < 100; second++) window.add(s(second), ['a']);
    window.advance(s(100));
    // The window [80, 100) is all that is held: what was before it is gone.
    expect(window.historyFromMs).toBe(s(80));
    expect(window.termCounts('a', s(70), s(100), s(10))).toEqual([0, 10, 10]);
    const longer = window.setWindow(s(60), s(10))!;
    expect(longer).toMatchObject({posts: 20, partial: true});
    for (let second = 100; second < 160; second++) window.add(s(second), ['a']);
    const later = window.advance(s(160));
    expect(later.map((result) => [result.end / 1000, result.posts, result.partial])).toEqual([
      [110, 30, true],
      [120, 40, true],
      [130, 50, true],
      [140, 60, undefined],
      [150, 60, undefined],
      [160, 60, undefined],
    ]);
  });
});

describe('accounts, duplicates and rising', () => {
  it('counts one account posting a tag fifty times once, and ranks by accounts on request', () => {
    const window = windowOf({windowMs: s(10), slideMs: s(10), rank: 'accounts'});
    for (let i = 0; i < 50; i++) window.add(s(1), ['SpamTag'], 'spammer');
    for (let i = 0; i < 10; i++) window.add(s(2), ['RealTrend'], `person${i}`);
    const [result] = window.advance(s(10));
    expect(result!.top.map((tag) => [tag.display, tag.count, tag.accounts])).toEqual([
      ['RealTrend', 10, 10],
      ['SpamTag', 50, 1],
    ]);
    expect(window.setRank('posts')!.top.map((tag) => tag.display)).toEqual([
      'SpamTag',
      'RealTrend',
    ]);
  });

  it('counts a repeated post id once, and forgets ids with the panes that held them', () => {
    const window = windowOf({windowMs: s(10), slideMs: s(10), retentionMs: s(10)});
    expect(window.add(s(1), ['a'], 'ann', 'p1')).toBe('counted');
    expect(window.add(s(2), ['a'], 'ann', 'p1')).toBe('duplicate');
    const [first] = window.advance(s(10));
    expect(first).toMatchObject({posts: 1, duplicates: 1});
    // Once the pane holding p1 is dropped, its id no longer costs memory (nor is it matched).
    window.advance(s(40));
    expect(window.add(s(41), ['a'], 'ann', 'p1')).toBe('counted');
  });

  it('keeps the baseline when asked, so that switching to rising compares at once', () => {
    const shape = {windowMs: s(10), slideMs: s(10), baselineMs: s(20), minAccounts: 2};
    const kept = windowOf({...shape, keepBaseline: true});
    const bare = windowOf(shape);
    for (const window of [kept, bare]) {
      window.add(s(1), ['surge'], 'ann');
      window.add(s(11), ['surge'], 'ann');
      for (const author of ['ann', 'bob', 'cy']) window.add(s(21), ['surge'], author);
      window.advance(s(30));
    }
    // e = mean of 1 and 1 account in [0, 10) and [10, 20); o = 3: (3 − 1)² ÷ 1.
    expect(kept.setRank('rising')!.top).toMatchObject([{key: 'surge', score: 4}]);
    // Without it the earlier windows were dropped: nothing to compare against yet.
    expect(bare.setRank('rising')).toMatchObject({warmingUp: true, top: []});
  });

  it('rising: warming up until an earlier window exists, then the score against the mean', () => {
    const window = windowOf({
      windowMs: s(10),
      slideMs: s(10),
      rank: 'rising',
      baselineMs: s(20),
      minAccounts: 2,
    });
    // [0, 10): one account on #calm and #surge.
    window.add(s(1), ['calm', 'surge'], 'ann');
    const [first] = window.advance(s(10));
    expect(first).toMatchObject({warmingUp: true, top: []});
    // [10, 20): #surge by four accounts, #calm by one: e = 1 for both.
    for (const author of ['ann', 'bob', 'cy', 'dee']) window.add(s(11), ['surge'], author);
    window.add(s(12), ['calm'], 'ann');
    const [second] = window.advance(s(20));
    expect(second!.warmingUp).toBeUndefined();
    expect(second!.top).toEqual([
      {key: 'surge', display: 'surge', count: 4, accounts: 4, score: 9, rank: 1},
    ]);
  });
});
