import {describe, expect, it} from 'vitest';
import {Backoff} from '../../source/ingest/backoff.js';

describe('Backoff', () => {
  it('doubles up to the cap and starts over after a reset', () => {
    const backoff = new Backoff({initialMs: 250, maxMs: 1000});
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      250, 500, 1000, 1000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(250);
  });

  it('grows linearly when asked (X network errors: +250 ms to 16 s)', () => {
    const backoff = new Backoff({initialMs: 250, maxMs: 16_000, growth: 'linear'});
    const delays = Array.from({length: 70}, () => backoff.next());
    expect(delays.slice(0, 3)).toEqual([250, 500, 750]);
    expect(Math.max(...delays)).toBe(16_000);
  });

  it('jitter only shortens delays', () => {
    const backoff = new Backoff({initialMs: 1000, maxMs: 1000, jitter: 0.5}, () => 1);
    expect(backoff.next()).toBe(500);
  });
});
