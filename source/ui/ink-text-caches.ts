// Bounds the text-size cache of Ink 6, which otherwise keeps every distinct string it has ever
// laid out. Ink's `measure-text.js` keeps a module-level Map keyed by the text, never evicted
// (vadimdemedes/ink#986; Ink 7 bounds it, but Ink 7 needs Node 22). Every post line, rate and
// clock the dashboard draws is a new key, so its memory rose for as long as it ran: measured at
// 2,000 posts/s, about 10 new entries a second in an 80×24 terminal, more in a larger one.
// (Ink's other text cache, in `wrap-text.js`, only sees text wider than its box; the panes fit
// every line to its width first, so it stays empty.)
//
// Ink exports neither the cache nor a way to clear it, and npm has no supported way to patch a
// dependency's file. A module-loader hook that rewrites the file as it loads works, but costs a
// loader thread: measured +30 MB RSS and +0.7 s to load Ink. So instead, once, we look up the
// module Ink itself uses (`ink-internals.ts`: the same module instance), catch its Map while it
// stores one probe string, and give that one Map a `set` that starts afresh when full. A frame
// needs a few hundred entries, far under the limit. Anything unexpected (another Ink layout)
// leaves Ink as it is.
//
// Ink's screen builder (`output.js`) has caches too, but makes them afresh for every frame: each
// frame it splits every line on screen into one object per character (with an array of its
// styles) and measures it again, though nearly all lines are the same as the frame before. That
// was most of what a frame allocated and of Ink's CPU. So each frame's caches start with what
// the frame before used (taken over on first use) and nothing older: a line stays cached while
// it stays on screen, and the memory held is one screen's worth. Ink only reads what they hold.
// With the lines' characters the same objects from frame to frame, the grid is then built and
// written out by `ink-frame-builder.ts`, which keeps the text of rows that did not change.
import {FrameBuilder, type FrameOutput} from './ink-frame-builder.js';
import {loadInkModule, loadInkStyleCodes} from './ink-internals.js';

/** Entries kept before the cache starts afresh. */
export const INK_TEXT_CACHE_LIMIT = 4096;

type MeasureText = (text: string) => {width: number; height: number};

type OutputClass = {prototype: {get(this: {caches?: unknown}): unknown}};

const measureText = await loadMeasureText();
const output = await loadInkModule<OutputClass>('output.js');
const styleCodes = await loadInkStyleCodes();
/** Ink's text-size cache, once caught and capped. */
let bounded: Map<unknown, unknown> | undefined;
let shared = false;

/** Caps Ink's text-size cache at `INK_TEXT_CACHE_LIMIT` entries; true once it is capped. */
export function boundInkTextCaches(): boolean {
  shareFrameCaches();
  if (bounded !== undefined) return true;
  if (measureText === undefined) return false;
  const cache = catchCache(measureText);
  if (cache === undefined) return false;
  const set = Map.prototype.set;
  Object.defineProperty(cache, 'set', {
    configurable: true,
    value(this: Map<unknown, unknown>, key: unknown, value: unknown) {
      if (this.size >= INK_TEXT_CACHE_LIMIT) this.clear();
      return set.call(this, key, value);
    },
  });
  bounded = cache;
  return true;
}

/**
 * Entries in the capped text-size cache (undefined until it is capped). Once the dashboard has
 * drawn, more than none shows the cache capped is the one Ink draws with.
 */
export function inkTextCacheEntries(): number | undefined {
  return bounded?.size;
}

/**
 * Has every frame's screen builder start from the caches the frame before used (see the
 * header); true once it does.
 */
export function shareFrameCaches(): boolean {
  if (shared || output === undefined) return shared;
  const get = output.prototype.get;
  const builder = styleCodes && new FrameBuilder(styleCodes);
  let previous: FrameCaches | undefined;
  output.prototype.get = function (this: {caches?: unknown}) {
    const own = this.caches;
    if (isFrameCaches(own)) {
      own.widths = new CarriedMap(previous?.widths);
      own.styledChars = new CarriedMap(previous?.styledChars);
      previous?.widths.forget();
      previous?.styledChars.forget();
      previous = own as FrameCaches;
      const built = builder?.build(this as unknown as FrameOutput);
      if (built !== undefined) return built;
    }
    return get.call(this);
  };
  shared = true;
  return true;
}

/** A frame's cache: what it lacks, it takes over from the frame before's, if that had it. */
class CarriedMap<K, V> extends Map<K, V> {
  constructor(private before: Map<K, V> | undefined) {
    super();
  }

  override get(key: K): V | undefined {
    let value = super.get(key);
    if (value === undefined && this.before !== undefined) {
      value = this.before.get(key);
      if (value !== undefined) super.set(key, value);
    }
    return value;
  }

  /** The next frame has taken over: what this one did not use can go. */
  forget(): void {
    this.before = undefined;
  }
}

type FrameCaches = {
  widths: CarriedMap<unknown, unknown>;
  styledChars: CarriedMap<unknown, unknown>;
};

function isFrameCaches(value: unknown): value is {widths: unknown; styledChars: unknown} {
  const caches = value as {widths?: unknown; styledChars?: unknown} | undefined;
  return caches?.widths instanceof Map && caches.styledChars instanceof Map;
}

async function loadMeasureText(): Promise<MeasureText | undefined> {
  const measure = await loadInkModule<unknown>('measure-text.js');
  return typeof measure === 'function' ? (measure as MeasureText) : undefined;
}

/** The Map `measureText` stores into, seen while it stores a string nobody else draws. */
function catchCache(measure: MeasureText): Map<unknown, unknown> | undefined {
  const probe = `\u0000trendtui-cache-probe-${process.pid}-${Date.now()}`;
  const set = Map.prototype.set;
  const seen: Map<unknown, unknown>[] = [];
  Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    if (key === probe) seen.push(this);
    return set.call(this, key, value);
  };
  try {
    measure(probe);
  } catch {
    return undefined;
  } finally {
    Map.prototype.set = set;
  }
  const caught = seen.length === 1 ? seen[0] : undefined;
  caught?.delete(probe);
  return caught;
}
