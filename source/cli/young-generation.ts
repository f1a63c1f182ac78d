// Holds the dashboard's young generation (V8's new space) at a small size. At 2,000 posts/s the
// dashboard allocates some 25 MB a second, nearly all of it dead within a frame; V8 doubles the
// new space whenever as much has survived since the last doubling as it holds, so within a few
// seconds it reaches its ceiling (two 16 MB semi-spaces on Node 20), every page of it touched:
// 32 MB of resident memory for data that lives a few milliseconds. Measured in a pty, 60 s at
// 2,000 posts/s: peak RSS 161 MB as V8 sizes it, 107 MB with 2 MB semi-spaces, 125 MB with
// 1 MB ones (collections that frequent catch a frame half built and promote it).
//
// The ceiling itself (`--max-semi-space-size`) is only read when the heap is made, so from
// inside the process it can only be set on the command line. What V8 does read each time it
// grows the new space is the growth factor: at 1, growing keeps the size it has. So the factor
// is 1 while the new space is at or above the size wanted, and back to V8's 2 whenever it is
// below it (at start, or after V8 shrank it while the stream was quiet), checked after every
// collection. No collection is ever forced.
import {PerformanceObserver} from 'node:perf_hooks';
import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8';

/** The semi-space size kept: the best resident size measured, for about 15 % more CPU. */
export const SEMI_SPACE_BYTES = 2 * 1024 * 1024;
/** V8's own growth factor (its default). */
const V8_GROWTH_FACTOR = 2;

export type YoungGenerationCap = {stop(): void};

/** Keeps the young generation from growing past two `semiSpaceBytes` semi-spaces. */
export function capYoungGeneration(semiSpaceBytes = SEMI_SPACE_BYTES): YoungGenerationCap {
  let factor = V8_GROWTH_FACTOR;
  const check = () => {
    const wanted = youngGenerationBytes() >= 2 * semiSpaceBytes ? 1 : V8_GROWTH_FACTOR;
    if (wanted === factor) return;
    try {
      setFlagsFromString(`--semi-space-growth-factor=${wanted}`);
      factor = wanted;
    } catch {
      // A runtime without the flag: V8 sizes the young generation itself, as it always did.
    }
  };
  check();
  const observer = new PerformanceObserver(check);
  observer.observe({entryTypes: ['gc']});
  return {
    stop() {
      observer.disconnect();
      if (factor !== V8_GROWTH_FACTOR) {
        setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
        factor = V8_GROWTH_FACTOR;
      }
    },
  };
}

/** Both semi-spaces, as committed. */
function youngGenerationBytes(): number {
  return (
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0
  );
}
