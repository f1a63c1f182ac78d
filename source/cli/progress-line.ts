// A batch replay's progress on stderr, when stderr is a terminal: one line rewritten in place
// (bytes read of the total, posts per second, time left), cleared before any other stderr line
// and at the end, so a terminal shows it while the job runs and nothing of it stays. When stderr
// is a file or a pipe, nothing is written: a log must not fill with carriage returns.
import {formatDuration} from '../core/duration.js';
import type {BatchProgress} from '../batch/batch-replay.js';

/** Redraws at most this often: a terminal need not be written to thousands of times a second. */
const REDRAW_MS = 200;
const CLEAR_LINE = '\r\u001b[2K';

export class ProgressLine {
  readonly #stderr: NodeJS.WritableStream;
  readonly #now: () => number;
  readonly #startedAt: number;
  #drawnAt = Number.NEGATIVE_INFINITY;
  #shown = false;

  constructor(stderr: NodeJS.WritableStream, now: () => number = Date.now) {
    this.#stderr = stderr;
    this.#now = now;
    this.#startedAt = now();
  }

  /** Whether a line is drawn at all: only on a terminal. */
  static wanted(stderr: NodeJS.WritableStream): boolean {
    return (stderr as NodeJS.WriteStream).isTTY === true;
  }

  update(progress: BatchProgress): void {
    const now = this.#now();
    if (now - this.#drawnAt < REDRAW_MS) return;
    this.#drawnAt = now;
    const columns = (this.#stderr as NodeJS.WriteStream).columns ?? 80;
    const line = describeProgress(progress, now - this.#startedAt).slice(0, columns - 1);
    this.#stderr.write(CLEAR_LINE + line);
    this.#shown = true;
  }

  /** Takes the line away (before another stderr line, and at the end). */
  clear(): void {
    if (!this.#shown) return;
    this.#stderr.write(CLEAR_LINE);
    this.#shown = false;
  }

  /** A stderr that clears the line before each write, for the job's own diagnostics. */
  get stderr(): NodeJS.WritableStream {
    const write = (text: string) => {
      this.clear();
      return this.#stderr.write(text);
    };
    return {write} as unknown as NodeJS.WritableStream;
  }
}

/** "trendtui: 42% · 420 MB of 1.0 GB · 41.5k posts/s · 12s left". */
export function describeProgress(progress: BatchProgress, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const rate = `${formatCount(progress.posts / seconds)} posts/s`;
  const {bytesRead, totalBytes} = progress;
  if (totalBytes === undefined || totalBytes <= 0) {
    return `trendtui: ${formatBytes(bytesRead)} read · ${rate}`;
  }
  const done = Math.min(1, bytesRead / totalBytes);
  const percent = `${Math.floor(done * 100)}%`;
  const left =
    done > 0 && done < 1
      ? ` · ${formatDuration(Math.max(1, Math.round((seconds * (1 - done)) / done)) * 1000)} left`
      : '';
  return `trendtui: ${percent} · ${formatBytes(bytesRead)} of ${formatBytes(totalBytes)} · ${rate}${left}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${(n / 1e3).toFixed(1)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}
