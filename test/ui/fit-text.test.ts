import {describe, expect, it} from 'vitest';
import stringWidthOf from 'string-width';
import fc from 'fast-check';
import {fitToWidth, stringWidth, truncateToWidth} from '../../source/ui/fit-text.js';

describe('truncateToWidth', () => {
  it('leaves text that fits alone', () => {
    expect(truncateToWidth('hello', 5)).toBe('hello');
  });

  it('cuts by display columns, counting CJK and emoji as two', () => {
    expect(truncateToWidth('あいうえおかきくけこ|end', 10)).toBe('あいうえ…');
    expect(stringWidth(truncateToWidth('👍🏽👍🏽👍🏽👍🏽', 5))).toBeLessThanOrEqual(5);
  });

  it('never splits a grapheme cluster', () => {
    // A family of four takes 8 columns where a terminal draws its parts: two fit in 19.
    const family = '👨‍👩‍👧‍👦';
    expect(truncateToWidth(family.repeat(5), 19)).toBe(family + family + '…');
  });

  it('never exceeds the width for any text, joined or drawn as parts', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme'}), fc.integer({min: 0, max: 30}), (text, width) => {
        expect(stringWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
        expect(stringWidth(fitToWidth(text, width))).toBe(width);
        // A terminal that joins clusters draws no wider than we measure.
        expect(stringWidthOf(fitToWidth(text, width))).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('stringWidth', () => {
  it('measures a ZWJ sequence or a skin-tone modifier as the wider of joined and parts', () => {
    expect(stringWidth('👨‍👩‍👧')).toBe(6);
    expect(stringWidth('👏🏽')).toBe(4);
    expect(stringWidth('York was 👨‍👩‍👧 remember 👏🏽 will remember writer')).toBe(44 - 2 + 6 - 2 + 4); // string-width: 44, both emoji as 2
  });

  it('measures a lone surrogate as the U+FFFD a terminal draws for it', () => {
    expect(stringWidthOf('\ud83d\ud83d')).toBe(0);
    expect(stringWidth('\ud83d\ud83d')).toBe(2);
    expect(truncateToWidth('ab\ud83d', 10)).toBe('ab\ufffd');
  });
});
