// An independent brute-force recount for batch-replay tests: its own minimal walk of the
// archive formats (X v2 messages and pages, twarc2 flattened lines, Jetstream) and its own
// window arithmetic, sharing no code with trendtui's parser or window. Every window is counted
// from scratch over the posts in its time range (found by binary search in the sorted posts),
// so it is slow and obviously right. A post id seen before is a duplicate, counted once.
import twitterText from 'twitter-text';

export type RecountPost = {time: number; tags: string[]; author: string; id: string};

export type RecountWindow = {
  start: number;
  end: number;
  posts: number;
  /** Tag key -> count. */
  counts: Map<string, number>;
  /** Tag key -> distinct authors. */
  authors: Map<string, Set<string>>;
  /** Tag key -> spellings seen in the window, with counts. */
  spellings: Map<string, Map<string, number>>;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const key = (tag: string) => tag.normalize('NFKC').toLowerCase();

function once(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const k = key(tag);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function tweetTags(tweet: Json): string[] {
  const note = isObject(tweet['note_tweet']) ? tweet['note_tweet'] : undefined;
  const entities = (note?.['entities'] ?? tweet['entities']) as Json | undefined;
  const hashtags = entities?.['hashtags'];
  if (Array.isArray(hashtags) && hashtags.length > 0) {
    return once(hashtags.map((hashtag) => String((hashtag as Json)['tag'])));
  }
  const text = String(note?.['text'] ?? tweet['text'] ?? '');
  return once(twitterText.extractHashtags(text));
}

function retweetedId(tweet: Json): string | undefined {
  const references = tweet['referenced_tweets'];
  if (!Array.isArray(references)) return undefined;
  const retweeted = references.find((reference) => (reference as Json)['type'] === 'retweeted');
  return retweeted === undefined ? undefined : String((retweeted as Json)['id']);
}

/** The author's user name where the line carries it (as X shows accounts), else the id. */
function authorOf(tweet: Json, users: Json[]): string {
  if (isObject(tweet['author']) && typeof tweet['author']['username'] === 'string') {
    return tweet['author']['username'];
  }
  const user = users.find((candidate) => candidate['id'] === tweet['author_id']);
  return typeof user?.['username'] === 'string' ? user['username'] : String(tweet['author_id']);
}

function xPost(tweet: Json, includedTweets: Json[], users: Json[] = []): RecountPost {
  const originalId = retweetedId(tweet);
  const original =
    originalId === undefined ? undefined : includedTweets.find((t) => t['id'] === originalId);
  return {
    time: Date.parse(String(tweet['created_at'])),
    tags: tweetTags(original ?? tweet),
    author: authorOf(tweet, users),
    id: String(tweet['id']),
  };
}

/** The posts one archive line holds, by this file's own reading of the formats. */
export function recountLine(line: string): RecountPost[] {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return [];
  }
  if (!isObject(json)) return [];
  if (json['kind'] === 'commit') {
    const commit = json['commit'] as Json;
    if (commit['operation'] !== 'create' || commit['collection'] !== 'app.bsky.feed.post') {
      return [];
    }
    const record = commit['record'] as Json;
    const tags: string[] = [];
    for (const facet of (record['facets'] as Json[] | undefined) ?? []) {
      for (const feature of (facet['features'] as Json[] | undefined) ?? []) {
        if (feature['$type'] === 'app.bsky.richtext.facet#tag') tags.push(String(feature['tag']));
      }
    }
    for (const tag of (record['tags'] as string[] | undefined) ?? []) tags.push(tag);
    const found = tags.length > 0 ? tags : twitterText.extractHashtags(String(record['text']));
    return [
      {
        time: Math.floor(Number(json['time_us']) / 1000),
        tags: once(found),
        author: String(json['did']),
        id: `${String(json['did'])}/${String(commit['rkey'])}`,
      },
    ];
  }
  const includes = isObject(json['includes']) ? json['includes'] : {};
  const included = Array.isArray(includes['tweets']) ? (includes['tweets'] as Json[]) : [];
  const users = Array.isArray(includes['users']) ? (includes['users'] as Json[]) : [];
  if (Array.isArray(json['data'])) {
    return (json['data'] as Json[]).map((t) => xPost(t, included, users));
  }
  if (isObject(json['data'])) return [xPost(json['data'], included, users)];
  if (typeof json['created_at'] === 'string' && typeof json['text'] === 'string') {
    // twarc2 flatten: the referenced tweets are inlined in `referenced_tweets`.
    const inlined = Array.isArray(json['referenced_tweets'])
      ? (json['referenced_tweets'] as Json[])
      : [];
    return [xPost(json, inlined)];
  }
  return [];
}

export function recountText(text: string): RecountPost[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap(recountLine);
}

/**
 * Every window from the first holding the earliest post to the last holding the latest:
 * ends at multiples of the slide, each covering [end − window, end), counted from scratch.
 */
export function recountWindows(
  posts: readonly RecountPost[],
  windowMs: number,
  slideMs: number,
): RecountWindow[] {
  if (posts.length === 0) return [];
  const ids = new Set<string>();
  const unique = posts.filter((post) => !ids.has(post.id) && ids.add(post.id));
  const sorted = unique.sort((a, b) => a.time - b.time);
  const earliest = sorted[0]!.time;
  const latest = sorted.at(-1)!.time;
  // The first index whose time is at least `time`.
  const firstAtOrAfter = (time: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]!.time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const firstEnd = (Math.floor(earliest / slideMs) + 1) * slideMs;
  const lastEnd = Math.floor((latest + windowMs) / slideMs) * slideMs;
  const windows: RecountWindow[] = [];
  for (let end = firstEnd; end <= lastEnd; end += slideMs) {
    const start = end - windowMs;
    const window: RecountWindow = {
      start,
      end,
      posts: 0,
      counts: new Map(),
      authors: new Map(),
      spellings: new Map(),
    };
    for (let i = firstAtOrAfter(start); i < sorted.length && sorted[i]!.time < end; i++) {
      const post = sorted[i]!;
      window.posts++;
      for (const tag of post.tags) {
        const k = key(tag);
        window.counts.set(k, (window.counts.get(k) ?? 0) + 1);
        window.authors.set(k, (window.authors.get(k) ?? new Set()).add(post.author));
        const spellings = window.spellings.get(k) ?? new Map<string, number>();
        spellings.set(tag, (spellings.get(tag) ?? 0) + 1);
        window.spellings.set(k, spellings);
      }
    }
    windows.push(window);
  }
  return windows;
}
