// Pipe mode: trendtui as a Unix filter. Posts from the ingest server (a spawned child, or
// `--connect`) go through the sliding window, and each slide's result is printed as one
// record, flushed as produced. Only records reach stdout; diagnostics go to stderr. `| head`
// ends it quietly with 0, SIGINT with 130, SIGTERM with 143 and SIGHUP with 129, after the
// child is stopped.
import type {BatchProgress} from '../batch/batch-replay.js';
import {formatDuration} from '../core/duration.js';
import {createRecordFormatter} from '../core/format/records.js';
import {passesRetweetSwitch} from '../core/query.js';
import {SlidingWindow} from '../core/sliding-window.js';
import {droppedWordsFor, termsOf, type DroppedWords} from '../core/terms/terms-of.js';
import {WindowClock} from '../core/window/window-clock.js';
import type {WindowResult} from '../core/window-result.js';
import {openPostStream} from '../ingest/open-post-stream.js';
import type {Recording} from '../ingest/recorder.js';
import {sourceCapabilities} from '../ingest/source-capabilities.js';
import {isPacedSource, type PostStream, type StreamEvent} from '../ingest/stream.js';
import {ProgressLine} from './progress-line.js';
import {startFirstPostTimeout, type FirstPostTimeout} from './first-post-timeout.js';
import type {Options} from './options.js';
import {tokenEnvironment, type ResolvedToken} from './token.js';

export type PipeContext = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  token?: ResolvedToken;
  /** Shown once on stderr (how to go live when the source fell back to demo). */
  hint?: string;
  /** Where SIGINT/SIGTERM are listened for; the real process by default. */
  signals?: NodeJS.EventEmitter;
};

/**
 * A replay at full speed needs no server, no clock and no socket: it is a batch job, done by
 * the batch replayer with identical counts. Anything that needs the posts themselves
 * (`--record`) or another server (`--connect`) takes the live path.
 */
// The batch path windows by the posts' own time; `--time arrival` asks for the server path.
export const isBatchReplay = (options: Options) =>
  options.source === 'replay' &&
  options.speed === 'max' &&
  options.timeMode === 'event' &&
  options.recordFile === undefined &&
  options.connect === undefined;

export async function runPipe(options: Options, context: PipeContext): Promise<number> {
  const {stdout, stderr} = context;
  const say = (line: string) => stderr.write(`trendtui: ${line}\n`);
  if (context.hint) say(context.hint);

  if (isBatchReplay(options)) {
    // The batch replayer handles a closed output (`| head`) itself and reports it as 0.
    const {runBatchReplay} = await import('../batch/batch-replay.js');
    const signals = context.signals ?? process;
    const stop = new AbortController();
    let signalled = 0;
    const handlers = STOP_SIGNALS.map(([signal, code]) => {
      const handler = () => {
        signalled ||= code;
        stop.abort();
      };
      signals.on(signal, handler);
      return () => signals.off(signal, handler);
    });
    // On a terminal, stderr shows how far the job has come; a log gets none of it.
    const progress = ProgressLine.wanted(stderr) ? new ProgressLine(stderr) : undefined;
    try {
      const code = await runBatchReplay(options, stdout, {
        stderr: progress?.stderr ?? stderr,
        signal: stop.signal,
        ...(progress ? {onProgress: (p: BatchProgress) => progress.update(p)} : {}),
      });
      return signalled || code;
    } finally {
      progress?.clear();
      for (const off of handlers) off();
    }
  }
  const {stream, recording} = await openPostStream(
    options,
    tokenEnvironment(context.token, options.source),
    say,
  );
  return new LivePipe(options, context, stream, recording).run();
}

/** The signals that end pipe mode cleanly, and the exit status each gives (128 + number). */
const STOP_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  // The terminal went away (a closed ssh session): stop the child as for any other signal.
  ['SIGHUP', 129],
] as const;

/**
 * A stream silent this long gets a line on stderr (then again at each doubling: 20s, 40s, …),
 * so a script's log says why no record comes; stdout carries records only.
 */
const SILENT_LINE_AFTER_MS = 10_000;

/** Child restarts in a row, with no hello between them, before pipe mode gives up. */
const MAX_FAILED_STARTS = 3;

type Status = Extract<StreamEvent, {type: 'status'}>['status'];

