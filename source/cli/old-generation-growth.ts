// Bounds how far ahead of its live data V8 lets the dashboard's old generation grow. After each
// full collection V8 sets the next one's trigger at the live size times a factor it picks from
// how fast collecting is compared with the program (anywhere from 1.1 to 4 on a machine with
// gigabytes free), and at least 8 MB above it. The dashboard holds some 17-20 MB there; run to
// run, measured in a pty at 2,000 posts/s, V8 let it grow to 23 MB in one run and to 34 MB and
// more in the next, pages that stay resident after the collection that empties them. A factor
// of 1.2 keeps the trigger at that 8 MB step above what is live: the old generation stayed at
// 22-23 MB committed in every run, for a full collection of a small heap every few seconds
// (tens of milliseconds of CPU, mostly off the main thread), UI CPU unchanged within noise.
//
// V8 reads the factor each time it sets a trigger, so it can be set from inside the process.
// Nothing is collected here: V8 still decides when.
import {setFlagsFromString} from 'node:v8';

/** Percent of the live size the old generation may grow by before it is collected (V8's flag). */
export const OLD_GENERATION_GROWTH_PERCENT = 20;

export type OldGenerationGrowth = {stop(): void};

/** From now on the old generation is collected once it grows `percent` past its live size. */
export function limitOldGenerationGrowth(
  percent = OLD_GENERATION_GROWTH_PERCENT,
): OldGenerationGrowth {
  const set = (value: number): boolean => {
    try {
      setFlagsFromString(`--heap-growing-percent=${value}`);
      return true;
    } catch {
      // A runtime without the flag: V8 keeps its own factor.
      return false;
    }
  };
  const limited = set(percent);
  return {
    stop() {
      // 0 is V8's default: its own factor again.
      if (limited) set(0);
    },
  };
}
