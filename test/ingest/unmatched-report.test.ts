import {describe, expect, it} from 'vitest';
import type {SourceStatus} from '../../source/core/stream.js';
import {UnmatchedReport} from '../../source/ingest/unmatched-report.js';

const live: SourceStatus = {state: 'live', detail: 'Bluesky Jetstream (127.0.0.1)'};

describe('UnmatchedReport', () => {
  it('reports non-matching posts after a quiet spell, once per interval, and withdraws on a match', () => {
    let now = 0;
    const report = new UnmatchedReport(() => now, 5000);
    // Within the first interval: nothing to say yet.
    for (let i = 0; i < 10; i++) expect(report.skipped(live)).toBeUndefined();
    now = 5000;
    expect(report.skipped(live)).toEqual({...live, unmatched: 11});
    now = 7000;
    expect(report.skipped(live)).toBeUndefined(); // not again within the interval
    now = 10_000;
    expect(report.skipped(live)).toEqual({...live, unmatched: 13});
    // A match: the plain status goes out again, once.
    expect(report.kept(live)).toEqual(live);
    expect(report.kept(live)).toBeUndefined();
    now = 12_000;
    expect(report.skipped(live)).toBeUndefined(); // quiet for 2 s only
  });

  it('says nothing while the source is not live', () => {
    let now = 0;
    const report = new UnmatchedReport(() => now, 5000);
    now = 60_000;
    expect(report.skipped({state: 'reconnecting', retryInMs: 1000})).toBeUndefined();
    expect(report.skipped(undefined)).toBeUndefined();
  });
});
