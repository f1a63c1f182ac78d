import {describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {LISTED_PER_SECOND} from '../../source/ui/trend-model.js';
import {taggedPost, testModel} from './model-fixture.js';

function clock(start: number) {
  let now = start;
  return {now: () => now, set: (ms: number) => (now = ms)};
}

const post = (id: number, hashtags: string[], retweet = false) =>
  taggedPost(id, hashtags, {retweet});

/** A model of a replay, whose windows follow the posts' own times. */
const replayModel = (c: ReturnType<typeof clock>) =>
  testModel(c.now, {timeMode: 'event', source: 'replay'});

/** The replayed post `id`, `seconds` into the archive (which starts at 1_000_000). */
const replayed = (id: number, seconds: number, tags: string[]) => ({
  type: 'post' as const,
  post: taggedPost(id, tags, {createdAt: 1_000_000 + seconds * 1000}),
});

describe('TrendModel', () => {
  it('counts posts by arrival and shows the window once its slide ends', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    m.handle({type: 'post', post: post(1, ['StanLee', 'Marvel'])});
    c.set(1_000_500);
    expect(m.tick()).toBe(false);
    expect(m.snapshot().result).toBeUndefined();
    // Within a second of start, before the first 10 s slide ends, the chart already shows the
    // 20 s window ending at the last whole second.
    c.set(1_001_000);
    expect(m.tick()).toBe(true);
    expect(m.snapshot().result).toMatchObject({start: 981_000, end: 1_001_000, posts: 1});
    c.set(1_005_000);
    m.handle({type: 'post', post: post(2, ['stanlee'])});
    c.set(1_010_000);
    expect(m.tick()).toBe(true);
    const result = m.snapshot().result!;
    expect(result.end).toBe(1_010_000);
    expect(result.posts).toBe(2);
    expect(result.top.map((t) => [t.key, t.count])).toEqual([
      ['stanlee', 2],
      ['marvel', 1],
    ]);
  });

  it('answers a window change at once from retained history', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    m.handle({type: 'post', post: post(1, ['old'])});
    c.set(1_015_000);
    m.handle({type: 'post', post: post(2, ['new'])});
    c.set(1_030_000);
    m.tick();
    expect(m.snapshot().result!.top.map((t) => t.key)).toEqual(['new']);
    expect(m.setWindow(60_000, 10_000)).toBe(true);
    const snap = m.snapshot();
    expect(snap.windowMs).toBe(60_000);
    expect(snap.result!.windowMs).toBe(60_000);
    expect(snap.result!.top.map((t) => t.key).sort()).toEqual(['new', 'old']);
  });

  it('holds what the window and its baseline need, and marks a longer window partial until whole', () => {
    const c = clock(1_000_000);
    // 20 s window, 10 s slide, baseline 10 × 20 s: 230 s of history held, no more.
    const m = testModel(c.now);
    const feed = (from: number, to: number) => {
      for (let t = from; t < to; t += 1000) {
        c.set(t);
        m.handle({type: 'post', post: post(t, ['tick'])});
        m.tick();
      }
      c.set(to);
      m.tick();
    };
    feed(1_000_000, 1_600_000);
    expect(m.setWindow(300_000, 10_000)).toBe(true);
    const longer = m.snapshot().result!;
    expect(longer).toMatchObject({windowMs: 300_000, posts: 230, partial: true});
    feed(1_600_000, 1_700_000);
    expect(m.snapshot().result).toMatchObject({posts: 300});
    expect(m.snapshot().result!.partial).toBeUndefined();
  });

  it('switches between counting retweets and not, exactly', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    m.handle({type: 'post', post: post(1, ['a'])});
    m.handle({type: 'post', post: post(2, ['a'], true)});
    m.handle({type: 'post', post: post(3, ['b'], true)});
    c.set(1_010_000);
    m.tick();
    expect(m.snapshot().result!.top.map((t) => [t.key, t.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    m.setRetweets(false);
    const snap = m.snapshot();
    expect(snap.result!.top.map((t) => [t.key, t.count])).toEqual([['a', 1]]);
    expect(snap.posts.map((p) => p.id)).toEqual(['1']);
  });

  it('keeps the newest posts first and bounded', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    for (let i = 0; i < 2000; i++) {
      c.set(1_000_000 + i * 20); // 50 posts/s: every one is listed
      m.handle({type: 'post', post: post(i, [])});
    }
    const posts = m.snapshot().posts;
    expect(posts[0]!.id).toBe('1999');
    expect(posts.length).toBeLessThanOrEqual(200);
  });

  it('tracks link, status, hello and dropped posts', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    expect(m.snapshot().link.state).toBe('connecting');
    m.handle({type: 'link', link: {state: 'connected'}});
    m.handle({
      type: 'hello',
      hello: {protocol: 1, source: 'bluesky', query: 'cats', server: 'trendtui/0.1.0'},
    });
    m.handle({type: 'status', status: {state: 'lagging', detail: 'slow'}, dropped: 7});
    m.handle({type: 'status', status: {state: 'live'}, dropped: 3});
    const snap = m.snapshot();
    expect(snap.link.state).toBe('connected');
    expect(snap.source).toBe('bluesky');
    expect(snap.query).toBe('cats');
    expect(snap.dropped).toBe(10);
    expect(snap.status?.state).toBe('live');
  });

  it('measures posts per second and the rate series over three windows', () => {
    const c = clock(1_000_000);
    const m = testModel(c.now);
    for (let s = 0; s < 10; s++) {
      c.set(1_000_000 + s * 1000);
      for (let i = 0; i < 20; i++) m.handle({type: 'post', post: post(s * 100 + i, [])});
    }
    c.set(1_010_000);
    const snap = m.snapshot();
    expect(snap.postsPerSecond).toBe(20);
    expect(snap.rateSpanMs).toBe(60_000);
    expect(snap.rate).toHaveLength(60);
    expect(snap.rate.slice(-10)).toEqual(new Array(10).fill(20));
    expect(snap.rate[0]).toBe(0);
  });

  it('counts by event time in event mode and reports late posts', () => {
    // A replay: its windows close by the archive's own clock.
    const m = replayModel(clock(5_000_000));
    const at = (id: number, createdAt: number): Post => ({...post(id, ['x']), createdAt});
    m.handle({type: 'post', post: at(1, 1_000_000)});
    m.handle({type: 'post', post: at(2, 1_040_000)});
    m.tick();
    m.handle({type: 'post', post: at(3, 1_000_500)}); // its windows are already out
    // windows follow the archive's own clock, not today's: a post in order is still counted
    m.handle({type: 'post', post: at(4, 1_041_000)});
    const snap = m.snapshot();
    expect(snap.result?.end).toBe(1_030_000);
    expect(snap.late).toBe(1);
  });
});

