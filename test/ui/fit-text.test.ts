import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import fc from 'fast-check';
import {fitToWidth, truncateToWidth} from '../../source/ui/fit-text.js';

describe('truncateToWidth', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToWidth('hello', 5)).toBe('hello');
  });

  it('cuts by display columns, counting CJK and emoji as two', () => {
    expect(truncateToWidth('あいうえおかきくけこ|end', 10)).toBe('あいうえ…');
    expect(stringWidth(truncateToWidth('👍🏽👍🏽👍🏽👍🏽', 5))).toBeLessThanOrEqual(5);
  });

  it('never splits a grapheme cluster', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(truncateToWidth(family.repeat(5), 5)).toBe(family + family + '…');
  });

  it('never exceeds the width for any text', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme'}), fc.integer({min: 0, max: 30}), (text, width) => {
        expect(stringWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
        expect(stringWidth(fitToWidth(text, width))).toBe(width);
      }),
    );
  });
});
