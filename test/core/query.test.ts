import {describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {createPostFilter, matchesQuery} from '../../source/core/query.js';

const post = (text: string, extra: Partial<Post> = {}): Post => ({
  id: '1',
  createdAt: 0,
  text,
  hashtags: [],
  retweet: false,
  ...extra,
});

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
