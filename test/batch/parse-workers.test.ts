// How many parse workers batch replay runs and how many blocks each may hold: one per core
// while memory allows, and a bounded number of blocks in flight however many workers there are.
import {describe, expect, it} from 'vitest';
import {parseWorkerCount} from '../../source/batch/batch-replay.js';
import {inFlightPerWorker} from '../../source/batch/parse-pool.js';

describe('parse workers', () => {
  it('runs one worker per core besides the main thread on small machines', () => {
    expect(parseWorkerCount(1)).toBe(0);
    expect(parseWorkerCount(2)).toBe(1);
    expect(parseWorkerCount(4)).toBe(3);
  });

  it('stops adding workers where their memory would pass the budget, on any number of cores', () => {
    const many = parseWorkerCount(64);
    expect(many).toBeGreaterThan(parseWorkerCount(2));
    expect(parseWorkerCount(256)).toBe(many);
    // Each worker measured at up to 16 MB: together they stay within 64 MB.
    expect(many * 16).toBeLessThanOrEqual(64);
  });

  it('keeps the blocks in flight bounded in total, and at least two per worker', () => {
    for (const workers of [1, 2, 3, 4, 6, 8, 16, 63]) {
      const each = inFlightPerWorker(workers);
      expect(each).toBeGreaterThanOrEqual(2);
      expect(each).toBeLessThanOrEqual(32);
      expect(workers * each).toBeLessThanOrEqual(Math.max(32, workers * 2));
    }
    expect(inFlightPerWorker(0)).toBe(0);
  });
});