/** One live pipe-mode run, from the first post to a clean stop. */
class LivePipe {
  private readonly window: SlidingWindow;
  private readonly clock: WindowClock;
  private readonly formatter;
  private readonly say: (line: string) => void;
  private readonly signals: NodeJS.EventEmitter;
  private timer: NodeJS.Timeout | undefined;
  private firstPostTimeout: FirstPostTimeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopping: Promise<number> | undefined;
  private resolveRun: ((code: number) => void) | undefined;
  private outputClosed = false;
  private headerWritten = false;
  private lastStatus: string | undefined;
  /** A reconnect or error was said and no `live` since: the next `live` is worth a line. */
  private outage = false;
  /** The source's last status, for the silence line. */
  private lastSourceStatus: Status | undefined;
  /** Wall clock of the last post delivered (or of the start, before any). */
  private lastPostAt = Date.now();
  /** Silence this long earns the next stderr line. */
  private nextSilentLineAfter = SILENT_LINE_AFTER_MS;
  private silenceTimer: NodeJS.Timeout | undefined;
  private dropped = 0;
  /** Posts delivered by the server (before the retweet filter). */
  private received = 0;
  /** Child restarts since the last hello. */
  private failedStarts = 0;
  /** Event time: a flush of finished windows is queued after the current batch of posts. */
  private flushScheduled = false;
  /** The query's words, which `words` never counts. */
  private readonly queryWords: DroppedWords;
  /** When this run began: a live run's windows that began earlier are partial. */
  private readonly startedAt = Date.now();
  /** A live source (not an archive with its own clock): its first windows began before the run. */
  private live: boolean;

  constructor(
    private readonly options: Options,
    private readonly context: PipeContext,
    private readonly stream: PostStream,
    private readonly recording: Recording | undefined,
  ) {
    this.window = new SlidingWindow({
      windowMs: options.windowMs,
      slideMs: options.slideMs,
      timeMode: options.timeMode,
      top: options.top,
      terms: options.terms,
      rank: options.rank,
      baselineMs: options.baselineMs,
      minAccounts: options.minAccounts,
    });
    this.clock = new WindowClock(options.timeMode, isPacedSource(options.source));
    this.formatter = createRecordFormatter(options.format, options.rank);
    this.queryWords = droppedWordsFor(options.query);
    this.live = !isPacedSource(options.source);
    this.say = (line) => context.stderr.write(`trendtui: ${line}\n`);
    this.signals = context.signals ?? process;
  }

  run(): Promise<number> {
    return new Promise<number>((resolve) => {
      this.resolveRun = resolve;
      this.context.stdout.on('error', this.onOutputError);
      for (const [signal] of STOP_SIGNALS) this.signals.on(signal, this.onSignal[signal]);
      this.unsubscribe = this.stream.subscribe(this.onEvent);
      this.scheduleSlide();
      this.silenceTimer = setInterval(this.checkSilence, 1000);
      this.silenceTimer.unref();
      this.firstPostTimeout = startFirstPostTimeout(
        this.options.timeoutMs,
        this.options.source,
        () => this.received > 0,
        () => this.lastStatus,
        (line) => {
          this.say(line);
          void this.stop(1);
        },
      );
    });
  }

  private readonly onSignal = Object.fromEntries(
    STOP_SIGNALS.map(([signal, code]) => [signal, () => void this.stop(code)]),
  ) as Record<(typeof STOP_SIGNALS)[number][0], () => void>;

