// Retry spacing for anything that reconnects or restarts: the first retry is quick, later ones
// wait longer up to a cap, and a success resets the ladder. Jitter keeps many clients of one
// server from retrying in lockstep.

export type BackoffPolicy = {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay ever exceeds this. */
  maxMs: number;
  /** `exponential` multiplies by `factor` each time; `linear` adds `initialMs`. */
  growth?: 'exponential' | 'linear';
  /** Multiplier for exponential growth (default 2). */
  factor?: number;
  /** Fraction of each delay that is randomised, 0…1 (default 0: exact delays). */
  jitter?: number;
};

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next retry; each call climbs one step. */
  next(): number {
    const {initialMs, maxMs, growth = 'exponential', factor = 2, jitter = 0} = this.policy;
    const step = this.attempt++;
    const base =
      growth === 'linear'
        ? initialMs * (step + 1)
        : initialMs * Math.pow(factor, Math.min(step, 64));
    const capped = Math.min(base, maxMs);
    if (jitter <= 0) return capped;
    // Jitter only ever shortens the wait, so the cap stays a true maximum.
    return Math.round(capped * (1 - jitter * this.random()));
  }

  /** Call after a success: the next failure starts again from the first step. */
  reset(): void {
    this.attempt = 0;
  }
}
