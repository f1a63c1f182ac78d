// Keeps the batch replay's heap near what it holds. Every post a window counts outlives many
// young-generation collections (its author, id and terms stay until the window has passed
// it), so it is promoted, then dies in the old generation: on the 1M-post benchmark some
// 25 MB stay live while V8, sizing its heap for a multi-GB limit, let the old generation fill
// to 80-110 MB of mostly dead posts before each full collection. Collecting ourselves whenever
// the old generation has grown by a fixed budget since the last collection holds it at the live
// set plus the budget, for a few full collections of a small heap (tens of ms each).
import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

/** Where promoted posts and large records (a `--top 0` record of a big window) are allocated. */
const OLD_SPACES = new Set(['old_space', 'large_object_space']);

export class OldGenerationBudget {
  readonly #budgetBytes: number;
  readonly #collect: (() => void) | undefined;
  #baseline: number;

  constructor(budgetBytes: number) {
    this.#budgetBytes = budgetBytes;
    this.#collect = engineCollector();
    this.#baseline = oldGenerationBytes();
  }

  /** Collects when the old generation grew past the budget; cheap enough to call per batch. */
  check(): void {
    if (this.#collect === undefined) return;
    if (oldGenerationBytes() - this.#baseline < this.#budgetBytes) return;
    this.#collect();
    this.#baseline = oldGenerationBytes();
  }
}

function oldGenerationBytes(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (OLD_SPACES.has(space.space_name)) bytes += space.space_used_size;
  }
  return bytes;
}

/** The engine's full collection, or undefined where the runtime will not expose it. */
function engineCollector(): (() => void) | undefined {
  try {
    // The flag only takes effect in contexts made after it is set, hence the new context.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
