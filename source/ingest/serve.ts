// `trendtui serve`: one source, filtered and time-stamped, fanned out to TCP clients by the
// ingest server. Run by hand it logs one line per state change to stderr; run as the
// dashboard's child (TRENDTUI_CHILD=1) it also announces its port on stdout and exits as soon
// as its parent is gone, so a killed dashboard never leaves a server behind.
import {packageVersion} from '../package-files.js';
import type {SourceOptions} from './source-options.js';
import {encodeListening} from '../core/protocol.js';
import {eventLoopTurns} from '../core/event-loop-turns.js';
import {createAdmission} from './admission.js';
import {UnmatchedReport} from './unmatched-report.js';
import {IngestServer} from './server.js';
import type {SourceStatus} from '../core/stream.js';
import type {Source} from './source.js';
import {readsStdin, sourceCapabilities} from './source-capabilities.js';
import {createSource} from './sources/registry.js';
import {TOKEN_ENV_VARS} from './sources/x-token.js';

export type ServeIo = {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Replaces process signals in tests: resolves with the exit code when asked to stop. */
  stopRequested?: Promise<number>;
};

/** How often the child checks whether its parent is still alive. */
const PARENT_CHECK_MS = 500;
/** A shutdown that takes longer than this is cut short; the child must be gone within 2 s. */
const SHUTDOWN_LIMIT_MS = 1500;

export function serverVersion(): string {
  const version = packageVersion();
  return version === undefined ? 'trendtui' : `trendtui/${version}`;
}

export async function runServe(
  options: SourceOptions,
  io: ServeIo = {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  },
): Promise<number> {
  const log = (message: string) => io.stderr.write(`trendtui serve: ${message}\n`);
  const child = io.env['TRENDTUI_CHILD'] === '1';

  let source: Source;
  try {
    source = createSource(options, io.env);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 2;
  }

  let firstClient = () => {};
  const clientArrived = new Promise<void>((resolve) => (firstClient = resolve));
  const query = options.query.join(' ');
  const server = new IngestServer({
    host: options.host,
    port: options.port,
    format: options.serveFormat,
    hello: {source: source.name, query, server: serverVersion()},
    log,
    onClientCount: (count) => {
      if (count > 0) firstClient();
    },
  });
  let address: {host: string; port: number};
  try {
    address = await server.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.host}:${options.port}`;
    log(
      code === 'EADDRINUSE'
        ? `${where} is already in use; choose another port with --port`
        : `cannot listen on ${where} (${code ?? String(error)})`,
    );
    return 1;
  }

  if (child) {
    io.stdout.write(encodeListening(address.host, address.port));
  } else {
    log(
      `listening on ${address.host}:${address.port} (${options.serveFormat}), source ` +
        `${source.name}${query === '' ? '' : `, query "${query}"`}`,
    );
  }

  const stop = new AbortController();
  let exitCode = 0;
  const requestStop = (code: number) => {
    if (stop.signal.aborted) return;
    exitCode = code;
    stop.abort();
  };
  const cleanups: (() => void)[] = [];
  if (io.stopRequested !== undefined) {
    void io.stopRequested.then(requestStop);
  } else {
    const onSigint = () => requestStop(130);
    const onSigterm = () => requestStop(143);
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    cleanups.push(() => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    });
  }
  if (child) watchParent(io, readsStdin(options), () => requestStop(0), cleanups);

  const pump = pumpSource(source, server, options, {
    signal: stop.signal,
    waitForClient: sourceCapabilities(source.name).paced ? clientArrived : Promise.resolve(),
    log,
    env: io.env,
  });

  await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve()));
  // Whatever still holds the event loop open (a source ignoring its abort signal), the process
  // must not outlive its parent for long.
  if (io.stopRequested === undefined) {
    setTimeout(() => process.exit(exitCode), SHUTDOWN_LIMIT_MS).unref();
  }
  for (const cleanup of cleanups) cleanup();
  await Promise.all([pump, server.close(child ? 0 : 500)]);
  if (!child) log('stopped');
  return exitCode;
}

/** As the dashboard's child: stop when the parent is gone (pipe EOF, or re-parented). */
function watchParent(
  io: ServeIo,
  stdinIsInput: boolean,
  onGone: () => void,
  cleanups: (() => void)[],
): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) onGone();
  }, PARENT_CHECK_MS);
  timer.unref();
  cleanups.push(() => clearInterval(timer));
  // The parent holds our stdin's other end; its death closes it at once. Sources that read
  // stdin themselves get it inherited instead, and rely on the ppid check.
  // Our stdout and stderr are pipes to the parent too: once it is gone, writing to them fails
  // (EPIPE), which must end the child quietly rather than crash it.
  io.stdout.on('error', onGone);
  io.stderr.on('error', onGone);
  if (!stdinIsInput) {
    io.stdin.on('end', onGone);
    io.stdin.on('error', onGone);
    io.stdin.resume();
  }
}

/**
 * Statuses are shown, logged and sent to every client; whatever a source put in one, a token
 * from the environment never leaves this process.
 */
function tokenRedactor(env: NodeJS.ProcessEnv): (status: SourceStatus) => SourceStatus {
  const tokens = TOKEN_ENV_VARS.map((name) => env[name]?.trim() ?? '').filter(
    (token) => token.length >= 8,
  );
  if (tokens.length === 0) return (status) => status;
  return (status) => {
    if (status.detail === undefined) return status;
    let detail = status.detail;
    for (const token of tokens) detail = detail.replaceAll(token, '***');
    return detail === status.detail ? status : {...status, detail};
  };
}

async function pumpSource(
  source: Source,
  server: IngestServer,
  options: SourceOptions,
  run: {
    signal: AbortSignal;
    waitForClient: Promise<void>;
    log: (message: string) => void;
    env: NodeJS.ProcessEnv;
  },
): Promise<void> {
  const {signal, log} = run;
  await Promise.race([
    run.waitForClient,
    new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
  ]);
  if (signal.aborted) return;
  const capabilities = sourceCapabilities(source.name);
  const admit = createAdmission(capabilities, options);
  const {paced} = capabilities;
  const redact = tokenRedactor(run.env);
  const turns = eventLoopTurns();
  let last: SourceStatus | undefined;
  const unmatched = new UnmatchedReport();
  try {
    for await (const event of source.events(signal)) {
      if (event.type === 'status') {
        const status = redact(event.status);
        const {state, detail} = status;
        if (state !== last?.state || detail !== last?.detail) {
          log(`source ${source.name} ${state}${detail === undefined ? '' : `: ${detail}`}`);
        }
        last = status;
        server.publishStatus(status);
        continue;
      }
      if (!admit(event.post)) {
        const report = unmatched.skipped(last);
        if (report) server.publishStatus(report);
        continue;
      }
      const withdrawn = unmatched.kept(last);
      if (withdrawn) server.publishStatus(withdrawn);
      server.publishPost(event.post);
      if (paced && !server.hasRoom()) await server.waitForRoom();
      // A source that bursts (the demo catching up, a file read in large blocks) must not keep
      // clients from being accepted or released, or a signal from being heard.
      else if (turns.turnDue()) await turns.giveTurn();
      if (signal.aborted) break;
    }
  } catch (error) {
    // Sources report trouble as statuses; reaching here is a bug, reported as a status too.
    const detail = `source ${source.name} stopped: ${error instanceof Error ? error.message : String(error)}`;
    log(detail);
    server.publishStatus({state: 'error', detail});
  }
}
