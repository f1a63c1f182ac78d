import {describe, expect, it} from 'vitest';
import {normalizeTag} from '../../../source/core/normalize-tag.js';
import type {Post} from '../../../source/core/post.js';
import {
  createDemoGenerator,
  createDemoSource,
  surgeLevel,
} from '../../../source/ingest/sources/demo.js';
import type {PacingClock} from '../../../source/ingest/sources/pacing-clock.js';

const generate = (seed: number, count: number, startS = 0): Post[] => {
  const generator = createDemoGenerator(['stan', 'lee'], seed);
  return Array.from({length: count}, (_, i) => generator.post(i, startS + i / 20, 0));
};

describe('demo generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generate(42, 200)).toEqual(generate(42, 200));
    expect(generate(42, 50).map((p) => p.text)).not.toEqual(generate(43, 50).map((p) => p.text));
  });

  it('looks like a real stream about the query', () => {
    const posts = generate(7, 4000);
    expect(posts.every((post) => post.text.toLowerCase().includes('stan lee'))).toBe(true);
    expect(posts.filter((post) => post.hashtags.length === 0).length).toBeGreaterThan(400);
    expect(posts.filter((post) => post.retweet).length).toBeGreaterThan(400);
    expect(posts.some((post) => /[\u3040-\u30ff\u4e00-\u9fff]/u.test(post.text))).toBe(true);
    expect(posts.some((post) => /[\u0e00-\u0e7f]/u.test(post.text))).toBe(true);
    expect(posts.some((post) => /\p{Extended_Pictographic}/u.test(post.text))).toBe(true);

    // One trend in several spellings, and each post's hashtags appear in its text.
    const spellings = new Map<string, Set<string>>();
    const counts = new Map<string, number>();
    for (const post of posts) {
      const keys = post.hashtags.map(normalizeTag);
      expect(new Set(keys).size).toBe(keys.length);
      for (const tag of post.hashtags) {
        expect(post.text).toContain(`#${tag}`);
        const key = normalizeTag(tag);
        spellings.set(key, (spellings.get(key) ?? new Set()).add(tag));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    expect(spellings.get('stanlee')).toEqual(new Set(['StanLee', 'stanlee']));
    // Zipf-like: the query's own tag leads, a long tail follows.
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('stanlee');
    expect(ranked.length).toBeGreaterThan(25);
    expect((ranked[0]?.[1] ?? 0) / (ranked[20]?.[1] ?? 1)).toBeGreaterThan(5);
  });

  it('has tags that surge and fade over minutes', () => {
    const countAt = (startS: number) =>
      generate(3, 1200, startS).filter((post) =>
        post.hashtags.some((tag) => normalizeTag(tag) === 'breakingnews'),
      ).length;
    // BreakingNews is quiet early in its period and peaks around 70 % through it.
    expect(surgeLevel(30, 20, 300)).toBe(0);
    expect(surgeLevel(20 + 0.7 * 300, 20, 300)).toBeCloseTo(1);
    expect(countAt(20)).toBe(0);
    expect(countAt(20 + 0.7 * 300 - 30)).toBeGreaterThan(200);
  });
});

/** A clock that only moves when the source sleeps. */
function fakeClock(): PacingClock & {elapsed: () => number} {
  let now = 1_800_000_000_000;
  const start = now;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    elapsed: () => now - start,
  };
}

describe('demo source', () => {
  it('goes live and emits posts at the configured rate, stamped now', async () => {
    const clock = fakeClock();
    const source = createDemoSource({query: ['stan', 'lee'], rate: 50, seed: 1}, clock);
    const controller = new AbortController();
    const events = [];
    for await (const event of source.events(controller.signal)) {
      events.push(event);
      if (clock.elapsed() >= 10_000) controller.abort();
    }
    expect(events[0]).toMatchObject({type: 'status', status: {state: 'live'}});
    const posts = events.flatMap((event) => (event.type === 'post' ? [event.post] : []));
    expect(posts.length).toBeGreaterThanOrEqual(490);
    expect(posts.length).toBeLessThanOrEqual(505);
    const last = posts.at(-1) as Post;
    expect(Math.abs(last.createdAt - clock.now())).toBeLessThanOrEqual(1000);
    expect(new Set(posts.map((post) => post.id)).size).toBe(posts.length);
  });
});
