// Runs the ingest server as a child process (`trendtui serve --port 0`) and hands the parent a
// PostStream of what it serves. The child is restarted with back-off when it dies, killed when
// the stream is closed, and exits on its own if this process disappears. Its stderr is kept
// (the last lines explain a crash) but never reaches the terminal the dashboard draws on.
import {spawn, type ChildProcess} from 'node:child_process';
import {packageFile} from '../package-files.js';
import type {SourceOptions} from './source-options.js';
import {LineSplitter} from '../core/line-splitter.js';
import {decodeMessage} from '../core/protocol.js';
import {Backoff, type BackoffPolicy} from './backoff.js';
import {connectToServer} from './client.js';
import {readsStdin} from './source-capabilities.js';
import type {LinkState, PostStream, StreamEvent} from './stream.js';

export type SupervisorSettings = {
  /** The script run with `process.execPath`; defaults to trendtui's own `bin.js`. */
  entry?: string;
  /** Delay between restarts of a crashing child (default 250 ms doubling to 10 s). */
  restartBackoff?: BackoffPolicy;
  /** How long the child gets to exit after SIGTERM before SIGKILL (default 2 s). */
  killGraceMs?: number;
};

const DEFAULT_RESTART: BackoffPolicy = {initialMs: 250, maxMs: 10_000, jitter: 0.2};
/** A child that ran this long before dying was healthy: restart it quickly again. */
const HEALTHY_UPTIME_MS = 10_000;
const STDERR_LINES_KEPT = 20;

/** trendtui's entry script: `dist/bin.js`, also when this module runs from `source/` in tests. */
export function defaultEntry(): string {
  return packageFile('dist/bin.js');
}

/** The child's arguments: everything serve needs, nothing secret (the token travels in env). */
export function serveArguments(options: SourceOptions): string[] {
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--format', 'ndjson'];
  if (options.replayFile !== undefined) {
    args.push('--replay', options.replayFile, '--speed', String(options.speed));
  } else {
    args.push('--source', options.source);
  }
  if (options.rule !== undefined) args.push('--rule', options.rule);
  if (options.lang !== undefined) args.push('--lang', options.lang);
  args.push(options.retweets ? '--retweets' : '--no-retweets');
  args.push('--rate', String(options.rate));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  args.push('--no-color');
  // After `--`, a query word that starts with a dash is still a word.
  if (options.query.length > 0) args.push('--', ...options.query);
  return args;
}

export type SupervisedStream = PostStream & {
  /** The running child's process id (undefined between a crash and its restart). */
  readonly childPid: number | undefined;
};

export function spawnIngest(
  options: SourceOptions,
  /** The X token's variables (a token never travels on argv). */
  tokenEnv: Record<string, string> = {},
  settings: SupervisorSettings = {},
): SupervisedStream {
  const listeners = new Set<(event: StreamEvent) => void>();
  const emit = (event: StreamEvent) => {
    for (const listener of listeners) listener(event);
  };
  const link = (state: LinkState) => emit({type: 'link', link: state});
  const backoff = new Backoff(settings.restartBackoff ?? DEFAULT_RESTART);
  const entry = settings.entry ?? defaultEntry();
  const stdinIsInput = readsStdin(options);

  let child: ChildProcess | undefined;
  let client: PostStream | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let closing = false;
  let closed: Promise<void> | undefined;

  const start = () => {
    const stderrTail: string[] = [];
    const startedAt = Date.now();
    const current = spawn(process.execPath, [entry, ...serveArguments(options)], {
      env: {...process.env, ...tokenEnv, TRENDTUI_CHILD: '1'},
      // The stdin pipe is the child's lifeline: it sees EOF the moment this process dies.
      stdio: [stdinIsInput ? 'inherit' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a Ctrl-C at the terminal reaches only this process, which
      // stops the child itself (instead of seeing it die and starting to restart it). A child
      // reading the terminal's stdin must stay in the foreground group to be allowed to.
      detached: !stdinIsInput,
    });
    child = current;
    let exited = false;

    const stdoutLines = new LineSplitter();
    current.stdout?.on('data', (chunk: Buffer) => {
      for (const line of stdoutLines.push(chunk)) {
        const message = decodeMessage(line);
        if (message.type === 'listening' && client === undefined && !closing && !exited) {
          client = attach(message.host, message.port, () => exited);
        }
      }
    });
    const stderrLines = new LineSplitter();
    current.stderr?.on('data', (chunk: Buffer) => {
      for (const line of stderrLines.push(chunk)) {
        stderrTail.push(line);
        if (stderrTail.length > STDERR_LINES_KEPT) stderrTail.shift();
      }
    });
    // Writing to a dead child's stdin must not crash the parent.
    current.stdin?.on('error', () => {});

    current.on('error', (error) => {
      stderrTail.push(`cannot start the ingest server: ${error.message}`);
    });
    current.on('exit', (code, signal) => {
      exited = true;
      const finished = client;
      client = undefined;
      void finished?.close();
      if (closing) return;
      if (Date.now() - startedAt >= HEALTHY_UPTIME_MS) backoff.reset();
      const retryInMs = backoff.next();
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const last = stderrTail
        .map(stripPrefix)
        .filter((line) => line !== '')
        .at(-1);
      const detail = `the ingest server stopped (${how})${last === undefined ? '' : `: ${last}`}`;
      link({state: 'restarting-child', detail, retryInMs});
      restartTimer = setTimeout(start, retryInMs);
    });
  };

  /** Connects to the child's port and forwards its events while that child lives. */
  const attach = (host: string, port: number, childExited: () => boolean): PostStream => {
    const stream = connectToServer({host, port, backoff: {initialMs: 100, maxMs: 1000}});
    stream.subscribe((event) => {
      // The client's own `closed` and the reconnects to a dead child are noise: the child's
      // exit is reported as `restarting-child` instead.
      if (event.type === 'link' && (event.link.state === 'closed' || childExited())) return;
      emit(event);
    });
    return stream;
  };

  // Start on the next tick so the caller has subscribed and sees `connecting`.
  setImmediate(() => {
    if (closing) return;
    link({state: 'connecting'});
    start();
  });

  return {
    get childPid() {
      return child?.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed !== undefined) return closed;
      closing = true;
      clearTimeout(restartTimer);
      const current = child;
      const finished = client;
      client = undefined;
      closed = Promise.all([
        finished?.close(),
        stopChild(current, settings.killGraceMs ?? 2000),
      ]).then(() => {
        link({state: 'closed'});
        listeners.clear();
      });
      return closed;
    },
  };
}

const stripPrefix = (line: string) => line.replace(/^trendtui serve: /, '').trim();

/** SIGTERM, then SIGKILL after the grace period; resolves once the child has exited. */
function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
