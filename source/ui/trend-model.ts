// Everything the dashboard knows, kept outside React: fed one stream event at a time (cheaply,
// thousands per second), read as a snapshot a few times per second. The counts are a
// `WindowPair` (every post, originals only), so the retweet key switches them at once.
import type {Post} from '../core/post.js';
import type {RankOrder} from '../core/rank-order.js';
import type {TermKind} from '../core/terms/term-kind.js';
import {droppedWordsFor, termsOf, type DroppedWords} from '../core/terms/terms-of.js';
import type {Hello, SourceStatus} from '../core/stream.js';
import {defaultBaselineMs} from '../core/window/rising.js';
import {WindowClock} from '../core/window/window-clock.js';
import {isPacedSource, type LinkState, type StreamEvent} from '../ingest/stream.js';
import type {ShownResult} from './rank-moves.js';
import {RateHistory} from './rate-history.js';
import {RecentPosts} from './recent-posts.js';
import type {DashboardSnapshot} from './snapshot.js';
import {TrendDetail} from './trend-detail.js';
import {WindowPair} from './window-pair.js';

export type TrendModelOptions = {
  query: string;
  /** The source asked for, shown until the server's hello names it. */
  source: string;
  windowMs: number;
  slideMs: number;
  timeMode: 'arrival' | 'event';
  retweets: boolean;
  /** What is counted and how it is ordered at start; keys switch both. */
  terms?: TermKind;
  rank?: RankOrder;
  /**
   * The history compared against: `rising`'s baseline, and what an opened trend's baseline
   * spans; default 10 × the window. With `minAccounts`, the least accounts to rank as rising.
   */
  baselineMs?: number;
  minAccounts?: number;
  /** Tags per window the bar chart can show. */
  top?: number;
  /** Wall clock; injectable so tests control time. */
  now?: () => number;
};

/** How many posts a snapshot carries for the post pane (more than any terminal shows). */
export const SNAPSHOT_POSTS = 200;
/**
 * Posts per second the post pane keeps. Nobody reads faster, and every post kept outlives the
 * young generation and goes to the old one: at 2,000 posts/s keeping them all grew RSS by
 * 1.6 MB/s between major collections (and those collections paused the UI for ~0.8 s).
 */
export const LISTED_PER_SECOND = 100;
const MIN_RATE_SPAN_MS = 30_000;
/** How often the start-up preview slides (see `#preview`). */
const PREVIEW_SLIDE_MS = 1000;
/** Windows an ended replay closes per tick: each costs a top-k; keep a frame well under 20 ms. */
const DRAIN_PER_TICK = 200;
const MAX_RATE_SPAN_MS = 3_600_000;

export class TrendModel {
  readonly #options: TrendModelOptions;
  readonly #now: () => number;
  readonly #windows: WindowPair;
  /** The query's words, never counted as words (for the open trend's companions). */
  readonly #queryWords: DroppedWords;
  #windowMs: number;
  #slideMs: number;
  readonly #rate = new RateHistory();
  readonly #posts = new RecentPosts(SNAPSHOT_POSTS * 2);
  /** Wall-clock second being listed, and how many posts it listed so far. */
  #listSecond = 0;
  #listedInSecond = 0;
  #received = 0;
  readonly #startedAt: number;
  #lastPostAt: number | undefined;
  #dropped = 0;
  #hello: Hello | undefined;
  #link: LinkState = {state: 'connecting'};
  #linkSince: number;
  #status: SourceStatus | undefined;
  #statusSince: number;
  readonly #clock: WindowClock;
  /**
   * Event mode, once the stream has ended: its clock, stopped. The last window stays on screen
   * instead of sliding on into empty ones by the wall clock.
   */
  #endedAt: number | undefined;
  /**
   * Arrival mode, until the first slide ends: the same window length sliding every second, so
   * the chart shows the current window within a second of start instead of after a whole slide.
   */
  #preview: WindowPair | undefined;
  /** The trend opened with Enter, if any. */
  #open: TrendDetail | undefined;
  /**
   * A window change asked for while an ended replay's last windows were still being closed:
   * the windows must not change shape mid-drain, so it is applied as soon as the drain is done
   * (refusing it would drop the key silently).
   */
  #pendingWindow:
    {windowMs: number; slideMs: number; kept: {windowMs: number; slideMs: number}} | undefined;

