// Keeps the dashboard's memory near what it actually uses. Each frame React and Ink rebuild
// the element tree and the screen text; at a few frames per second enough of that outlives a
// young-generation collection to be promoted, and V8 lets the old generation fill up to ~90 MB of
// garbage before collecting it (measured: RSS climbing ~2 MB/s from 125 to 175 MB, then
// dropping back). A full collection of this small heap takes a few milliseconds, so we ask for
// one whenever the heap has grown by a fixed budget since the last.
// Removing it was tried once Ink's text cache was bounded (ui/ink-text-caches.ts): at 2,000
// posts/s in a 120×40 terminal the live heap stayed at 45–75 MB, but V8 kept raising the old
// generation's limit and RSS reached 650 MB in 10 min. Tried again once sealed panes packed
// their accounts (120×40, 2,000 posts/s): RSS still rose 29 MB/min to 500 MB in 10 min,
// because the live data itself grows for as long as history is retained (the id of every
// counted post, for the duplicate check, and each second's panes of eight windows), and V8
// sizes the old generation from it. It can go once that history is bounded and small.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

export type HeapTrimmer = {stop(): void};

/** Checks every `checkMs`; collects when the heap grew by more than `budgetBytes`. */
export function startHeapTrimmer(budgetBytes = 24 * 1024 * 1024, checkMs = 1000): HeapTrimmer {
  const collect = exposeGc();
  if (!collect) return {stop() {}};
  let baseline = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    if (process.memoryUsage().heapUsed - baseline < budgetBytes) return;
    collect();
    baseline = process.memoryUsage().heapUsed;
  }, checkMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}

/** The engine's `gc` function, or undefined if this runtime will not expose it. */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
