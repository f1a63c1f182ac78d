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

describe('computeLayout with --top', () => {
  it('lists more than ten trends where the rows allow, fewer when asked, never past the frame', () => {
    const wide = computeLayout(200, 50, 20);
    if (wide.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(wide.barRows).toBe(20);
    expect(wide.chart?.height).toBeGreaterThanOrEqual(4);
    const few = computeLayout(80, 24, 3);
    if (few.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(few.barRows).toBe(3);
    for (const top of [0, 1, 3, 10, 15, 20, 50]) {
      for (let columns = 40; columns <= 220; columns += 30) {
        for (let rows = 12; rows <= 70; rows += 3) {
          const layout = computeLayout(columns, rows, top);
          if (layout.kind !== 'dashboard') throw new Error('expected a dashboard');
          expect(usedRows(layout)).toBeLessThanOrEqual(rows - 1);
          expect(layout.barRows).toBeGreaterThanOrEqual(Math.min(top || TOP_ROWS, TOP_ROWS));
          if (top > 0) expect(layout.barRows).toBeLessThanOrEqual(top);
        }
      }
    }
  });
});
