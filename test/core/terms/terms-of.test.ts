import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parseLine} from '../../../source/core/parse/parse-line.js';
import type {Post} from '../../../source/core/post.js';
import {droppedWordsFor, termsOf} from '../../../source/core/terms/terms-of.js';
import {stopWordsFor} from '../../../source/core/terms/stop-words.js';
import {normalizeTag} from '../../../source/core/normalize-tag.js';
import {testPost} from '../../helpers/post.js';

function postsIn(name: string): Post[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .flatMap((line) => {
      const result = parseLine(line, {now: 0});
      return result.kind === 'posts' ? result.posts : [];
    });
}

const post = testPost;

const words = (text: string, lang?: string, query: string[] = []) =>
  termsOf(post(text, {lang}), 'words', droppedWordsFor(query));

describe('words: cut by Intl.Segmenter in the post’s language', () => {
  test('Japanese, Chinese and Thai, written without spaces, become words, not characters or lines', () => {
    // で and を are Japanese stop words; the rest are the sentence's words.
    expect(words('東京で新しい映画を見ました', 'ja')).toEqual(
      expect.arrayContaining(['東京', '新しい', '映画']),
    );
    expect(words('東京で新しい映画を見ました', 'ja')).not.toContain('で');
    expect(words('ฉันชอบกินข้าวผัด', 'th')).toEqual(['ฉัน', 'ชอบ', 'กิน', 'ข้าว', 'ผัด']);
    // 我 and 在 are Chinese stop words.
    expect(words('我今天在北京吃了烤鸭。', 'zh')).toEqual(['今天', '北京', '吃了', '烤鸭']);
  });

  test('drops stop words, numbers, punctuation, URLs and the signed terms themselves', () => {
    expect(
      words(
        "Excelsior! #StanLee don't miss https://t.co/abc www.tumblr.com/x/y tumblr.com/a @jack " +
          '$AMD the 2026 3.5 U.S. 1️⃣ 🎉 movie',
        'en',
      ),
    ).toEqual(['Excelsior', 'movie']);
    // Typographic apostrophes, as phones type them, are stop words too.
    expect(words('don’t it’s cinema', 'en')).toEqual(['cinema']);
  });

  test('English stop words go in every language; a post without a language is read as English', () => {
    // `ist` and `heute` are German stop words, `the` an English one.
    expect(words('the Kino ist heute voll', 'de')).toEqual(['Kino', 'voll']);
    expect(words('the cinema is packed')).toEqual(['cinema', 'packed']);
    // An old X code and a regional tag find their language's list.
    expect(stopWordsFor('iw')).toBe(stopWordsFor('he'));
    expect(stopWordsFor('pt-BR').has('não')).toBe(true);
  });

  test('each word once per post (NFKC + lower case), in its first spelling', () => {
    expect(words('Movie movie MOVIE ｍｏｖｉｅ night', 'en')).toEqual(['Movie', 'night']);
  });

  test('the query’s own words are dropped, in any case or width', () => {
    expect(words('Stan Lee and Marvel comics', 'en', ['stan lee'])).toEqual(['Marvel', 'comics']);
    expect(words('ＳＴＡＮ comics', 'en', ['Stan'])).toEqual(['comics']);
  });

  test('a retweet whose original was not expanded does not count its `RT` marker', () => {
    expect(termsOf(post('RT @marvel: Excelsior tonight', {retweet: true}), 'words')).toEqual([
      'Excelsior',
      'tonight',
    ]);
    expect(termsOf(post('RT means retweet'), 'words')).toEqual(['RT', 'retweet']);
  });
});

describe('termsOf on real archives', () => {
  test('X cashtags and words from a twarc2 page', () => {
    const [cashtagged] = postsIn('twarc2/cashtags.jsonl');
    expect(termsOf(cashtagged!, 'cashtags')).toEqual([
      'AMD',
      'BTC',
      'TWTR',
      'BA',
      'doge',
      'baba',
      'spy',
      'SPX',
      'NIO',
      'ETC',
      'META',
    ]);
    expect(termsOf(cashtagged!, 'words')).toEqual([
      'Trade',
      'Ideas',
      'subscription',
      'Gain',
      'confidence',
      'learn',
      'action',
      'markets',
    ]);
  });

  test('a retweet counts its original’s mentions and words', () => {
    const [retweet] = postsIn('twarc2/mentions_tweet.jsonl');
    expect(retweet!.retweet).toBe(true);
    expect(termsOf(retweet!, 'mentions')).toEqual([
      'Xbox',
      'masseffect',
      'Ubisoft',
      'RockstarGames',
      'tombraider',
      'CallofDuty',
      'SonySantaMonica',
      'Naughty_Dog',
    ]);
    // `minutes old` is past where the retweet's own text was cut off.
    expect(termsOf(retweet!, 'words')).toEqual(expect.arrayContaining(['mutuals', 'minutes']));
  });

  test('Bluesky words, and every word of 100 real X posts obeys the rules', () => {
    const [first] = postsIn('jetstream/posts_v1.jsonl');
    expect(termsOf(first!, 'words')).toEqual(
      expect.arrayContaining(['googling', 'Radio', 'rebellion']),
    );
    expect(termsOf(first!, 'words')).not.toContain('HowToTellAiToShutUp');

    const posts = postsIn('twarc2/noflat.jsonl');
    expect(posts).toHaveLength(100);
    let counted = 0;
    for (const p of posts) {
      const found = termsOf(p, 'words');
      const keys = found.map(normalizeTag);
      expect(new Set(keys).size).toBe(keys.length);
      const stop = stopWordsFor(p.lang);
      const tags = new Set(p.hashtags.map(normalizeTag));
      for (const word of found) {
        expect(p.text).toContain(word);
        expect(stop.has(normalizeTag(word))).toBe(false);
        expect(word).not.toMatch(/^(https?|www|co)$|^[\p{N}\p{P}]+$/u);
        // A hashtag is a word only where the text also has it without its sign.
        if (tags.has(normalizeTag(word)))
          expect(p.text).toMatch(new RegExp(`(^|[^#\\w])${word}`, 'u'));
      }
      counted += found.length;
    }
    expect(counted).toBeGreaterThan(500);
  });

  test('hashtags, cashtags and mentions are the post’s own lists', () => {
    const p = post('x', {hashtags: ['A'], cashtags: ['B'], mentions: ['c']});
    expect(termsOf(p, 'hashtags')).toBe(p.hashtags);
    expect(termsOf(p, 'cashtags')).toBe(p.cashtags);
    expect(termsOf(p, 'mentions')).toBe(p.mentions);
  });
});
