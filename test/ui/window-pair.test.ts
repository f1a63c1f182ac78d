import {describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {WindowPair} from '../../source/ui/window-pair.js';

const s = (seconds: number) => seconds * 1000;
const shape = {windowMs: s(20), slideMs: s(10), timeMode: 'arrival' as const, top: 10};
let next = 0;
/** A post with these hashtags, a fresh id, no author (an account of its own). */
const post = (hashtags: string[], retweet: boolean, over: Partial<Post> = {}): Post => ({
  id: `p${++next}`,
  createdAt: 0,
  text: '',
  hashtags,
  cashtags: [],
  mentions: [],
  retweet,
  ...over,
});
const keys = (pair: WindowPair) => pair.latest?.top.map((tag) => [tag.key, tag.count]);

describe('WindowPair', () => {
  it('answers for the current retweet setting, switching exactly', () => {
    const pair = new WindowPair(shape, true);
    pair.add(s(1), post(['a'], false));
    pair.add(s(2), post(['a', 'b'], true));
    expect(pair.advance(s(10))).toEqual({any: true, shown: true});
    expect(keys(pair)).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    pair.retweets = false;
    expect(keys(pair)).toEqual([['a', 1]]);
  });

  it('reports whether the shown window emitted when only retweets were posted', () => {
    const pair = new WindowPair(shape, false);
    pair.add(s(1), post(['a'], true));
    expect(pair.advance(s(10))).toEqual({any: true, shown: false});
    expect(pair.latest).toBeUndefined();
  });

  it('recounts both at a new window, tags keeping their place rather than turning new', () => {
    const pair = new WindowPair({...shape, retentionMs: s(60)}, false);
    for (let second = 0; second < 60; second++) {
      pair.add(s(second) + 1, post([`s${second % 3}`], second % 2 === 0));
    }
    pair.advance(s(60));
    pair.setWindow(s(60), s(10));
    expect(pair.latest).toMatchObject({start: 0, end: s(60), posts: 30});
    expect(pair.latest!.top.every((tag) => !tag.isNew)).toBe(true);
    pair.retweets = true;
    expect(pair.latest!.posts).toBe(60);
  });

  it('closes the windows of an ended stream a bounded batch at a time', () => {
    const pair = new WindowPair({...shape, timeMode: 'event', maxOutOfOrdernessMs: 1e15}, true);
    pair.add(s(5), post(['a'], false));
    pair.add(s(95), post(['b'], true));
    pair.drain();
    expect(pair.draining).toBe(true);
    expect(pair.drainSome(3)).toBe(true);
    expect(pair.latest!.end).toBe(s(30));
    expect(pair.drainSome(100)).toBe(true);
    expect(pair.latest!.end).toBe(s(110)); // the last window holding 95 s
    expect(pair.draining).toBe(false);
  });

  it('counts every kind at once, so switching kind shows history already counted', () => {
    const pair = new WindowPair({...shape, query: ['stan']}, true);
    pair.add(
      s(1),
      post(['Marvel'], false, {
        text: 'Stan wrote comics $DIS @marvel',
        author: 'a',
        cashtags: ['DIS'],
        mentions: ['marvel'],
        lang: 'en',
      }),
    );
    pair.add(s(2), post(['Marvel'], false, {text: 'comics again', author: 'a', lang: 'en'}));
    pair.advance(s(10));
    expect(pair.latest!.top.map((tag) => [tag.display, tag.count, tag.accounts])).toEqual([
      ['Marvel', 2, 1],
    ]);
    pair.terms = 'words';
    expect(pair.latest).toMatchObject({
      terms: 'words',
      top: [
        {display: 'comics', count: 2, accounts: 1},
        {display: 'wrote', count: 1, accounts: 1},
      ],
    });
    pair.terms = 'cashtags';
    expect(pair.latest!.top.map((tag) => tag.display)).toEqual(['DIS']);
    pair.terms = 'mentions';
    expect(pair.latest!.top.map((tag) => tag.display)).toEqual(['marvel']);
  });

  it('counts a repeated post id once, under every kind, and re-orders at once by accounts', () => {
    const pair = new WindowPair(shape, true);
    const once = post(['Spam'], false, {author: 'bot'});
    pair.add(s(1), once);
    pair.add(s(1), once);
    pair.add(s(2), post(['Spam'], false, {author: 'bot'}));
    for (const author of ['x', 'y']) pair.add(s(3), post(['Real'], false, {author}));
    pair.advance(s(10));
    expect(pair.duplicates).toBe(1);
    expect(pair.latest!.top.map((tag) => [tag.display, tag.count])).toEqual([
      ['Real', 2],
      ['Spam', 2],
    ]);
    pair.setRank('accounts');
    expect(pair.rank).toBe('accounts');
    expect(pair.latest!.top.map((tag) => [tag.display, tag.accounts, tag.isNew])).toEqual([
      ['Real', 2, false],
      ['Spam', 1, false],
    ]);
  });
});
