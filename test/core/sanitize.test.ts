import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {sanitizeForTerminal} from '../../source/core/sanitize.js';

// Anything a terminal would act on: escape introducers, C0/C1 controls, DEL, bidi controls.
// eslint-disable-next-line no-control-regex
const ACTIONABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeForTerminal', () => {
  test.each([
    ['clear screen', 'a\x1b[2Jb', 'ab'],
    ['window title (OSC, BEL)', 'x\x1b]0;owned\x07y', 'xy'],
    ['window title (OSC, ST)', 'x\x1b]2;owned\x1b\\y', 'xy'],
    ['hyperlink OSC 8', '\x1b]8;;https://evil.example\x07click\x1b]8;;\x07', 'click'],
    ['cursor moves', 'a\x1b[10;20Hb\x1b[3Ac\x1b[s\x1b[u', 'abc'],
    ['colours', '\x1b[31;1mred\x1b[0m', 'red'],
    ['carriage return', 'safe\rEVIL', 'safe EVIL'],
    ['backspace', 'abc\b\b\bxyz', 'abcxyz'],
    ['8-bit CSI', 'a\x9b2Jb', 'ab'],
    ['lone ESC', 'a\x1bb', 'ab'],
    ['trailing ESC', 'end\x1b', 'end'],
    ['bell and NUL', 'a\x07\x00b', 'ab'],
    ['DEL', 'a\x7fb', 'ab'],
    ['bidi override', 'abc\u202edcba\u202c', 'abcdcba'],
    ['bidi isolate', 'x\u2066y\u2069', 'xy'],
    ['newlines and tabs collapse', 'one\n\ntwo\tthree\r\n four', 'one two three four'],
    ['line separator', 'a\u2028b\u2029c', 'a b c'],
    ['NEL', 'a\u0085b', 'a b'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeForTerminal(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(ACTIONABLE);
  });

  test('keeps emoji (with joiners and variation selectors), CJK, Thai and accents', () => {
    const text = 'Stan Lee 🦸‍♂️ 👨‍👩‍👧 ❤️ 日本語 ภาษาไทย héros';
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  test('a barrage of hostile sequences leaves no control character', () => {
    let hostile = '';
    for (let code = 0; code < 0xa0; code++) hostile += String.fromCharCode(code) + 'x';
    hostile += '\x1b[2J\x1b[H\x1b]0;t\x07\x1bP1$r\x1b\\\x9b1;1H\x1b7\x1b8\x1bc';
    expect(sanitizeForTerminal(hostile)).not.toMatch(ACTIONABLE);
  });

  test('any text with escapes spliced in comes out single-line, free of controls, and stable', () => {
    const piece = fc.oneof(
      fc.string({unit: 'grapheme'}),
      fc.string({unit: 'binary'}),
      fc.constantFrom(
        '\x1b[',
        '\x1b]0;',
        '\x07',
        '\x1b\\',
        '\x9b',
        '\x1b',
        '\r',
        '\n',
        '\b',
        '\u202e',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 12}), (pieces) => {
        const out = sanitizeForTerminal(pieces.join(''));
        expect(out).not.toMatch(ACTIONABLE);
        expect(out).not.toMatch(/\s\s|^\s|\s$/);
        expect(sanitizeForTerminal(out)).toBe(out);
      }),
      {numRuns: 1000},
    );
  });
});
