// `trendtui --replay FILE --speed max` in pipe mode: an archive in, exact windowed hashtag
// counts out, as a batch job. No ingest server and no socket: the same parser, filter, window
// and record formatter as the server path, so the records are identical, only sooner.
//
// Shape: the main thread reads the input and cuts it into blocks of whole lines; worker threads
// (one per other core, as many as the memory budget holds) parse blocks into compact (event time, hashtags) batches, and so does the
// main thread whenever they are busy; the main thread feeds the batches, in input order, to one
// SlidingWindow in event time and writes each record as it is produced.
//
// Time: event time only (a batch has no arrival clock); a post without a time of its own takes
// the time of the post before it (UntimedPosts), as on the server path.
//
// Order: the first posts decide (see OrderProbe). A time-ordered capture streams, with windows
// emitted as the watermark passes them and memory bounded by the window, not the file; any
// other order is held (every pane kept until the input ends, then every window emitted), so
// a newest-first search archive or a shuffled file still counts every post in its window.
//
// TRENDTUI_PARSE_WORKERS overrides the number of parse threads (0 = parse on the main thread),
// for benchmarking.
import {availableParallelism} from 'node:os';
import type {Readable} from 'node:stream';
import {eventLoopTurns} from '../core/event-loop-turns.js';
import {createRecordFormatter, type RecordFormat} from '../core/format/records.js';
import {UntimedPosts} from '../core/untimed-posts.js';
import type {WindowResult} from '../core/window-result.js';
import {openArchive, describe} from '../ingest/archive-input.js';
import {BlockCutter} from './block-cutter.js';
import {BlockPool} from './block-pool.js';
import {OldGenerationBudget} from './old-generation-budget.js';
import {parseBlocks} from './parse-pool.js';
import type {PostBatch} from './post-batch.js';
import {OrderProbe, type Ordering} from '../core/order-probe.js';
import {WindowFeeder, type WindowShape} from './window-feeder.js';
import {RecordWriter} from './record-writer.js';

/** What a batch replay reads: the archive, the filter, the window shape and the output format. */
export type BatchOptions = WindowShape & {
  /** The archive; `-` (or absent) is stdin. */
  replayFile?: string;
  query: string[];
  lang?: string;
  retweets: boolean;
  format: RecordFormat;
  /** Also print windows holding no post (`--empty`). */
  empty?: boolean;
};

/** Where stdin and stderr are, for tests; the process's own by default. */
export type BatchReplayIo = {
  stdin?: Readable;
  stderr?: NodeJS.WritableStream;
  /** Aborted to stop the run early (a signal): it ends within a turn of the event loop. */
  signal?: AbortSignal;
  /** Told after each batch of lines how far the reading has come (for a progress line). */
  onProgress?: (progress: BatchProgress) => void;
};

export type BatchProgress = {
  /** Bytes of the input read so far (of the file as stored: compressed for a `.gz`). */
  bytesRead: number;
  /** The input's size; absent for stdin. */
  totalBytes?: number;
  /** Posts read so far. */
  posts: number;
};

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

// Each parse worker is a V8 isolate of its own, with its blocks in flight: measured 15–17 MB
// of RSS apiece (the 1M-post benchmark: 4 workers 205 MB, 8 workers 267 MB, against 153 MB
// with the one worker of a 2-core machine). Workers get at most this much memory together, so a machine with many cores
// runs as many workers as fit, not one per core; the main thread holds the window.
const PARSE_WORKERS_BUDGET_MB = 64;
const PARSE_WORKER_MB = 16;
// Old-generation growth allowed between full collections (see OldGenerationBudget). On the
// 1M-post benchmark, runs taken in turn at load average about 2.3: 16 MB a median 6.1 s wall
// and 10.6 s CPU at a peak RSS of 159-169 MB; 8 MB 7.5 s and 12.9 s at 155-162 MB (each full
// collection marks the window's 25 MB of posts, so half as many cost less); 32 MB 178-180 MB
// and no faster. V8's own sizing reached 236 MB.
const OLD_GENERATION_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * Replays `options.replayFile` as fast as it can be read and writes one record per window to
 * `output`. Resolves to the exit status: 0 done (or output closed, or stopped by `io.signal`),
 * 2 unreadable input or no parsable line, 1 an input that broke off (the windows read before
 * are printed first) or an unexpected internal failure. Diagnostics go to stderr, one line each.
 */
