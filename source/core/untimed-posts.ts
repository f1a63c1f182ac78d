// The one rule for lines without a time of their own (plain text, `42`, a post with no
// `created_at`) in an event-time replay: each takes the time of the post before it. Stamping
// them with the wall clock instead put one post years after the rest of an archive: a flood of
// empty windows at `--speed max`, a stall of (now − archive date) ÷ N at `--speed N`.
// Lines before the first timed post take that post's time; if the input has no time at all,
// they take the fallback the caller gives (the replay's start).
//
// Parsers mark a missing time as NaN when given `now: NaN` (see ParseContext).

export class UntimedPosts {
  #first = Number.NaN;
  #last = Number.NaN;
  /** Posts that had no time of their own. */
  count = 0;

  /**
   * Stamps the untimed entries (NaN) of `times`, in input order, in place. Returns false while
   * some of them precede every timed post: those stay NaN until `settle`.
   */
  stamp(times: {length: number; [index: number]: number}): boolean {
    let waiting = false;
    for (let i = 0; i < times.length; i++) {
      const time = times[i]!;
      if (!Number.isNaN(time)) {
        if (Number.isNaN(this.#first)) this.#first = time;
        this.#last = time;
        continue;
      }
      this.count++;
      if (Number.isNaN(this.#last)) waiting = true;
      else times[i] = this.#last;
    }
    if (waiting && !Number.isNaN(this.#first)) {
      // The first timed post came later in this same array.
      this.settle(times, this.#first);
      return true;
    }
    return !waiting;
  }

  /** Stamps entries `stamp` left waiting: with the first time seen, else with `fallback`. */
  settle(times: {length: number; [index: number]: number}, fallback: number): void {
    const time = Number.isNaN(this.#first) ? fallback : this.#first;
    if (Number.isNaN(this.#last)) this.#last = time;
    for (let i = 0; i < times.length; i++) if (Number.isNaN(times[i]!)) times[i] = time;
  }

  /** One line for the user, or undefined when every post had its own time. */
  summary(): string | undefined {
    if (this.count === 0) return undefined;
    const lines = this.count === 1 ? '1 line had' : `${this.count} lines had`;
    return `${lines} no time; each took the time of the line before`;
  }
}
