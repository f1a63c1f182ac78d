// Everything the dashboard knows, kept outside React: fed one stream event at a time (cheaply,
// thousands per second), read as a snapshot a few times per second. Two sliding windows run side
// by side, one over every post and one over originals only, so the retweet key switches the
// counts at once and exactly instead of filtering a window that has already been summed.
import {SlidingWindow} from '../core/sliding-window.js';
import type {Post} from '../core/post.js';
import type {WindowResult} from '../core/window-result.js';
import type {SourceStatus} from '../ingest/source.js';
import type {Hello, LinkState, StreamEvent} from '../ingest/stream.js';
import {RateHistory} from './rate-history.js';
import {RecentPosts} from './recent-posts.js';
import type {DashboardSnapshot} from './snapshot.js';

export type TrendModelOptions = {
  query: string;
  /** The source asked for, shown until the server's hello names it. */
  source: string;
  windowMs: number;
  slideMs: number;
  timeMode: 'arrival' | 'event';
  retweets: boolean;
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
  readonly #all: SlidingWindow;
  readonly #originals: SlidingWindow;
  #latestAll: WindowResult | undefined;
  #latestOriginals: WindowResult | undefined;
  #windowMs: number;
  #slideMs: number;
  #retweets: boolean;
  readonly #rate = new RateHistory();
  readonly #posts = new RecentPosts(SNAPSHOT_POSTS * 2);
  /** Wall-clock second being listed, and how many posts it listed so far. */
  #listSecond = 0;
  #listedInSecond = 0;
  #received = 0;
  #dropped = 0;
  #hello: Hello | undefined;
  #link: LinkState = {state: 'connecting'};
  #linkSince: number;
  #status: SourceStatus | undefined;
  #statusSince: number;
  /** Event mode: the newest event time seen and the wall time it arrived. */
  #eventClock: {eventMs: number; wallMs: number} | undefined;
  /**
   * Arrival mode, until the first slide ends: the same window length sliding every second, so
   * the chart shows the current window within a second of start instead of after a whole slide.
   */
  #preview: {all: SlidingWindow; originals: SlidingWindow} | undefined;
  /** Event mode, after the source ended: the windows still to close, taken a batch per tick. */
  #draining: {all: Iterator<WindowResult>; originals: Iterator<WindowResult>} | undefined;

  constructor(options: TrendModelOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.windowMs;
    this.#slideMs = options.slideMs;
    this.#retweets = options.retweets;
    const config = {
      windowMs: options.windowMs,
      slideMs: options.slideMs,
      timeMode: options.timeMode,
      top: options.top ?? 10,
    };
    this.#all = new SlidingWindow(config);
    this.#originals = new SlidingWindow(config);
    if (options.timeMode === 'arrival' && options.slideMs > PREVIEW_SLIDE_MS) {
      const preview = {...config, slideMs: PREVIEW_SLIDE_MS};
      this.#preview = {all: new SlidingWindow(preview), originals: new SlidingWindow(preview)};
    }
    this.#linkSince = this.#statusSince = this.#now();
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
        if (event.status.state === 'ended' && this.#options.timeMode === 'event') {
          this.#draining = {all: this.#all.drain(), originals: this.#originals.drain()};
        }
        break;
      case 'hello':
        this.#hello = event.hello;
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
    const time = this.#options.timeMode === 'event' ? post.createdAt : arrived;
    if (this.#options.timeMode === 'event' && time > (this.#eventClock?.eventMs ?? -Infinity)) {
      this.#eventClock = {eventMs: time, wallMs: arrived};
    }
    this.#all.add(time, post.hashtags);
    if (!post.retweet) this.#originals.add(time, post.hashtags);
    if (this.#preview) {
      this.#preview.all.add(time, post.hashtags);
      if (!post.retweet) this.#preview.originals.add(time, post.hashtags);
    }
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
  }

  /** Closes every window that has ended by now; true when the shown window changed. */
  tick(): boolean {
    if (this.#draining) return this.#drainSome(this.#draining);
    const now = this.#streamNow();
    const all = this.#all.advance(now);
    const originals = this.#originals.advance(now);
    if (all.length > 0) this.#latestAll = all[all.length - 1];
    if (originals.length > 0) this.#latestOriginals = originals[originals.length - 1];
    if (all.length > 0) this.#preview = undefined;
    if (this.#preview) return this.#tickPreview(this.#preview, now);
    return (this.#retweets ? all : originals).length > 0;
  }

  /** Before the first real slide: the preview's newest window stands in for the result. */
  #tickPreview(preview: {all: SlidingWindow; originals: SlidingWindow}, now: number): boolean {
    const all = preview.all.advance(now);
    const originals = preview.originals.advance(now);
    if (all.length > 0) this.#latestAll = all[all.length - 1];
    if (originals.length > 0) this.#latestOriginals = originals[originals.length - 1];
    return (this.#retweets ? all : originals).length > 0;
  }

  /** Closes a bounded batch of an ended stream's windows, so a long archive never stalls a frame. */
  #drainSome(draining: {all: Iterator<WindowResult>; originals: Iterator<WindowResult>}): boolean {
    let changed = false;
    let done = true;
    for (let i = 0; i < DRAIN_PER_TICK; i++) {
      const all = draining.all.next();
      const originals = draining.originals.next();
      if (!all.done) this.#latestAll = all.value;
      if (!originals.done) this.#latestOriginals = originals.value;
      changed ||= this.#retweets ? !all.done : !originals.done;
      done = Boolean(all.done && originals.done);
      if (done) break;
    }
    if (done) this.#draining = undefined;
    return changed;
  }

  /**
   * The time windows close by. Arrival mode: the wall clock. Event mode: the stream's own clock,
   * the newest event time plus the wall time since it came, so a replay of last year's archive
   * is windowed by its own timestamps and a quiet stream still closes its windows.
   */
  #streamNow(): number {
    if (this.#options.timeMode === 'arrival') return this.#now();
    if (!this.#eventClock) return Number.NEGATIVE_INFINITY;
    return this.#eventClock.eventMs + (this.#now() - this.#eventClock.wallMs);
  }

  get windowSetting(): {windowMs: number; slideMs: number} {
    return {windowMs: this.#windowMs, slideMs: this.#slideMs};
  }

  /** Changes window and slide; the counts are recomputed at once from retained history. */
  setWindow(windowMs: number, slideMs: number): boolean {
    // The windows must not change shape while an ended replay's last ones are being closed.
    if (this.#draining) return false;
    try {
      this.#latestAll = this.#all.setWindow(windowMs, slideMs);
      this.#latestOriginals = this.#originals.setWindow(windowMs, slideMs);
      if (this.#preview && this.#latestAll === undefined && slideMs > PREVIEW_SLIDE_MS) {
        this.#latestAll = this.#preview.all.setWindow(windowMs, PREVIEW_SLIDE_MS);
        this.#latestOriginals = this.#preview.originals.setWindow(windowMs, PREVIEW_SLIDE_MS);
      } else {
        this.#preview = undefined;
      }
    } catch {
      // A shape the panes cannot express (e.g. a 2.5s start window stepped to presets):
      // keep the current setting rather than stop the dashboard.
      return false;
    }
    this.#windowMs = windowMs;
    this.#slideMs = slideMs;
    return true;
  }

  /** Posts received since start. */
  get received(): number {
    return this.#received;
  }

  get retweets(): boolean {
    return this.#retweets;
  }

  setRetweets(on: boolean): void {
    this.#retweets = on;
  }

  snapshot(): DashboardSnapshot {
    const now = this.#now();
    const rateSpanMs = Math.min(MAX_RATE_SPAN_MS, Math.max(MIN_RATE_SPAN_MS, this.#windowMs * 3));
    const result = this.#retweets ? this.#latestAll : this.#latestOriginals;
    const late = this.#retweets ? this.#all.late : this.#originals.late;
    return {
      now,
      query: this.#hello?.query ?? this.#options.query,
      source: this.#hello?.source ?? this.#options.source,
      hello: this.#hello,
      link: this.#link,
      linkSince: this.#linkSince,
      status: this.#status,
      statusSince: this.#statusSince,
      windowMs: this.#windowMs,
      slideMs: this.#slideMs,
      retweets: this.#retweets,
      result,
      nextWindowAt:
        this.#options.timeMode === 'arrival'
          ? (Math.floor(now / this.#slideMs) + 1) * this.#slideMs
          : undefined,
      postsPerSecond: this.#rate.perSecond(now),
      received: this.#received,
      late,
      dropped: this.#dropped,
      posts: this.#posts.newest(SNAPSHOT_POSTS, this.#retweets),
      listedPerSecond: LISTED_PER_SECOND,
      rate: this.#rate.series(now, Math.round(rateSpanMs / 1000)),
      rateSpanMs,
    };
  }
}
