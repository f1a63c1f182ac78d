import {describe, expect, it} from 'vitest';
import {OrderProbe, SAMPLE_POSTS, STREAM_DISORDER_LIMIT_MS} from '../../source/core/order-probe.js';

function decide(times: number[], inputEnded = false) {
  const probe = new OrderProbe();
  for (const time of times) probe.observe(time);
  return probe.decide(inputEnded);
}

const start = Date.parse('2026-11-26T12:00:00Z');
// Posts at 100/s with each one up to ±jitter off its place.
const capture = (jitterMs: number) =>
  Array.from(
    {length: SAMPLE_POSTS},
    (_, i) => start + i * 10 + ((i * 7919) % (2 * jitterMs + 1)) - jitterMs,
  );

describe('OrderProbe', () => {
  it('streams a capture with seconds of disorder', () => {
    expect(decide(capture(5_000))).toBe('stream');
  });

  it('holds when a post is further out of order than the limit', () => {
    const times = capture(0);
    times[SAMPLE_POSTS / 2] = times[SAMPLE_POSTS / 2 - 1]! - STREAM_DISORDER_LIMIT_MS - 1;
    expect(decide(times)).toBe('hold');
  });

  it('holds a newest-first archive even when its sample spans only seconds', () => {
    // A busy search: 10,000 posts within 5 s, newest first, whole-second timestamps.
    const times = Array.from(
      {length: SAMPLE_POSTS},
      (_, i) => start - Math.floor(i / 2_000) * 1000,
    );
    expect(decide(times)).toBe('hold');
  });

  it('holds an input that ends before the sample is full', () => {
    expect(decide(capture(0).slice(0, 100), true)).toBe('hold');
  });
});
