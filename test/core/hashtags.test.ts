import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {load} from 'js-yaml';
import {extractHashtags, MAX_SCANNED_CHARS, uniqueTags} from '../../source/core/hashtags.js';
import {normalizeTag} from '../../source/core/normalize-tag.js';

type ConformanceCase = {description: string; text: string; expected: string[]};
type Conformance = {tests: Record<string, ConformanceCase[]>};

const conformance = load(
  readFileSync(
    new URL('../fixtures/twitter-text-conformance/hashtags.yml', import.meta.url),
    'utf8',
  ),
) as Conformance;

describe('extractHashtags: twitter-text conformance suite', () => {
  const sections = ['hashtags', 'hashtags_from_astral'] as const;
  for (const section of sections) {
    const cases = conformance.tests[section] ?? [];
    test(`${section} has its cases`, () => {
      expect(cases.length).toBeGreaterThan(section === 'hashtags' ? 50 : 2);
    });
    // The suite lists a tag once per occurrence; a post counts each tag once, so the expectation
    // is the suite's list with repeats of the same key removed.
    test.each(cases.map((c) => [c.description, c] as const))('%s', (_name, c) => {
      expect(extractHashtags(c.text)).toEqual(uniqueTags(c.expected));
    });
  }
});

describe('extractHashtags: the README How it counts examples', () => {
  test.each([
    ['Excelsior! #StanLee #Marvel', ['StanLee', 'Marvel']],
    ['#1 fan', []],
    ['#Trump: yes', ['Trump']],
    ['foo#bar', []],
    ['full width ＃ＳｔａｎＬｅｅ', ['ＳｔａｎＬｅｅ']],
    ['see https://x.com/#foo and #bar', ['bar']],
    ["#StanLee's legacy #Stan-Lee #StanLee…", ['StanLee', 'Stan']],
    ['emoji after #hero🦸 ok', ['hero']],
    ['keycap #️⃣ is not a tag', []],
    ['no tags at all', []],
  ])('%s', (text, expected) => {
    expect(extractHashtags(text)).toEqual(expected);
  });

  test('keeps the first spelling and drops later spellings of the same key', () => {
    expect(extractHashtags('#StanLee #stanlee #STANLEE #Marvel ＃ｓｔａｎｌｅｅ')).toEqual([
      'StanLee',
      'Marvel',
    ]);
  });
});

describe('extractHashtags on huge texts', () => {
  test('reads the first MAX_SCANNED_CHARS characters, never a tag cut in half, and stays fast', () => {
    const filler = 'word '.repeat(Math.floor(MAX_SCANNED_CHARS / 5) - 4);
    // `#Early` ends just before the limit; `#Straddling` crosses it; `#Late` lies far beyond.
    const text = `#First ${filler}#Early #Straddling ${'more '.repeat(800_000)}#Late`;
    const straddling = text.indexOf('#Straddling');
    expect(straddling).toBeLessThan(MAX_SCANNED_CHARS);
    expect(straddling + '#Straddling'.length).toBeGreaterThan(MAX_SCANNED_CHARS);
    const started = performance.now();
    expect(extractHashtags(text)).toEqual(['First', 'Early']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('uniqueTags', () => {
  test('dedupes by normalised key in first-appearance order', () => {
    expect(uniqueTags(['Café', 'news', 'CAFÉ', 'News', 'cafe'])).toEqual(['Café', 'news', 'cafe']);
  });
  test('drops empty strings and accepts any iterable', () => {
    expect(uniqueTags(new Set(['', 'a', 'A']))).toEqual(['a']);
  });
});

describe('normalizeTag', () => {
  test.each(['StanLee', 'ＳｔａｎＬｅｅ', 'Café', 'İstanbul', 'ﬁre', '𝐁𝐨𝐥𝐝', 'straße', 'A_1'])(
    'its ASCII fast path agrees with NFKC then lower case for %s',
    (tag) => {
      expect(normalizeTag(tag)).toBe(tag.normalize('NFKC').toLowerCase());
    },
  );
});
