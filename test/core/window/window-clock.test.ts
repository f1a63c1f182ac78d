import {describe, expect, it} from 'vitest';
import {SlidingWindow} from '../../../source/core/sliding-window.js';
import {WindowClock} from '../../../source/core/window/window-clock.js';

const s = (seconds: number) => seconds * 1000;

function wallClock(start: number) {
  let now = start;
  return {now: () => now, set: (ms: number) => (now = ms)};
}

/** A window and clock as the dashboard and pipe mode pair them (5 s out-of-orderness). */
function reader(timeMode: 'arrival' | 'event', paced: boolean, wall: () => number) {
  const clock = new WindowClock(timeMode, paced, wall);
  const window = new SlidingWindow({windowMs: s(10), slideMs: s(10), timeMode, top: 10});
  return {
    clock,
    window,
    add: (createdAt: number, tag: string) => window.add(clock.timeOf(createdAt), [tag]),
    ends: () => window.advance(clock.now()).map((result) => result.end / 1000),
  };
}

describe('WindowClock', () => {
  it('arrival time: counts a post when it arrives and closes windows by the same clock', () => {
    const wall = wallClock(s(100));
    const r = reader('arrival', false, wall.now);
    expect(r.add(s(3), 'a')).toBe('counted'); // its own time does not matter
    wall.set(s(109));
    expect(r.ends()).toEqual([]);
    wall.set(s(110));
    expect(r.ends()).toEqual([110]);
    expect(r.window.latest()!.posts).toBe(1);
    expect(r.clock.now()).toBe(s(110));
  });

  it('event time, live source: the wall clock closes a quiet stream, older posts are late', () => {
    const wall = wallClock(s(100));
    const r = reader('event', false, wall.now);
    expect(r.add(s(98), 'a')).toBe('counted');
    expect(r.ends()).toEqual([]); // watermark 100 − 5 = 95 s
    wall.set(s(125)); // no post for 25 s: the windows close anyway
    expect(r.ends()).toEqual([100, 110, 120]);
    // A post whose every window has been printed (a backdated one) is counted only as late.
    expect(r.add(s(97), 'b')).toBe('late');
    expect(r.window.late).toBe(1);
  });

  it('event time, a paced source (a replay): closes by its newest post, never by the wall clock', () => {
    const wall = wallClock(s(5000));
    const r = reader('event', true, wall.now);
    expect(r.clock.now()).toBe(Number.NEGATIVE_INFINITY); // no clock before the first post
    r.add(s(1), 'a');
    r.add(s(12), 'b');
    expect(r.ends()).toEqual([]); // watermark 12 − 5 = 7 s
    // A delivery pause of any length on the wall clock closes nothing and makes nothing late.
    wall.set(s(9000));
    expect(r.ends()).toEqual([]);
    expect(r.add(s(2), 'c')).toBe('counted');
    r.add(s(16), 'd');
    expect(r.ends()).toEqual([10]);
    expect(r.window.latest()!.posts).toBe(2);
  });

  it('follows the source the stream names', () => {
    const wall = wallClock(s(5000));
    const clock = new WindowClock('event', false, wall.now);
    clock.timeOf(s(1));
    expect(clock.now()).toBe(s(5000));
    clock.setPaced(true);
    expect(clock.now()).toBe(s(1));
    clock.setPaced(false);
    expect(clock.now()).toBe(s(5000));
  });
});
