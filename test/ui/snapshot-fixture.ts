// Builds dashboard snapshots for view tests: realistic defaults, overridable per test.
import type {Post} from '../../source/core/post.js';
import type {MovedTag, ShownResult} from '../../source/ui/rank-moves.js';
import type {DashboardSnapshot} from '../../source/ui/snapshot.js';

export const NOW = Date.UTC(2026, 10, 26, 12, 0, 5);

export function rankedTags(names: string[], counts?: number[]): MovedTag[] {
  return names.map((display, i) => ({
    key: display.toLowerCase(),
    display,
    count: counts?.[i] ?? (names.length - i) * 7,
    accounts: Math.max(1, (counts?.[i] ?? (names.length - i) * 7) - i),
    rank: i + 1,
    rankChange: i % 3 === 0 ? undefined : i % 3 === 1 ? 1 : -2,
    isNew: i % 3 === 0,
  }));
}

export const TEN_TAGS = [
  'StanLee',
  'Marvel',
  'Excelsior',
  'Avengers',
  'SpiderMan',
  'ComicCon',
  'RIPStanLee',
  'XMen',
  'Hulk',
  'IronMan',
];

export function windowResult(top: MovedTag[], over: Partial<ShownResult> = {}): ShownResult {
  return {
    start: NOW - 25_000,
    end: NOW - 5_000,
    windowMs: 20_000,
    slideMs: 10_000,
    terms: 'hashtags',
    rank: 'posts',
    posts: 321,
    late: 0,
    duplicates: 0,
    top,
    ...over,
  };
}

export function post(i: number, over: Partial<Post> = {}): Post {
  return {
    id: `p${i}`,
    createdAt: NOW - i * 1000,
    text: `post number ${i} about #StanLee and #Marvel`,
    hashtags: ['StanLee', 'Marvel'],
    cashtags: [],
    mentions: [],
    author: `user${i}`,
    retweet: false,
    ...over,
  };
}

export function makeSnapshot(over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  return {
    now: NOW,
    query: 'stan lee',
    source: 'demo',
    link: {state: 'connected'},
    linkSince: NOW - 10_000,
    status: {state: 'live'},
    statusSince: NOW - 10_000,
    windowMs: 20_000,
    slideMs: 10_000,
    retweets: true,
    result: windowResult(rankedTags(TEN_TAGS)),
    nextWindowAt: NOW + 5_000,
    postsPerSecond: 20.4,
    received: 1000,
    startedAt: NOW - 60_000,
    lastPostAt: NOW - 50,
    late: 0,
    duplicates: 0,
    terms: 'hashtags',
    rank: 'posts',
    dropped: 0,
    posts: Array.from({length: 40}, (_, i) => post(i)),
    listedPerSecond: 100,
    rate: Array.from({length: 60}, (_, i) => 15 + (i % 10)),
    rateSpanMs: 60_000,
    ...over,
  };
}