  private readonly onOutputError = (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): nothing more can be said, and that is not a failure.
    this.outputClosed = true;
    void this.stop(error.code === 'EPIPE' ? 0 : 1);
  };

  private readonly onEvent = (event: StreamEvent) => {
    if (this.stopping) return;
    switch (event.type) {
      case 'post': {
        const {post} = event;
        this.received++;
        this.lastPostAt = Date.now();
        this.nextSilentLineAfter = SILENT_LINE_AFTER_MS;
        // Every post delivered moves the clock, counted or not.
        const time = this.clock.timeOf(post.createdAt);
        if (this.options.timeMode === 'event') this.scheduleEventFlush();
        if (!passesRetweetSwitch(post, this.options.retweets)) return;
        this.window.add(
          time,
          termsOf(post, this.options.terms, this.queryWords),
          post.author,
          post.id,
        );
        return;
      }
      case 'status':
        this.onStatus(event.status, event.dropped);
        return;
      case 'link':
        if (event.link.state === 'closed') {
          this.say('the ingest server closed the connection');
          void this.stop(1);
        } else if (event.link.state === 'reconnecting' || event.link.state === 'restarting-child') {
          this.say(`${event.link.detail} (retrying in ${Math.ceil(event.link.retryInMs / 1000)}s)`);
          // The server repeats its source's status to a client that comes back: say it then.
          this.outage = true;
          this.lastStatus = undefined;
          // A child that dies before ever serving (a bad option, a missing source) will die
          // again: the dashboard may keep trying on screen, but a script must not hang.
          if (event.link.state === 'restarting-child' && ++this.failedStarts >= MAX_FAILED_STARTS) {
            this.say('giving up: the ingest server keeps failing to start');
            void this.stop(1);
          }
        }
        return;
      case 'hello':
        this.failedStarts = 0;
        this.clock.setPaced(isPacedSource(event.hello.source));
        this.live = !isPacedSource(event.hello.source);
        return;
    }
  };

  private readonly checkSilence = () => {
    const silent = Date.now() - this.lastPostAt;
    if (silent < this.nextSilentLineAfter) return;
    this.nextSilentLineAfter *= 2;
    const since = this.received === 0 ? 'since the start' : 'for';
    const quiet = formatDuration(Math.floor(silent / 1000) * 1000);
    this.say(`no post ${since} ${quiet} (${this.describeDoing()})`);
  };

  /** What the source is doing, for the silence line: its last status, in a few words. */
  private describeDoing(): string {
    const status = this.lastSourceStatus;
    if (status === undefined) return 'waiting for the source';
    if (status.state === 'live' && status.unmatched) {
      return `live, ${status.unmatched} posts seen, none matched the query`;
    }
    return status.detail ? `${status.state}: ${status.detail}` : status.state;
  }

  private onStatus(status: Status, dropped: number | undefined) {
    if (dropped) this.dropped += dropped;
    if (status.state !== 'lagging') this.lastSourceStatus = status;
    if (status.state === 'ended') {
      if (this.unreadableReplay()) {
        const {replayFile} = this.options;
        const file = replayFile === undefined || replayFile === '-' ? 'stdin' : replayFile;
        const why = status.detail ? ` (${status.detail})` : '';
        this.say(`${file} has no post trendtui can read${why}`);
        void this.stop(2);
        return;
      }
      if (status.detail) this.say(status.detail);
      this.emit(this.window.finish());
      void this.stop(0);
      return;
    }
    // Say each change once, not every repeat of the same status. `live` is the normal state and
    // goes unsaid, except when it ends an outage that was said: a log that shows `reconnecting`
    // must also show the source came back.
    const line = status.detail ? `${status.state}: ${status.detail}` : status.state;
    const cameBack = status.state === 'live' && this.outage;
    if (
      cameBack ||
      (line !== this.lastStatus && status.state !== 'live' && status.state !== 'lagging')
    ) {
      this.say(line);
    }
    this.lastStatus = line;
    this.outage = status.state === 'reconnecting' || status.state === 'error';
    // An error with no retry is final (a rejected token, say): waiting would print nothing forever.
    if (status.state === 'error' && status.retryInMs === undefined) void this.stop(1);
  }

  /**
   * A finite input of our own (a replay, stdin) that ended without a single post, with nothing
   * asked to filter posts out: it holds nothing trendtui can read, which is bad input (exit 2),
   * as in a batch replay.
   */
  private unreadableReplay(): boolean {
    const {options} = this;
    if (!sourceCapabilities(options.source).finite || options.connect || this.received > 0) {
      return false;
    }
    if (options.query.length > 0 || options.lang !== undefined || options.rule !== undefined) {
      return false;
    }
    return true;
  }

  // Close windows at every multiple of the slide by this process's clock (in event time, this
  // is what lets a quiet stream still slide; posts flush the rest).
  private scheduleSlide() {
    const slide = this.options.slideMs;
    const wall = Date.now();
    const next = (Math.floor(wall / slide) + 1) * slide;
    this.timer = setTimeout(() => {
      this.advance();
      this.scheduleSlide();
    }, next - wall);
  }

  // Event time: the posts are the clock. Many arrive per socket read, so the window is asked
  // for finished results once per batch rather than once per post.
  private scheduleEventFlush() {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.stopping) this.advance();
    });
  }

  private advance() {
    this.emit(this.window.advance(this.clock.now()));
  }

  private emit(results: WindowResult[]) {
    if (this.outputClosed) return;
    const {stdout} = this.context;
    // A replayed archive is whole; a live source's first windows began before this run did.
    for (const result of results) {
      if (this.live && result.start < this.startedAt) result.partial = true;
      let text = this.formatter.format(result);
      if (!this.headerWritten && this.formatter.header) text = this.formatter.header + text;
      this.headerWritten ||= text !== '';
      // One record per slide is little data; the stream buffers it if the reader is slow, and
      // the run does not end before it has drained.
      if (text !== '') stdout.write(text);
    }
  }

  stop(code: number): Promise<number> {
    this.stopping ??= this.shutDown(code);
    return this.stopping;
  }

  private async shutDown(code: number): Promise<number> {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.silenceTimer);
    this.firstPostTimeout?.stop();
    this.unsubscribe?.();
    for (const [signal] of STOP_SIGNALS) this.signals.off(signal, this.onSignal[signal]);
    await this.stream.close();
    await this.recording?.close();
    if (this.dropped > 0) {
      this.say(`the ingest server dropped ${this.dropped} posts because this reader fell behind`);
    }
    if (this.window.late > 0 && this.options.timeMode === 'event') {
      this.say(`${this.window.late} posts arrived too late for their window (see "late")`);
    }
    if (!this.outputClosed) await drained(this.context.stdout);
    this.resolveRun?.(code);
    return code;
  }
}

function drained(stdout: NodeJS.WritableStream): Promise<void> {
  const writable = stdout as NodeJS.WritableStream & {writableNeedDrain?: boolean};
  if (!writable.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    writable.once('drain', resolve);
    writable.once('error', resolve);
  });
}