export async function runBatchReplay(
  options: BatchOptions,
  output: NodeJS.WritableStream,
  io: BatchReplayIo = {},
): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  const warn = (message: string) => stderr.write(`trendtui: ${message}\n`);
  const path = options.replayFile ?? '-';
  // The cutter copies every chunk into a block of its own (see BlockCutter.push).
  const input = await openArchive(path, io.stdin, {copiesChunks: true});
  if ('error' in input) {
    warn(input.error);
    return EXIT_BAD_INPUT;
  }

  const writer = new RecordWriter(output);
  const formatter = createRecordFormatter(options.format, options.rank);
  const tally = new Tally(warn);
  const blockMemory = new BlockPool();
  const cutter = new BlockCutter({allocate: (length) => blockMemory.take(length)});
  const settings = {
    query: options.query,
    ...(options.lang === undefined ? {} : {lang: options.lang}),
    retweets: options.retweets,
    // No clock: a post without a time of its own comes out untimed, for `untimed` to stamp.
    now: Number.NaN,
    terms: options.terms,
  };
  const startedAt = Date.now();
  const untimed = new UntimedPosts();
  // Writing a long run of windows can go on in microtasks alone; signals wait for a turn.
  const turns = eventLoopTurns();
  /** Batches whose first posts have no time yet: they wait for the first timed post. */
  const waiting: PostBatch[] = [];

  let feeder: WindowFeeder | undefined;
  const probe = new OrderProbe();
  const sample: PostBatch[] = [];
  let headerWritten = false;

  const stopped = () => io.signal?.aborted === true;
  const emit = async (results: readonly WindowResult[]): Promise<boolean> => {
    for (const result of results) {
      if (turns.turnDue()) await turns.giveTurn();
      if (stopped()) return false;
      // A sparse archive (posts years apart) spans millions of windows holding nothing.
      if (result.posts === 0 && !options.empty) continue;
      let text = formatter.format(result);
      if (!headerWritten && formatter.header !== undefined) text = formatter.header + text;
      headerWritten = true;
      if (!(await writer.write(text))) return false;
    }
    return true;
  };

  const shape = {
    windowMs: options.windowMs,
    slideMs: options.slideMs,
    top: options.top,
    terms: options.terms,
    rank: options.rank,
    baselineMs: options.baselineMs,
    minAccounts: options.minAccounts,
  };
  const start = async (ordering: Ordering): Promise<WindowFeeder | undefined> => {
    const started = new WindowFeeder(shape, ordering);
    for (const held of sample.splice(0)) {
      if (!(await started.add(held, emit))) return undefined;
    }
    return started;
  };

  /** Counts one batch whose times are all set; false when the run should stop. */
  const feed = async (batch: PostBatch): Promise<boolean> => {
    if (feeder === undefined) {
      for (const time of batch.times) probe.observe(time);
      sample.push(batch);
      if (!probe.full) return true;
      feeder = await start(probe.decide(false));
      return feeder !== undefined;
    }
    return feeder.add(batch, emit);
  };
  /** Feeds the waiting batches, their untimed posts stamped, before anything after them. */
  const feedWaiting = async (): Promise<boolean> => {
    for (const held of waiting.splice(0)) {
      untimed.settle(held.times, startedAt);
      if (!(await feed(held))) return false;
    }
    return true;
  };

  const heap = new OldGenerationBudget(OLD_GENERATION_BUDGET_BYTES);
  const read: ReadOutcome = {};
  try {
    const blocks = blocksOf(input.chunks, cutter, read);
    for await (const batch of parseBlocks(blocks, settings, workers(), (block) =>
      blockMemory.give(block),
    )) {
      tally.add(batch);
      io.onProgress?.({
        bytesRead: input.bytesRead(),
        ...(input.totalBytes === undefined ? {} : {totalBytes: input.totalBytes}),
        posts: tally.parsed,
      });
      if (!untimed.stamp(batch.times)) {
        waiting.push(batch);
        continue;
      }
      if (!(await feedWaiting()) || !(await feed(batch))) break;
      heap.check();
      if (turns.turnDue()) await turns.giveTurn();
      if (stopped()) break;
    }
    if (writer.failure || stopped()) return EXIT_OK;
    await feedWaiting();

    tally.oversized += cutter.oversized;
    if (read.failure !== undefined && tally.parsed === 0) {
      warn(`replay of ${input.name} failed: ${describe(read.failure)}`);
      return EXIT_FAILURE;
    }
    if (tally.parsed === 0) {
      warn(`${input.name} has no line trendtui can read${tally.malformedSummary()}`);
      return EXIT_BAD_INPUT;
    }
    feeder ??= await start(probe.decide(true));
    if (feeder === undefined || !(await feeder.finish(emit)) || stopped()) return EXIT_OK;
    tally.report(feeder.late);
    const summary = untimed.summary();
    if (summary !== undefined) warn(summary);
    if (read.failure !== undefined) {
      // What was read before the input broke off is counted and printed, as the server path
      // does; the status says the counts stop short.
      warn(
        `replay of ${input.name} stopped early: ${describe(read.failure)}; ` +
          'the windows above count what was read before',
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } catch (error) {
    if (writer.failure) return EXIT_OK;
    warn(`replay of ${input.name} failed: ${describe(error)}`);
    return isInputError(error) ? EXIT_BAD_INPUT : EXIT_FAILURE;
  } finally {
    input.close();
    writer.release();
  }
}

/** How reading the input ended: `failure` when it broke off (a cut or corrupt gzip file). */
type ReadOutcome = {failure?: unknown};

/**
 * Blocks of whole lines. An input that breaks off ends the blocks early rather than throwing
 * past them: the lines read so far are still counted (the error is left in `outcome`).
 */
async function* blocksOf(
  chunks: AsyncIterable<Uint8Array>,
  cutter: BlockCutter,
  outcome: ReadOutcome,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) {
      const block = cutter.push(chunk);
      if (block !== undefined) yield block;
    }
  } catch (error) {
    if (!isInputError(error)) throw error;
    outcome.failure = error;
  }
  let last = cutter.end();
  // Where the input broke off, its last line is a fragment, not a malformed line of the file.
  if (last !== undefined && outcome.failure !== undefined) {
    last = last.subarray(0, last.lastIndexOf(0x0a) + 1);
  }
  if (last !== undefined && last.length > 0) yield last;
}

