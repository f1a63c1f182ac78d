import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {parseTime, timeOr} from '../../../source/core/parse/time.js';

describe('parseTime', () => {
  test('agrees with Date.parse on any valid UTC ISO timestamp', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString();
          expect(parseTime(iso)).toBe(Date.parse(iso));
        },
      ),
    );
  });

  test.each([
    '2021-02-29T00:00:00.000Z',
    '2021-13-01T00:00:00.000Z',
    '2021-01-01T24:00:00.000Z',
    '2021-01-01T00:00:00.0x0Z',
    '0050-01-01T00:00:00.000Z',
    'not a date at all, 24 c',
  ])('agrees with Date.parse on the odd case %s', (text) => {
    expect(Object.is(parseTime(text), Date.parse(text))).toBe(true);
  });

  test('other shapes fall back to Date.parse', () => {
    expect(parseTime('Thu May 10 17:41:57 +0000 2018')).toBe(Date.parse('2018-05-10T17:41:57Z'));
    expect(parseTime('2021-03-23T16:23:07+00:00')).toBe(Date.parse('2021-03-23T16:23:07Z'));
  });

  test('timeOr uses the fallback for absent or invalid values', () => {
    expect(timeOr(undefined, 5)).toBe(5);
    expect(timeOr('garbage', 5)).toBe(5);
    expect(timeOr(12, 5)).toBe(5);
  });
});
