import {describe, expect, it} from 'vitest';
import {describeSilence, silenceLine} from '../../source/ui/silence.js';
import {describeProblem, describeState} from '../../source/ui/source-state.js';
import {makeSnapshot} from './snapshot-fixture.js';

const NOW = makeSnapshot().now;

describe('silence', () => {
  it('is nothing while posts come', () => {
    const s = makeSnapshot({lastPostAt: NOW - 1000});
    expect(describeSilence(s)).toBeUndefined();
    expect(describeState(s)).toEqual({text: 'live', tone: 'ok'});
  });

  it('counts from the start before any post, and says what the source is doing', () => {
    const s = makeSnapshot({
      source: 'x',
      lastPostAt: undefined,
      startedAt: NOW - 12_000,
      status: {state: 'connecting'},
    });
    expect(silenceLine(describeSilence(s)!)).toBe(
      'no post since the start, 12s ago · waiting for X (connecting)',
    );
  });

  it('turns a live but silent source from "live" into how long it has been silent', () => {
    const s = makeSnapshot({source: 'x', lastPostAt: NOW - 65_400});
    expect(describeState(s)).toEqual({text: 'silent 1m5s', tone: 'warn'});
    // X matches the query itself: silence there means no match.
    expect(describeProblem(s)).toBe('no post for 1m5s · X live, no post matches the query');
  });

  it('says that posts came but none matched, when the server counted them', () => {
    const s = makeSnapshot({
      source: 'bluesky',
      lastPostAt: NOW - 30_000,
      status: {state: 'live', detail: 'Bluesky Jetstream', unmatched: 523},
    });
    expect(describeProblem(s)).toBe(
      'no post for 30s · Bluesky live, 523 posts seen, none matched the query',
    );
  });

  it('counts down a reconnection, and leads the problem line with the silence', () => {
    const s = makeSnapshot({
      source: 'bluesky',
      lastPostAt: NOW - 20_000,
      status: {state: 'reconnecting', detail: 'Jetstream closed the connection', retryInMs: 8000},
      statusSince: NOW - 3_000,
    });
    expect(silenceLine(describeSilence(s)!)).toBe('no post for 20s · Bluesky reconnecting in 5s');
    expect(describeProblem(s)).toBe('no post for 20s · Jetstream closed the connection');
  });

  it('is nothing once the stream has ended', () => {
    const s = makeSnapshot({lastPostAt: NOW - 60_000, status: {state: 'ended'}});
    expect(describeSilence(s)).toBeUndefined();
  });
});
