// X's reconnection guidance as one small state machine: after an established connection drops,
// retry once at once; after that, wait according to what failed — network trouble climbs
// linearly (250 ms steps to 16 s), HTTP errors double from 5 s to 320 s, and 429s double from
// a minute. Each ladder is a configuration of the one back-off (`Backoff`). A connection only
// counts as established once it has proved itself by staying up a while: a server that accepts
// and then stalls or hangs up soon after must not earn an immediate retry every time, or the
// client would burn X's 50 connections per 15 minutes in a tight loop.
import {Backoff, type BackoffPolicy} from '../backoff.js';

/** Why a connection attempt failed or a live connection ended. */
export type XFailureKind = 'network' | 'http' | 'rate-limited';

const LADDERS: Record<XFailureKind, BackoffPolicy> = {
  network: {initialMs: 250, maxMs: 16_000, growth: 'linear'},
  http: {initialMs: 5_000, maxMs: 320_000},
  // X: "Each 429 received increases the wait time until rate limiting expires". The cap
  // (16 minutes) outlasts the 15-minute rate-limit window.
  'rate-limited': {initialMs: 60_000, maxMs: 960_000},
};

export class XReconnectPolicy {
  private immediateRetryEarned = false;
  private readonly ladders: Record<XFailureKind, Backoff> = {
    network: new Backoff(LADDERS.network),
    http: new Backoff(LADDERS.http),
    'rate-limited': new Backoff(LADDERS['rate-limited']),
  };

  /** The connection proved healthy: back-off starts over and the next drop retries at once. */
  established(): void {
    this.immediateRetryEarned = true;
    for (const ladder of Object.values(this.ladders)) ladder.reset();
  }

  /** How long to wait before the next attempt, after a failure of this kind. */
  nextDelay(kind: XFailureKind): number {
    if (this.immediateRetryEarned) {
      this.immediateRetryEarned = false;
      return 0;
    }
    return this.ladders[kind].next();
  }
}