  constructor(options: TrendModelOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#clock = new WindowClock(options.timeMode, isPacedSource(options.source), this.#now);
    this.#windowMs = options.windowMs;
    this.#slideMs = options.slideMs;
    const baselineMs = options.baselineMs ?? defaultBaselineMs(options.windowMs);
    this.#queryWords = droppedWordsFor([options.query]);
    const config = {
      windowMs: options.windowMs,
      slideMs: options.slideMs,
      timeMode: options.timeMode,
      top: options.top ?? 10,
      query: [options.query],
      rank: options.rank ?? 'posts',
      baselineMs,
      ...(options.minAccounts === undefined ? {} : {minAccounts: options.minAccounts}),
      // The `o` key may turn to `rising` at any time: keep history for its baseline throughout.
      // Nothing more: a window made longer with `+` is shown partial until it has filled, which
      // keeps memory to what the window and the baseline need (an hour of every post's authors
      // and ids at 2,000 posts/s grew the heap past 400 MB).
      keepBaseline: true,
    };
    const terms = options.terms ?? 'hashtags';
    this.#windows = new WindowPair(config, options.retweets, terms);
    if (options.timeMode === 'arrival' && options.slideMs > PREVIEW_SLIDE_MS) {
      this.#preview = new WindowPair(
        {...config, slideMs: PREVIEW_SLIDE_MS},
        options.retweets,
        terms,
      );
    }
    this.#linkSince = this.#statusSince = this.#startedAt = this.#now();
  }

  /** Takes one event from the stream. Called per post: no allocation beyond the post itself. */
  handle(event: StreamEvent): void {
    switch (event.type) {
      case 'post':
        this.#addPost(event.post);
        break;
      case 'status':
        this.#status = event.status;
        this.#statusSince = this.#now();
        this.#dropped += event.dropped ?? 0;
        // A finished replay has no later posts to move its clock: close its last windows now
        // (as pipe mode does) instead of waiting a slide of wall time for each.
        // (Event mode only; the pair closes them a batch per tick.)
        if (event.status.state === 'ended' && this.#options.timeMode === 'event') {
          this.#endedAt ??= this.#shownClock();
          this.#windows.drain();
        }
        break;
      case 'hello':
        this.#hello = event.hello;
        this.#clock.setPaced(isPacedSource(event.hello.source));
        break;
      case 'link':
        this.#link = event.link;
        this.#linkSince = this.#now();
        // A new connection (or a new child) reports its own status; the old one is stale.
        if (event.link.state !== 'connected') this.#status = undefined;
        break;
    }
  }

  #addPost(post: Post): void {
    const arrived = this.#now();
    const time = this.#clock.timeOf(post.createdAt);
    this.#windows.add(time, post);
    this.#preview?.add(time, post);
    this.#open?.offer(post, termsOf(post, this.#windows.terms, this.#queryWords));
    const second = Math.floor(arrived / 1000);
    if (second !== this.#listSecond) {
      this.#listSecond = second;
      this.#listedInSecond = 0;
    }
    if (this.#listedInSecond < LISTED_PER_SECOND) {
      this.#listedInSecond++;
      this.#posts.push(post);
    }
    this.#rate.add(arrived);
    this.#received++;
    this.#lastPostAt = arrived;
  }

  /** Closes every window that has ended by now; true when the shown window changed. */
  tick(): boolean {
    if (this.#windows.draining) {
      const changed = this.#windows.drainSome(DRAIN_PER_TICK);
      if (this.#windows.draining || this.#pendingWindow === undefined) return changed;
      const {windowMs, slideMs, kept} = this.#pendingWindow;
      this.#pendingWindow = undefined;
      if (!this.#applyWindow(windowMs, slideMs)) {
        // The drained windows cannot take that shape after all: show the setting they kept.
        this.#windowMs = kept.windowMs;
        this.#slideMs = kept.slideMs;
      }
      return true;
    }
    // An ended replay's last window is its result: nothing later comes to close it.
    if (this.#endedAt !== undefined) return false;
    const now = this.#clock.now();
    const {any, shown} = this.#windows.advance(now);
    // Once the real window has emitted, the preview has done its job.
    if (any) this.#preview = undefined;
    if (this.#preview) return this.#preview.advance(now).shown;
    return shown;
  }

  /**
   * Before any post, a clock that runs by itself (the wall's) still has a current window, and it
   * is empty: the chart shows that, not a countdown to a first window that never comes. A paced
   * source has no clock before its first post, and an ended one keeps its last window.
   */
  #emptyWindow(): ShownResult | undefined {
    if (this.#endedAt !== undefined) return undefined;
    const now = this.#clock.now();
    if (!Number.isFinite(now)) return undefined;
    const step = this.#preview ? PREVIEW_SLIDE_MS : this.#slideMs;
    const end = Math.floor(now / step) * step;
    if (end <= this.#startedAt) return undefined;
    return {
      start: end - this.#windowMs,
      end,
      windowMs: this.#windowMs,
      slideMs: this.#slideMs,
      terms: this.#windows.terms,
      rank: this.#windows.rank,
      posts: 0,
      late: this.#windows.late,
      duplicates: this.#windows.duplicates,
      top: [],
    };
  }

  /** The time the header shows: the stream's own in event time (once it has one), else the wall's. */
  #shownClock(): number {
    const stream = this.#options.timeMode === 'event' ? this.#clock.now() : Number.NaN;
    return Number.isFinite(stream) ? stream : this.#now();
  }

  get windowSetting(): {windowMs: number; slideMs: number} {
    return {windowMs: this.#windowMs, slideMs: this.#slideMs};
  }

  /** Changes window and slide; the counts are recomputed at once from retained history. */
  setWindow(windowMs: number, slideMs: number): boolean {
    if (this.#windows.draining) {
      const kept = this.#pendingWindow?.kept ?? {windowMs: this.#windowMs, slideMs: this.#slideMs};
      this.#pendingWindow = {windowMs, slideMs, kept};
      this.#windowMs = windowMs;
      this.#slideMs = slideMs;
      return true;
    }
    if (!this.#applyWindow(windowMs, slideMs)) return false;
    this.#windowMs = windowMs;
    this.#slideMs = slideMs;
    return true;
  }

  /** Recounts the windows at a new shape; false (nothing changed) when they cannot take it. */
  #applyWindow(windowMs: number, slideMs: number): boolean {
    try {
      this.#windows.setWindow(windowMs, slideMs);
      if (this.#preview && slideMs > PREVIEW_SLIDE_MS) {
        this.#preview.setWindow(windowMs, PREVIEW_SLIDE_MS);
      } else {
        this.#preview = undefined;
      }
    } catch {
      // A shape the panes cannot express (e.g. a 2.5s start window stepped to presets):
      // keep the current setting rather than stop the dashboard.
      return false;
    }
    return true;
  }

  /** Opens a trend: its posts, history and companions join the snapshot from now on. */
  openTrend(key: string, display: string): void {
    if (this.#open?.key === key) return;
    this.#open = new TrendDetail(
      key,
      display,
      SNAPSHOT_POSTS,
      this.#posts.newest(SNAPSHOT_POSTS * 2),
    );
  }

  closeTrend(): void {
    this.#open = undefined;
  }

  /** What is counted. */
  get terms(): TermKind {
    return this.#windows.terms;
  }

  /** Counts another kind of term; shown at once from the history already counted. */
  setTerms(kind: TermKind): void {
    // An open trend is a term of the kind counted until now.
    this.#open = undefined;
    this.#windows.terms = kind;
    if (this.#preview) this.#preview.terms = kind;
  }

  get rank(): RankOrder {
    return this.#windows.rank;
  }

  /** Orders the trends another way, the current window at once. */
  setRank(rank: RankOrder): void {
    this.#windows.setRank(rank);
    this.#preview?.setRank(rank);
  }

  /** Posts received since start. */
  get received(): number {
    return this.#received;
  }

  get retweets(): boolean {
    return this.#windows.retweets;
  }

  setRetweets(on: boolean): void {
    this.#windows.retweets = on;
    if (this.#preview) this.#preview.retweets = on;
  }

  snapshot(): DashboardSnapshot {
    const now = this.#now();
    const rateSpanMs = Math.min(MAX_RATE_SPAN_MS, Math.max(MIN_RATE_SPAN_MS, this.#windowMs * 3));
    const retweets = this.#windows.retweets;
    // Until the first real slide, the preview's newest window stands in for the result.
    const result = (this.#preview ?? this.#windows).latest ?? this.#emptyWindow();
    return {
      now,
      clock: this.#endedAt ?? this.#shownClock(),
      query: this.#hello?.query ?? this.#options.query,
      source: this.#hello?.source ?? this.#options.source,
      hello: this.#hello,
      link: this.#link,
      linkSince: this.#linkSince,
      status: this.#status,
      statusSince: this.#statusSince,
      windowMs: this.#windowMs,
      slideMs: this.#slideMs,
      retweets,
      result,
      nextWindowAt:
        this.#options.timeMode === 'arrival'
          ? (Math.floor(now / this.#slideMs) + 1) * this.#slideMs
          : undefined,
      postsPerSecond: this.#rate.perSecond(now),
      received: this.#received,
      startedAt: this.#startedAt,
      ...(this.#lastPostAt === undefined ? {} : {lastPostAt: this.#lastPostAt}),
      late: this.#windows.late,
      duplicates: this.#windows.duplicates,
      terms: this.#windows.terms,
      rank: this.#windows.rank,
      dropped: this.#dropped,
      posts: this.#posts.newest(SNAPSHOT_POSTS, retweets),
      listedPerSecond: LISTED_PER_SECOND,
      rate: this.#rate.series(now, Math.round(rateSpanMs / 1000)),
      rateSpanMs,
      trend: this.#open?.snapshot(
        this.#windows.shown,
        retweets ? 'all' : 'originals',
        retweets,
        this.#options.baselineMs,
        SNAPSHOT_POSTS,
      ),
    };
  }
}
