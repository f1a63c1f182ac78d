import {describe, expect, it} from 'vitest';
import {WindowPair} from '../../source/ui/window-pair.js';

const s = (seconds: number) => seconds * 1000;
const shape = {windowMs: s(20), slideMs: s(10), timeMode: 'arrival' as const, top: 10};
const keys = (pair: WindowPair) => pair.latest?.top.map((tag) => [tag.key, tag.count]);

describe('WindowPair', () => {
  it('answers for the current retweet setting, switching exactly', () => {
    const pair = new WindowPair(shape, true);
    pair.add(s(1), ['a'], false);
    pair.add(s(2), ['a', 'b'], true);
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
    pair.add(s(1), ['a'], true);
    expect(pair.advance(s(10))).toEqual({any: true, shown: false});
    expect(pair.latest).toBeUndefined();
  });

  it('recounts both at a new window, tags keeping their place rather than turning new', () => {
    const pair = new WindowPair({...shape, retentionMs: s(60)}, false);
    for (let second = 0; second < 60; second++) {
      pair.add(s(second) + 1, [`s${second % 3}`], second % 2 === 0);
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
    pair.add(s(5), ['a'], false);
    pair.add(s(95), ['b'], true);
    pair.drain();
    expect(pair.draining).toBe(true);
    expect(pair.drainSome(3)).toBe(true);
    expect(pair.latest!.end).toBe(s(30));
    expect(pair.drainSome(100)).toBe(true);
    expect(pair.latest!.end).toBe(s(110)); // the last window holding 95 s
    expect(pair.draining).toBe(false);
  });
});