describe('TrendModel when a replay ends', () => {
  it('closes the last windows at once instead of a slide of wall time each', () => {
    const m = replayModel(clock(5_000_000));
    // newest first, as twarc2 search archives are
    m.handle(replayed(1, 35, ['Last']));
    m.handle(replayed(2, 12, ['Middle']));
    m.handle(replayed(3, 1, ['First']));
    m.tick();
    m.handle({type: 'status', status: {state: 'ended', detail: 'replay ended: 3 posts'}});
    expect(m.tick()).toBe(true);
    const last = m.snapshot().result!;
    expect(last.end).toBe(1_050_000); // the last window holding the newest post: [1_030_000, 1_050_000)
    expect(last.top.map((tag) => [tag.display, tag.count])).toEqual([['Last', 1]]);
    expect(m.setWindow(30_000, 10_000)).toBe(true);
  });

  it('applies a window change asked for while the last windows close, once they are closed', () => {
    const m = replayModel(clock(5_000_000));
    m.handle(replayed(1, 1, ['First']));
    m.handle(replayed(2, 12, ['Middle']));
    // Far enough on for more windows than one tick closes: the drain spans several ticks.
    m.handle(replayed(3, 5000, ['Last']));
    m.handle(replayed(4, 4990, ['Late']));
    m.handle({type: 'status', status: {state: 'ended', detail: 'replay ended: 4 posts'}});
    m.tick();
    // The key is taken, and the header shows the new setting at once…
    expect(m.setWindow(30_000, 10_000)).toBe(true);
    expect(m.snapshot().windowMs).toBe(30_000);
    let ticks = 0;
    while (m.tick()) ticks++;
    expect(ticks).toBeGreaterThan(1);
    // …and once the last window is closed (the last holding the newest post, ending at
    // 6_020_000), it is recounted at 30s: [5_990_000, 6_020_000).
    const last = m.snapshot().result!;
    expect(last.windowMs).toBe(30_000);
    expect(last.end).toBe(6_020_000);
    expect(last.top.map((tag) => [tag.display, tag.count])).toEqual([
      ['Last', 1],
      ['Late', 1],
    ]);
  });
});

