import {describe, expect, it} from 'vitest';
import {RateHistory} from '../../source/ui/rate-history.js';

describe('RateHistory', () => {
  it('counts posts per wall-clock second, oldest first, excluding the current second', () => {
    const rate = new RateHistory(10);
    rate.add(1_000);
    rate.add(1_500);
    rate.add(3_200);
    rate.add(4_000); // the current second: not complete yet
    expect(rate.series(4_100, 4)).toEqual([0, 2, 0, 1]);
    expect(rate.perSecond(4_100, 4)).toBe(0.75);
  });

  it('forgets seconds that fall out of the ring, also after a long silence', () => {
    const rate = new RateHistory(5);
    for (let s = 0; s < 5; s++) rate.add(s * 1000);
    expect(rate.series(5_000, 4)).toEqual([1, 1, 1, 1]);
    rate.add(7_000);
    expect(rate.series(8_000, 4)).toEqual([1, 0, 0, 1]);
    rate.add(60_000); // longer than the ring: nothing old may survive
    expect(rate.series(61_000, 4)).toEqual([0, 0, 0, 1]);
  });

  it('ignores posts older than the ring holds', () => {
    const rate = new RateHistory(5);
    rate.add(10_000);
    rate.add(2_000);
    expect(rate.series(11_000, 4)).toEqual([0, 0, 0, 1]);
  });
});
