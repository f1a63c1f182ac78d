// Questions about one term, answered from the sliding window's panes: the terms seen with it in
// the window (exact, against a brute-force recount of random posts) and its posts per slide over
// the retained history; and the memory the co-occurrence lists may hold.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {SlidingWindow} from '../../../source/core/sliding-window.js';
import {PostTermLists} from '../../../source/core/window/post-term-lists.js';

const TERMS = ['a', 'B', 'b', 'c', 'd', 'e', 'f', 'g'];

type Fed = {time: number; tags: string[]};

const postArbitrary = fc.record({
  time: fc.integer({min: 0, max: 59_999}),
  tags: fc.uniqueArray(fc.constantFrom(...TERMS), {
    maxLength: 4,
    selector: (t) => t.toLowerCase(),
  }),
});

describe('SlidingWindow.cooccurring', () => {
  it('counts, for the last window, posts carrying the term and each other term, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(postArbitrary, {maxLength: 200}),
        fc.constantFrom('a', 'b', 'c'),
        (posts, key) => {
          const window = new SlidingWindow({
            windowMs: 20_000,
            slideMs: 10_000,
            timeMode: 'arrival',
            top: 10,
          });
          const sorted = [...posts].sort((x, y) => x.time - y.time);
          for (const post of sorted) window.add(post.time, post.tags);
          window.advance(60_000);
          const latest = window.latest();
          const answer = window.cooccurring(key, 5);
          if (latest === undefined) {
            expect(answer).toBeUndefined();
            return;
          }
          const expected = new Map<string, number>();
          for (const post of sorted) {
            if (post.time < latest.start || post.time >= latest.end) continue;
            const keys = post.tags.map((t) => t.toLowerCase());
            if (!keys.includes(key)) continue;
            for (const other of keys)
              if (other !== key) expected.set(other, (expected.get(other) ?? 0) + 1);
          }
          const ranked = [...expected.entries()]
            .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
            .slice(0, 5);
          expect(answer!.terms.map((t) => [t.key, t.count])).toEqual(ranked);
          expect(answer!.fromMs).toBe(latest.start);
        },
      ),
      {numRuns: 150},
    );
  });

  it('says where its counts begin when the window was made longer than the lists kept', () => {
    const window = new SlidingWindow({
      windowMs: 10_000,
      slideMs: 10_000,
      timeMode: 'arrival',
      top: 10,
    });
    window.add(1_000, ['a', 'b']);
    window.add(15_000, ['a', 'c']);
    window.advance(20_000);
    expect(window.cooccurring('a', 5)!.terms.map((t) => t.key)).toEqual(['c']);
    window.setWindow(20_000, 10_000);
    const answer = window.cooccurring('a', 5)!;
    // The pane of the first post left the 10 s window before: its list is gone.
    expect(answer.fromMs).toBe(10_000);
    expect(answer.terms.map((t) => t.key)).toEqual(['c']);
  });
});

describe('SlidingWindow.termCounts', () => {
  it('gives the posts carrying a term per slice of the retained history', () => {
    const window = new SlidingWindow({
      windowMs: 20_000,
      slideMs: 10_000,
      timeMode: 'arrival',
      top: 10,
      retentionMs: 60_000,
    });
    const fed: Fed[] = [
      {time: 1_000, tags: ['A', 'x']},
      {time: 2_000, tags: ['a']},
      {time: 12_000, tags: ['y']},
      {time: 25_000, tags: ['a']},
      {time: 41_000, tags: ['A']},
    ];
    for (const post of fed) window.add(post.time, post.tags);
    window.advance(50_000);
    expect(window.termCounts('a', 0, 50_000, 10_000)).toEqual([2, 0, 1, 0, 1]);
    expect(window.termCounts('nothing', 0, 20_000, 10_000)).toEqual([0, 0]);
  });
});

describe('PostTermLists', () => {
  it('keeps only multi-term posts, and only until their pane is dropped', () => {
    const lists = new PostTermLists();
    lists.add(0, [1], 1);
    expect(lists.size).toBe(0);
    lists.add(0, [1, 2, 3], 3);
    lists.add(1, [1, 2], 2);
    expect(lists.size).toBe(4 + 3);
    lists.dropBefore(1);
    expect(lists.size).toBe(3);
    expect(lists.completeFrom).toBe(1);
  });

  it('holds no more than the window: a long stream leaves the lists the size of one window', () => {
    const window = new SlidingWindow({
      windowMs: 20_000,
      slideMs: 10_000,
      timeMode: 'arrival',
      top: 10,
    });
    const lists = (window as unknown as {termLists: PostTermLists}).termLists;
    let most = 0;
    for (let second = 0; second < 600; second++) {
      for (let i = 0; i < 10; i++) window.add(second * 1000 + i, ['a', `t${i}`]);
      window.advance((second + 1) * 1000);
      most = Math.max(most, lists.size);
    }
    // 20 s of 10 posts a second, 3 ints each, plus the slide being filled.
    expect(most).toBeLessThanOrEqual(30 * 10 * 3);
  });
});
