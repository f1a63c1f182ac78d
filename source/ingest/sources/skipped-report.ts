// Counts what a network source had to skip (unparsable or oversized messages) and decides when
// to tell the user: at once the first time, then at most once per interval, so a burst of bad
// input shows up as a count in the status line rather than a flood of statuses.

export class SkippedReport {
  private count = 0;
  private reported = 0;
  private lastReportAt = -Infinity;

  constructor(
    private readonly what: string,
    private readonly intervalMs = 5_000,
  ) {}

  add(n = 1): void {
    this.count += n;
  }

  get total(): number {
    return this.count;
  }

  /** A status detail if there is news to report and the interval has passed, else undefined. */
  due(now = performance.now()): string | undefined {
    if (this.count === this.reported || now - this.lastReportAt < this.intervalMs) return undefined;
    this.lastReportAt = now;
    this.reported = this.count;
    return `${this.what}: ${this.count} malformed ${this.count === 1 ? 'message' : 'messages'} skipped`;
  }
}