describe('TrendModel after a replay has ended', () => {
  it('keeps the last window and stops its clock, however much wall time passes', () => {
    const c = clock(5_000_000);
    const m = replayModel(c);
    for (let i = 0; i < 30; i++) {
      m.handle({type: 'post', post: {...post(i, ['Tag']), createdAt: 1_000_000 + i * 1000}});
      c.set(5_000_000 + i * 10);
      m.tick();
    }
    m.handle({type: 'status', status: {state: 'ended', detail: 'replay ended: 30 posts'}});
    while (m.tick());
    const ended = m.snapshot();
    expect(ended.result?.end).toBe(1_040_000);
    expect(ended.result?.posts).toBe(10); // posts at 1_020_000 … 1_029_000: [1_020_000, 1_040_000)
    expect(ended.clock).toBe(1_029_000); // the replay's own time: its newest post's
    expect(ended.late).toBe(0);
    // A minute of wall time later: same window, same clock (before, it slid on into empty windows).
    for (let s = 1; s <= 60; s++) {
      c.set(5_000_290 + s * 1000);
      expect(m.tick()).toBe(false);
    }
    const later = m.snapshot();
    expect(later.result).toEqual(ended.result);
    expect(later.clock).toBe(ended.clock);
  });
});

describe('TrendModel under a flood', () => {
  it('counts every post but lists at most LISTED_PER_SECOND a second', () => {
    let now = 1_000_000;
    const m = testModel(() => now, {query: '', windowMs: 10_000, slideMs: 10_000});
    for (let i = 0; i < 3000; i++) {
      m.handle({type: 'post', post: taggedPost(i, ['t'], {createdAt: now, text: `p${i}`})});
    }
    now = 1_001_000;
    m.handle({
      type: 'post',
      post: taggedPost('next', ['t'], {createdAt: now, text: 'next second'}),
    });
    now = 1_010_000;
    m.tick();
    const snap = m.snapshot();
    expect(snap.result!.posts).toBe(3001);
    expect(snap.result!.top[0]!.count).toBe(3001);
    // the first LISTED_PER_SECOND of the flooded second, then the next second's post on top
    expect(snap.posts[0]!.id).toBe('next');
    expect(snap.posts[1]!.id).toBe(String(LISTED_PER_SECOND - 1));
    expect(snap.posts).toHaveLength(LISTED_PER_SECOND + 1);
  });
});

describe('TrendModel link changes', () => {
  it('forgets the old source status when the link drops, so a stale "live" is never shown', () => {
    const m = testModel(Date.now, {query: '', windowMs: 10_000, slideMs: 10_000});
    m.handle({type: 'link', link: {state: 'connected'}});
    m.handle({type: 'status', status: {state: 'live'}});
    m.handle({type: 'link', link: {state: 'restarting-child', detail: 'died', retryInMs: 1000}});
    m.handle({type: 'link', link: {state: 'connected'}});
    expect(m.snapshot().status).toBeUndefined();
    m.handle({type: 'status', status: {state: 'live'}});
    expect(m.snapshot().status?.state).toBe('live');
  });
});