function workers(): number {
  const override = process.env['TRENDTUI_PARSE_WORKERS'];
  if (override !== undefined && /^\d+$/.test(override)) return Number(override);
  // Worker threads load the compiled parse-worker.js; when this module runs as TypeScript
  // source (tests), there is none, so parsing stays on this thread.
  if (!import.meta.url.endsWith('.js')) return 0;
  return parseWorkerCount(availableParallelism());
}

/**
 * Parse workers for a machine with `cores` cores: one per core besides the main thread's (which
 * parses too whenever the workers are busy), as many as the memory budget holds.
 */
export function parseWorkerCount(cores: number): number {
  const fit = Math.floor(PARSE_WORKERS_BUDGET_MB / PARSE_WORKER_MB);
  return Math.max(0, Math.min(cores - 1, fit));
}

/** Read errors from the file or gunzip, as opposed to a bug of ours. */
function isInputError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('E') || code.startsWith('Z_'));
}

/** What the input held besides posts, reported once at the end. */
class Tally {
  readonly #warn: (message: string) => void;
  lines = 0;
  parsed = 0;
  malformed = 0;
  streamErrors = 0;
  oversized = 0;
  firstMalformed: string | undefined;

  constructor(warn: (message: string) => void) {
    this.#warn = warn;
  }

  add(batch: PostBatch): void {
    this.lines += batch.lines;
    this.parsed += batch.parsed;
    this.malformed += batch.malformed;
    this.streamErrors += batch.streamErrors;
    this.oversized += batch.oversized;
    this.firstMalformed ??= batch.firstMalformed;
  }

  malformedSummary(): string {
    const skipped = this.malformed + this.oversized;
    if (skipped === 0) return ' (it is empty)';
    const reason = this.firstMalformed === undefined ? '' : `; first: ${this.firstMalformed}`;
    return ` (${plural(skipped, 'malformed line')}${reason})`;
  }

  report(late: number): void {
    const warn = this.#warn;
    if (this.malformed > 0) {
      const reason = this.firstMalformed === undefined ? '' : ` (first: ${this.firstMalformed})`;
      warn(`skipped ${plural(this.malformed, 'malformed line')}${reason}`);
    }
    if (this.oversized > 0) warn(`skipped ${plural(this.oversized, 'line')} over 4 MiB`);
    if (this.streamErrors > 0) {
      warn(`the archive holds ${plural(this.streamErrors, 'stream error message')}`);
    }
    if (late > 0) warn(`${plural(late, 'post')} arrived too far out of order and were not counted`);
  }
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
