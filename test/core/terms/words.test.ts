import {readFileSync, readdirSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseLine} from '../../../source/core/parse/parse-line.js';
import {wordLikeSegments} from '../../../source/core/terms/words.js';

/** What Intl.Segmenter alone calls word-like: the rule `wordLikeSegments` must reproduce. */
function segmenterWords(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, {granularity: 'word'});
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

// ASCII text weighted towards what posts hold: letters, digits, `_`, spaces, and every
// punctuation mark, the ones that may join words (`.` `,` `;` `:` `'`) more often.
const asciiChar = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEZ')},
  {weight: 3, arbitrary: fc.constantFrom(...'0123456789')},
  {weight: 4, arbitrary: fc.constantFrom(' ', ' ', '\n', '\t', '\r')},
  {weight: 4, arbitrary: fc.constantFrom(...".,;:'_")},
  {weight: 3, arbitrary: fc.integer({min: 0, max: 127}).map((code) => String.fromCharCode(code))},
);
const LANGUAGES = ['en', 'sv', 'fi', 'de', 'ja', 'th', 'zh'];

describe('wordLikeSegments', () => {
  it('finds in ASCII text exactly the words Intl.Segmenter finds, in every language', () => {
    fc.assert(
      fc.property(
        fc.array(asciiChar, {maxLength: 80}).map((chars) => chars.join('')),
        fc.constantFrom(...LANGUAGES),
        (text, language) => {
          expect(wordLikeSegments(text, language)).toEqual(segmenterWords(text, language));
        },
      ),
      {numRuns: 3000},
    );
  });

  it('finds in every post of the real archives the words Intl.Segmenter finds', () => {
    let plain = 0;
    for (const folder of ['twarc2', 'jetstream']) {
      const directory = new URL(`../../fixtures/${folder}/`, import.meta.url);
      for (const name of readdirSync(directory).filter((file) => file.endsWith('.jsonl'))) {
        for (const line of readFileSync(new URL(name, directory), 'utf8').split('\n')) {
          const result = parseLine(line, {now: 0});
          if (result.kind !== 'posts') continue;
          for (const {text, lang} of result.posts) {
            if (/^[\t\n\r -~]*$/.test(text)) plain++;
            expect(wordLikeSegments(text, lang)).toEqual(segmenterWords(text, lang ?? 'en'));
          }
        }
      }
    }
    expect(plain).toBeGreaterThan(0);
  });

  it('leaves to the segmenter the text plain runs would cut wrongly', () => {
    for (const text of [
      "don't stop",
      'version 3.5 ships',
      'U.S. news',
      'café au lait',
      '東京タワー',
    ]) {
      expect(wordLikeSegments(text, 'en')).toEqual(segmenterWords(text, 'en'));
    }
  });
});
