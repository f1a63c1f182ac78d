import {describe, expect, it} from 'vitest';
import {UntimedPosts} from '../../source/core/untimed-posts.js';

describe('UntimedPosts', () => {
  it('gives an untimed post the time of the post before it, and counts it', () => {
    const untimed = new UntimedPosts();
    const times = [10, NaN, NaN, 20, NaN];
    expect(untimed.stamp(times)).toBe(true);
    expect(times).toEqual([10, 10, 10, 20, 20]);
    expect(untimed.count).toBe(3);
    expect(untimed.summary()).toBe('3 lines had no time; each took the time of the line before');
  });

  it('carries the last time across calls (blocks, posts one by one)', () => {
    const untimed = new UntimedPosts();
    untimed.stamp([5, 7]);
    const next = [NaN, 9];
    expect(untimed.stamp(next)).toBe(true);
    expect(next).toEqual([7, 9]);
  });

  it('leading untimed posts take the first timed post’s time, even a later call’s', () => {
    const untimed = new UntimedPosts();
    const first = [NaN, NaN];
    expect(untimed.stamp(first)).toBe(false);
    const second = [NaN, 30, NaN];
    expect(untimed.stamp(second)).toBe(true);
    expect(second).toEqual([30, 30, 30]);
    untimed.settle(first, 999);
    expect(first).toEqual([30, 30]);
    expect(untimed.count).toBe(4);
  });

  it('an input with no time at all takes the fallback', () => {
    const untimed = new UntimedPosts();
    const times = [NaN, NaN];
    expect(untimed.stamp(times)).toBe(false);
    untimed.settle(times, 123);
    expect(times).toEqual([123, 123]);
    const later = [NaN];
    expect(untimed.stamp(later)).toBe(true);
    expect(later).toEqual([123]);
  });

  it('says nothing when every post had its own time', () => {
    const untimed = new UntimedPosts();
    untimed.stamp([1, 2, 3]);
    expect(untimed.summary()).toBeUndefined();
  });
});
