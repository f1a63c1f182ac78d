import {describe, expect, it} from 'vitest';
import {createPostFilter, matchesQuery} from '../../source/core/query.js';
import {testPost} from '../helpers/post.js';

const post = testPost;

describe('matchesQuery', () => {
  it('ANDs the words, ignoring case', () => {
    expect(matchesQuery(post('STAN LEE was here'), ['stan', 'lee'])).toBe(true);
    expect(matchesQuery(post('Lee, Stan'), ['stan lee'])).toBe(true);
    expect(matchesQuery(post('only stan'), ['stan', 'lee'])).toBe(false);
  });

  it('folds Unicode case and width', () => {
    expect(matchesQuery(post('ÉCOLE fermée'), ['école'])).toBe(true);
    expect(matchesQuery(post('ＳＴＡＮ　ＬＥＥ'), ['stan', 'lee'])).toBe(true);
  });

  it('finds words in scripts without spaces and inside hashtags', () => {
    expect(matchesQuery(post('今日は東京タワーに行った'), ['東京'])).toBe(true);
    expect(matchesQuery(post('RT @a: so sad…', {hashtags: ['StanLee']}), ['stanlee'])).toBe(true);
  });

  it('matches whole words only: Unicode word boundaries, punctuation is a boundary', () => {
    expect(matchesQuery(post('time to sleep'), ['lee'])).toBe(false);
    expect(matchesQuery(post('Stan Lee!'), ['stan lee'])).toBe(true);
    expect(matchesQuery(post("Stan Lee's cameo"), ['lee'])).toBe(true);
    expect(matchesQuery(post('Stanley Kubrick'), ['stan'])).toBe(false);
    expect(matchesQuery(post('café au lait'), ['caf'])).toBe(false);
    expect(matchesQuery(post('Ünïcödé words'), ['ünïcödé'])).toBe(true);
    // A hashtag is a word of its own: `stan` does not find #StanLee, `stanlee` does.
    expect(matchesQuery(post('so sad', {hashtags: ['StanLee']}), ['stan'])).toBe(false);
    expect(matchesQuery(post('so sad', {hashtags: ['StanLee']}), ['stanlee'])).toBe(true);
    // Digits are word characters: `2` is not found inside `2026`.
    expect(matchesQuery(post('happy 2026'), ['2'])).toBe(false);
    // Regular-expression characters in a query are plain text.
    expect(matchesQuery(post('c++ rocks'), ['c++'])).toBe(true);
    expect(matchesQuery(post('cxx rocks'), ['c.x'])).toBe(false);
  });

  it('scripts written without spaces: a boundary at every Han, Hiragana or Thai character', () => {
    // As UAX #29's default rules (no dictionary) cut them: each ideograph, kana and Thai
    // letter stands alone, so a query word is found wherever it occurs.
    expect(matchesQuery(post('今日は東京タワーに行った'), ['東京'])).toBe(true);
    expect(matchesQuery(post('ฉันรักกรุงเทพมาก'), ['กรุงเทพ'])).toBe(true);
    // A run of Katakana is one word: `タワ` is part of `タワー`, not a word.
    expect(matchesQuery(post('東京タワーに行った'), ['タワー'])).toBe(true);
    expect(matchesQuery(post('東京タワーに行った'), ['タワ'])).toBe(false);
    // A Latin word next to Han characters still ends at them.
    expect(matchesQuery(post('我爱Stan李'), ['stan'])).toBe(true);
  });

  it('an empty query matches everything', () => {
    expect(matchesQuery(post('anything'), [])).toBe(true);
    expect(matchesQuery(post('anything'), ['  '])).toBe(true);
  });
});

describe('createPostFilter', () => {
  it('drops retweets only when asked', () => {
    const rt = post('stan', {retweet: true});
    expect(createPostFilter({query: [], retweets: true})(rt)).toBe(true);
    expect(createPostFilter({query: [], retweets: false})(rt)).toBe(false);
  });

  it('keeps a language and its regional forms, and drops posts with no language', () => {
    const filter = createPostFilter({query: ['stan'], lang: 'EN', retweets: true});
    expect(filter(post('stan', {lang: 'en'}))).toBe(true);
    expect(filter(post('stan', {lang: 'en-GB'}))).toBe(true);
    expect(filter(post('stan', {lang: 'eng'}))).toBe(false);
    expect(filter(post('stan', {lang: 'fr'}))).toBe(false);
    expect(filter(post('stan'))).toBe(false);
    expect(filter(post('lee', {lang: 'en'}))).toBe(false);
  });
});
