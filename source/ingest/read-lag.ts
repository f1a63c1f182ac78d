// How far behind the server a client reads, from the posts themselves: each carries the time the
// server received it. The server can only see a slow reader once the kernel's socket buffers are
// full (megabytes on loopback), and what it says then waits behind those megabytes; the reader
// knows as soon as the posts it reads are old. Clocks of two machines may differ, so lag is
// measured against the smallest delay seen on this connection, not against zero.

export type LagChange = {state: 'behind'; lagMs: number} | {state: 'caught-up'} | undefined;

export class ReadLag {
  private baseline = Number.POSITIVE_INFINITY;
  private behind = false;

  /**
   * @param behindMs lag at which the reader counts as lagging
   * @param caughtUpMs lag under which it counts as caught up again (lower, so it does not flap)
   */
  constructor(
    private readonly behindMs = 3000,
    private readonly caughtUpMs = 1000,
  ) {}

  /** A new connection: its delay baseline starts over. */
  reset(): void {
    this.baseline = Number.POSITIVE_INFINITY;
    this.behind = false;
  }

  /** Notes a post received by the server at `receivedAt` and read now; says when that changes things. */
  observe(receivedAt: number, now = Date.now()): LagChange {
    const delay = now - receivedAt;
    if (delay < this.baseline) this.baseline = delay;
    const lag = delay - this.baseline;
    if (!this.behind && lag >= this.behindMs) {
      this.behind = true;
      return {state: 'behind', lagMs: lag};
    }
    if (this.behind && lag < this.caughtUpMs) {
      this.behind = false;
      return {state: 'caught-up'};
    }
    return undefined;
  }
}
