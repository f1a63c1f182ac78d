import {describe, expect, it} from 'vitest';
import {SlidingWindow} from '../../source/core/sliding-window.js';
import {RankMoves} from '../../source/ui/rank-moves.js';

const s = (seconds: number) => seconds * 1000;

describe('RankMoves', () => {
  it('marks each tag with its move since the previous window, or as new', () => {
    const window = new SlidingWindow({
      windowMs: s(10),
      slideMs: s(10),
      timeMode: 'arrival',
      top: 3,
    });
    const moves = new RankMoves();
    const addAll = (time: number, counts: [string, number][]) => {
      for (const [tag, n] of counts) for (let i = 0; i < n; i++) window.add(time, [tag]);
    };
    addAll(s(1), [
      ['b', 3],
      ['a', 2],
      ['c', 2],
      ['d', 1],
    ]);
    const first = moves.next(window.advance(s(10))[0]!);
    expect(first.top.map((tag) => [tag.key, tag.rank, tag.isNew, tag.rankChange])).toEqual([
      ['b', 1, true, undefined],
      ['a', 2, true, undefined],
      ['c', 3, true, undefined],
    ]);
    addAll(s(11), [
      ['c', 5],
      ['b', 4],
      ['d', 1],
    ]);
    const second = moves.next(window.advance(s(20))[0]!);
    expect(second.top).toEqual([
      {key: 'c', display: 'c', count: 5, accounts: 5, rank: 1, rankChange: 2, isNew: false},
      {key: 'b', display: 'b', count: 4, accounts: 4, rank: 2, rankChange: -1, isNew: false},
      // `d` was counted before but outside the previous top 3: new to the chart.
      {key: 'd', display: 'd', count: 1, accounts: 1, rank: 3, isNew: true},
    ]);
    expect(second).toMatchObject({start: s(10), end: s(20), posts: 10});
  });
});
