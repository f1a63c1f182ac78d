// The demo source: plausible posts about the query, generated locally so trendtui shows
// something the moment it starts. Deterministic for a `--seed` (post i depends only on the
// seed and i), so tests and screenshots can rely on it.
import type {SourceOptions} from '../source-options.js';
import {uniqueTags} from '../../core/hashtags.js';
import {makePost} from '../../core/parse/make-post.js';
import type {Post} from '../../core/post.js';
import {extractCashtags, extractMentions} from '../../core/text-entities.js';
import type {Source, SourceEvent} from '../source.js';
import {HANDLES, RELATED_TAGS, SURGE_TAGS, TEMPLATES} from './demo-data.js';
import {realClock, type PacingClock} from './pacing-clock.js';

/** mulberry32: tiny, fast, and good enough to make fake posts look random. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

// `stan lee` → `StanLee`: the query's own tag, the biggest trend.
const camel = (words: string) =>
  words
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** How strongly a surge tag is trending `elapsedS` into the run: 0 (quiet) to 1 (peak). */
export function surgeLevel(elapsedS: number, offsetS: number, periodS: number): number {
  const phase = (elapsedS - offsetS) / periodS;
  if (phase < 0) return 0;
  const within = phase - Math.floor(phase);
  // Quiet for the first 40 % of each period, then a smooth hump (sin²).
  if (within < 0.4) return 0;
  return Math.sin(((within - 0.4) / 0.6) * Math.PI) ** 2;
}

export type DemoGenerator = {
  /** The post numbered `index`, made `elapsedS` seconds into the run, stamped `now`. */
  post(index: number, elapsedS: number, now: number): Post;
};

export function createDemoGenerator(query: string[], seed: number): DemoGenerator {
  const topic = query.join(' ').trim() || 'trendtui';
  const own = camel(topic);
  const tagPool: (readonly string[])[] = [[own, own.toLowerCase()], ...RELATED_TAGS];
  // Zipf weights (s = 1.1), cumulative for sampling by binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= tagPool.length; rank++) {
    total += 1 / rank ** 1.1;
    cumulative.push(total);
  }
  const sampleTag = (random: () => number): readonly string[] => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return tagPool[lo] as readonly string[];
  };
  // Most posts use the common spelling; the rest vary, so case folding has work to do.
  const spell = (random: () => number, spellings: readonly string[]) =>
    random() < 0.7 ? (spellings[0] as string) : pick(random, spellings);

  return {
    post(index, elapsedS, now) {
      // One PRNG per post, seeded from (seed, index): post i never depends on timing.
      const random = createRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
      const template = pick(random, TEMPLATES);
      const author = pick(random, HANDLES);
      let text = template.text.replace('{q}', topic).replace('{u}', pick(random, HANDLES));

      const tags: string[] = [];
      const roll = random();
      // About a quarter of posts carry no tag at all.
      const tagCount = roll < 0.25 ? 0 : roll < 0.65 ? 1 : roll < 0.9 ? 2 : 3;
      for (let i = 0; i < tagCount; i++) tags.push(spell(random, sampleTag(random)));
      for (const surge of SURGE_TAGS) {
        if (random() < 0.45 * surgeLevel(elapsedS, surge.offsetS, surge.periodS)) {
          tags.push(spell(random, surge.spellings));
        }
      }
      if (tags.length > 0) text += ' ' + tags.map((tag) => `#${tag}`).join(' ');

      const retweet = random() < 0.2;
      if (retweet) text = `RT @${pick(random, HANDLES)}: ${text}`;

      return makePost(
        demoPostId(seed, index),
        now,
        text,
        {
          // One per key, first spelling wins, as the parsers do for real posts.
          hashtags: uniqueTags(tags),
          cashtags: extractCashtags(text),
          mentions: extractMentions(text),
        },
        template.lang,
        author,
        retweet,
      );
    },
  };
}

/**
 * Decimal, like X's ids, so that the demo's posts take the same paths as X's (the duplicate
 * check keeps decimal ids compactly): the seed + 1, then the index in 9 digits or more. Distinct
 * within a run (one prefix, then the index), and across seeds for the first 10^9 posts.
 */
function demoPostId(seed: number, index: number): string {
  return `${seed + 1}${String(index).padStart(9, '0')}`;
}

/** Posts per batch wake-up at most; high rates are emitted in bursts every `TICK_MS`. */
const TICK_MS = 50;

export function createDemoSource(
  options: Pick<SourceOptions, 'query' | 'rate' | 'seed'>,
  clock: PacingClock = realClock,
): Source {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rate = Math.max(options.rate, 0.001);
  const generator = createDemoGenerator(options.query, seed);
  return {
    name: 'demo',
    async *events(signal): AsyncIterable<SourceEvent> {
      yield {
        type: 'status',
        status: {state: 'live', detail: `demo posts at ${options.rate}/s (seed ${seed})`},
      };
      const start = clock.now();
      let index = 0;
      while (!signal.aborted) {
        const now = clock.now();
        // Posts due by now, on a fixed schedule: post i is due at start + i / rate.
        const due = Math.floor(((now - start) / 1000) * rate) + 1;
        while (index < due && !signal.aborted) {
          yield {type: 'post', post: generator.post(index, index / rate, now)};
          index++;
        }
        const nextDue = start + (index / rate) * 1000;
        await clock.sleep(Math.max(Math.min(nextDue - clock.now(), 1000), TICK_MS), signal);
      }
    },
  };
}
