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

describe('axis labels', () => {
  it('never repeat, whatever the peak and the height', () => {
    for (const peak of [1, 2, 3, 7, 10, 12, 30, 999, 1000, 1200, 25_000]) {
      for (const rows of [3, 4, 8, 12, 20, 40]) {
        const labels = plotRate([0, peak], 60, rows, false).map((l) => l.trim().split(/\s/)[0]);
        expect(new Set(labels).size, `peak ${peak}, ${rows} rows`).toBe(rows);
      }
    }
  });

  it('draws only ASCII with --ascii', () => {
    for (const line of plotRate([0, 5, 2, 9, 9, 1], 40, 6, false, true)) {
      expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

describe('resample', () => {
  it('averages into buckets', () => {
    expect(resample([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(resample([4], 3)).toEqual([4, 4, 4]);
  });
});
