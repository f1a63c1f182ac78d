import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {plotRate, resample} from '../../../source/ui/components/rate-chart.js';

describe('plotRate', () => {
  it('draws empty, flat, zero and NaN series without throwing, at the asked height', () => {
    for (const series of [[], [0, 0, 0], [5, 5, 5], [1, Number.NaN, 3]]) {
      const lines = plotRate(series, 40, 4, false);
      expect(lines).toHaveLength(4);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    }
  });

  it('fits long series into the width', () => {
    const series = Array.from({length: 3600}, (_, i) => i % 100);
    for (const width of [40, 80, 133]) {
      for (const line of plotRate(series, width, 6, false)) {
        expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('shows the peak on the axis', () => {
    expect(plotRate([0, 120, 40], 40, 5, false)[0]).toMatch(/^\s*120 /);
  });
});

describe('resample', () => {
  it('averages into buckets', () => {
    expect(resample([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(resample([4], 3)).toEqual([4, 4, 4]);
  });
});
