// The plain data one dashboard frame is drawn from. The trend model produces it on a tick; the
// components are functions of it, so they can be tested without a stream or a clock.
import type {Post} from '../core/post.js';
import type {RankOrder} from '../core/rank-order.js';
import type {TermKind} from '../core/terms/term-kind.js';
import type {Hello, SourceStatus} from '../core/stream.js';
import type {LinkState} from '../ingest/stream.js';
import type {ShownResult} from './rank-moves.js';
import type {TrendDetailSnapshot} from './trend-detail.js';

export type DashboardSnapshot = {
  /** Wall clock when the snapshot was taken, epoch ms. */
  now: number;
  /**
   * The time the header shows, epoch ms: the wall clock when windows run on arrival time; the
   * stream's own time in event time (a replay shows its archive's hours), stopped once the
   * stream has ended. Absent = `now`.
   */
  clock?: number;
  query: string;
  /** Source name: from the server's hello once connected, else what was asked for. */
  source: string;
  hello?: Hello;
  link: LinkState;
  /** When `link` last changed, epoch ms (for "reconnecting in Ns" countdowns). */
  linkSince: number;
  status?: SourceStatus;
  /** When `status` last changed, epoch ms. */
  statusSince: number;
  windowMs: number;
  slideMs: number;
  /** Whether retweets are counted and listed. */
  retweets: boolean;
  /** Latest emitted window for the current window, slide and retweet setting. */
  result?: ShownResult;
  /** When the next window is due, epoch ms (arrival time), for the "waiting" message. */
  nextWindowAt?: number;
  /** Posts received per second, averaged over the last few seconds. */
  postsPerSecond: number;
  /** Posts received since start. */
  received: number;
  /** When the dashboard started, epoch ms (wall clock): silence is counted from here until a post. */
  startedAt: number;
  /** When the last post arrived, epoch ms (wall clock); absent before the first. */
  lastPostAt?: number;
  late: number;
  /** Posts not counted again because their id was already counted. */
  duplicates: number;
  /** What is counted and how it is ordered (also when no window has been emitted yet). */
  terms: TermKind;
  rank: RankOrder;
  /** Posts the server dropped because this client lagged. */
  dropped: number;
  /** Most recent posts, newest first (bounded; above `listedPerSecond` a sample). */
  posts: Post[];
  /** At most this many posts per second are listed; more are counted but not listed. */
  listedPerSecond: number;
  /** Posts received per second, oldest first, one value per second of `rateSpanMs`. */
  rate: number[];
  rateSpanMs: number;
  /** The opened trend, once its window has been emitted. */
  trend?: TrendDetailSnapshot;
};
