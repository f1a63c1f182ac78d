import {describe, expect, it} from 'vitest';
import {horizontalBar} from '../../source/ui/bar.js';

describe('horizontalBar', () => {
  it('draws eighth-of-a-cell precision', () => {
    expect([1, 3, 7, 50, 99, 100].map((v) => horizontalBar(v, 100, 10))).toEqual([
      '▏',
      '▎',
      '▊',
      '█████',
      '█████████▉',
      '██████████',
    ]);
  });

  it('never draws a non-zero value as nothing, and draws zero as nothing', () => {
    expect(horizontalBar(1, 1_000_000, 10)).toBe('▏');
    expect(horizontalBar(0, 100, 10)).toBe('');
    expect(horizontalBar(5, 0, 10)).toBe('');
    expect(horizontalBar(5, 10, 0)).toBe('');
  });

  it('uses whole # cells in ASCII mode', () => {
    expect(horizontalBar(50, 100, 10, true)).toBe('#####');
    expect(horizontalBar(1, 100, 10, true)).toBe('#');
    expect(horizontalBar(100, 100, 10, true)).toBe('##########');
  });
});
