// Runs the dashboard on a terminal: owns the terminal while it runs (alternate screen, raw mode
// through Ink) and gives it back intact however the run ends — q, Ctrl-C, SIGTERM, SIGHUP, or an
// exception. The counting model is fed by the post stream here, outside React.
import {constants} from 'node:os';
import type {RankOrder} from '../core/rank-order.js';
import type {TermKind} from '../core/terms/term-kind.js';
import type {Options} from './options.js';
import type {PostStream} from '../ingest/stream.js';
import {sanitizeForTerminal} from '../core/sanitize.js';
import {finalError} from '../ui/source-state.js';
import {TrendModel} from '../ui/trend-model.js';
import {startFirstPostTimeout} from './first-post-timeout.js';
import {openKeyboard} from './keyboard.js';
import {limitOldGenerationGrowth} from './old-generation-growth.js';
import {capYoungGeneration} from './young-generation.js';

export type DashboardDeps = {
  /** Starts the post stream (spawns the ingest child); called once the first frame is drawn. */
  openStream(): Promise<PostStream>;
  /** Persist the window and slide the user picked with keys. */
  rememberWindow(windowMs: number, slideMs: number): void;
  /** Persist what is counted or how it is ordered, as picked with keys. */
  rememberCounting?(change: {terms: TermKind} | {rank: RankOrder}): void;
  /** Demo source: how to go live. */
  hint?: string;
};

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
// Mouse clicks reported as SGR sequences (button;x;y), which have no 223-column limit.
const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';
/** How long closing the stream (and so stopping the child server) may take before we go. */
const CLOSE_TIMEOUT_MS = 3000;

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
/** More trends than any terminal has rows for. */
const MOST_ROWS = 200;

/** Shows the dashboard until the user quits or a signal arrives; resolves with the exit code. */
export async function runDashboard(options: Options, deps: DashboardDeps): Promise<number> {
  const model = new TrendModel({
    query: options.query.join(' '),
    source: options.source,
    windowMs: options.windowMs,
    slideMs: options.slideMs,
    timeMode: options.timeMode,
    retweets: options.retweets,
    terms: options.terms,
    rank: options.rank,
    baselineMs: options.baselineMs,
    minAccounts: options.minAccounts,
    // `--top 0` (all, in pipe mode) is as many as the terminal has rows for.
    top: options.top === 0 ? MOST_ROWS : options.top,
  });
  const perfFile = process.env['TRENDTUI_PERF_FILE'];
  const warmup = Number(process.env['TRENDTUI_PERF_WARMUP_MS'] ?? 3000);
  let inkTextCacheEntries: () => number | undefined = () => undefined;
  // Only the benchmarks record: the recorder is not loaded otherwise.
  const perf = perfFile
    ? (await import('./perf-recorder.js')).startPerfRecorder(
        perfFile,
        {postsReceived: () => model.received, inkTextCacheEntries: () => inkTextCacheEntries()},
        warmup,
      )
    : undefined;
  // React's development build records diagnostics on every render: measured here at 2,000
  // posts/s it doubled the CPU and took RSS from 150 MB to over 340 MB in 10 s. React picks its
  // build when first loaded, so this must come before Ink is imported.
  if (!process.env['NODE_ENV']) process.env['NODE_ENV'] = 'production';
  // Before Ink loads, which would otherwise grow the young generation fourfold (see the module).
  const youngGeneration = capYoungGeneration();
  const oldGeneration = limitOldGenerationGrowth();
  const ui = await import('../ui/mount-app.js');
  inkTextCacheEntries = ui.inkTextCacheEntries;
  const {mountApp} = ui;
  // Clicks only when keys come from the terminal too: reports sent while nobody reads them
  // would land in the shell after we exit.
  const keyboard = openKeyboard();
  const screen = takeOverScreen(process.stdout, keyboard.input !== undefined);
  let exitCode = 0;
  const instance = mountApp(
    {
      model,
      color: options.color,
      ascii: options.ascii,
      hint: deps.hint,
      top: options.top,
      onWindowChange: (windowMs, slideMs) => {
        deps.rememberWindow(windowMs, slideMs);
      },
      onCountingChange: (change) => deps.rememberCounting?.(change),
    },
    keyboard.input,
  );

  // Ink unmounts on signals through signal-exit, which then re-raises the signal to kill the
  // process. Our listeners stay installed until the child is stopped, so that re-raised signal
  // lands here instead of killing us with the server still running and the exit code lost.
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    exitCode = 128 + constants.signals[signal];
    instance.unmount();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  let gaveUp: string | undefined;
  const timeout = startFirstPostTimeout(
    options.timeoutMs,
    options.source,
    () => model.received > 0,
    () => {
      const {status} = model.snapshot();
      return status && (status.detail ?? status.state);
    },
    (line) => {
      gaveUp = line;
      exitCode = 1;
      instance.unmount();
    },
  );

  // The child is spawned only now, after Ink drew the first frame: started before, it loads on
  // the same cores while this process loads Ink, and the first frame waits for both.
  let stream: PostStream | undefined;
  let unsubscribe = () => {};
  let exited = false;
  let failure: unknown;
  const started = new Promise((resolve) => setImmediate(resolve))
    .then(async () => {
      if (exited) return;
      stream = await deps.openStream();
      unsubscribe = stream.subscribe((event) => {
        model.handle(event);
      });
    })
    .catch((error: unknown) => {
      failure = error;
      instance.unmount();
    });

  try {
    await instance.waitUntilExit();
  } finally {
    exited = true;
    await started;
    timeout.stop();
    unsubscribe();
    keyboard.close();
    perf?.stop();
    youngGeneration.stop();
    oldGeneration.stop();
    screen.restore();
    // Said on the restored screen, where it stays readable after the dashboard is gone.
    if (gaveUp !== undefined) process.stderr.write(`trendtui: ${gaveUp}\n`);
    // A source that stopped for good is said again here, whole, and the run did not succeed
    // however the user left it.
    const fatal = finalError(model.snapshot());
    if (fatal !== undefined) {
      process.stderr.write(`trendtui: error: ${sanitizeForTerminal(fatal)}\n`);
      if (exitCode === 0) exitCode = 1;
    }
    if (stream) await closeWithin(stream, CLOSE_TIMEOUT_MS);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
  if (failure !== undefined) throw failure;
  return exitCode;
}

/**
 * Switches to the alternate screen so the dashboard never scrolls the user's scrollback (and
 * turns on mouse reports when asked), and returns the way back. The way back also runs on process exit, for paths that skip `finally`.
 */
function takeOverScreen(stdout: NodeJS.WriteStream, mouse: boolean): {restore(): void} {
  if (!stdout.isTTY) return {restore() {}};
  stdout.write(ENTER_ALTERNATE_SCREEN + (mouse ? MOUSE_ON : ''));
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    try {
      stdout.write((mouse ? MOUSE_OFF : '') + LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
    } catch {
      // The terminal may already be gone (SIGHUP); nothing left to restore then.
    }
  };
  process.on('exit', restore);
  return {restore};
}

async function closeWithin(stream: PostStream, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([stream.close().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
