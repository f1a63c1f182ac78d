import {describe, expect, it} from 'vitest';
import {formatDuration, parseDuration, WINDOW_PRESETS_MS} from '../../source/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['1m', 60_000],
    ['2m30s', 150_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1s500ms', 1500],
    ['90s', 90_000],
    [' 20s ', 20_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    'abc',
    '',
    '0s',
    '0m0s',
    '-5s',
    '+5s',
    '10',
    '1.5s',
    '10 s',
    '30s1m',
    '1m1m',
    's',
    '5d',
  ])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [20_000, '20s'],
    [150_000, '2m30s'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [500, '500ms'],
    [61_500, '1m1s500ms'],
  ])('prints %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every preset', () => {
    for (const ms of WINDOW_PRESETS_MS) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

describe('WINDOW_PRESETS_MS', () => {
  it('lists the README window presets from 10s to 1h in increasing order', () => {
    expect(WINDOW_PRESETS_MS.map(formatDuration)).toEqual([
      '10s',
      '20s',
      '30s',
      '1m',
      '2m',
      '5m',
      '10m',
      '15m',
      '30m',
      '1h',
    ]);
  });
});
