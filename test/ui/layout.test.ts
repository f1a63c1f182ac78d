import {describe, expect, it} from 'vitest';
import {computeLayout, TOP_ROWS, usedRows} from '../../source/ui/layout.js';

describe('computeLayout', () => {
  it('is too small below 40×12 and a dashboard from there on', () => {
    expect(computeLayout(39, 40).kind).toBe('too-small');
    expect(computeLayout(200, 11).kind).toBe('too-small');
    expect(computeLayout(40, 12).kind).toBe('dashboard');
  });

  it('never uses the last row and always keeps the ten bars', () => {
    for (let columns = 40; columns <= 220; columns += 7) {
      for (let rows = 12; rows <= 80; rows++) {
        const layout = computeLayout(columns, rows);
        if (layout.kind !== 'dashboard') throw new Error('expected a dashboard');
        expect(layout.frameHeight).toBe(rows - 1);
        expect(usedRows(layout)).toBeLessThanOrEqual(rows - 1);
        expect(layout.bars.height).toBeGreaterThanOrEqual(TOP_ROWS);
      }
    }
  });

  it('drops the chart and the posts before the bars on short terminals', () => {
    const tiny = computeLayout(80, 12);
    if (tiny.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(tiny.chart).toBeUndefined();
    expect(tiny.posts).toBeUndefined();
    expect(tiny.headerLines).toBe(1);
    const normal = computeLayout(80, 24);
    if (normal.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(normal.chart?.height).toBeGreaterThanOrEqual(4);
    expect(normal.posts?.height).toBeGreaterThanOrEqual(3);
  });

  it('goes side by side from 100 columns', () => {
    expect(computeLayout(99, 40)).toMatchObject({arrangement: 'stacked'});
    expect(computeLayout(100, 40)).toMatchObject({arrangement: 'side-by-side'});
  });
});
