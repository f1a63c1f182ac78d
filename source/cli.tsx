// Parses the command line and picks the mode: dashboard, pipe, serve or config. Ink is only
// imported for the dashboard, so pipe mode never loads it (it writes escape codes even to a
// pipe). A `UserError` prints its one line and exits with its status (2 for usage mistakes);
// anything else unexpected prints one line and exits 1 — never a stack trace.
import {DEMO_HINT_SHORT, parseCommandLine} from './cli/flags.js';
import type {Options} from './cli/options.js';
import {openSettings, type Settings, type SettingsValues} from './cli/settings.js';
import {resolveToken, tokenEnvironment, type ResolvedToken} from './cli/token.js';
import {formatDuration} from './core/duration.js';
import {packageVersion} from './package-files.js';
import {ExitCode, UserError} from './core/user-error.js';

// A broken config file must not hide the help that explains how to fix it.
function valuesFor(argv: string[], settings: Settings): SettingsValues {
  try {
    return settings.values();
  } catch (error) {
    if (argv.some((arg) => /^(--help|-h|--version|-v)$/.test(arg))) return {};
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  // `config` takes its own positional arguments (`config set top -1` must reach the value
  // check, not the flag parser), and must work on a corrupt file, the thing it repairs.
  if (argv[0] === 'config') {
    const {runConfigCommand} = await import('./cli/config-command.js');
    return runConfigCommand(argv.slice(1), {
      settings: openSettings({notice: (line) => process.stderr.write(`trendtui: ${line}\n`)}),
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
    });
  }
  const settings = openSettings();
  const values = valuesFor(argv, settings);
  const token = resolveToken(process.env, values);
  const command = parseCommandLine(argv, {
    config: {path: settings.path, values},
    hasToken: token !== undefined,
    env: process.env,
    version: packageVersion() ?? 'unknown',
  });
  switch (command.kind) {
    case 'help':
    case 'version':
      process.stdout.write(command.text.replace(/^\n/, '') + '\n');
      return 0;
    case 'serve': {
      // The sources read the token from the environment; one kept in the config file is put
      // there for them (never on argv).
      Object.assign(process.env, tokenEnvironment(token, command.options.source));
      // The dashboard's own child is told nothing: its parent shows the hint.
      if (command.hint && process.env['TRENDTUI_CHILD'] !== '1') {
        process.stderr.write(`trendtui serve: ${command.hint}\n`);
      }
      const {runServe} = await import('./ingest/serve.js');
      const code = await runServe(command.options);
      // As the dashboard's child, serve watches stdin for its parent going away; once it has
      // stopped, that open pipe is all that keeps the process alive, and the parent is
      // waiting for it to exit.
      process.stdin.destroy();
      return code;
    }
    case 'run': {
      const piped = command.options.pipe || !process.stdout.isTTY;
      if (piped) {
        const {runPipe} = await import('./cli/pipe.js');
        return runPipe(command.options, {
          stdout: process.stdout,
          stderr: process.stderr,
          ...(token ? {token} : {}),
          ...(command.hint ? {hint: command.hint} : {}),
        });
      }
      // The only hint is the demo one; the dashboard's notice line wants it in 80 columns.
      return runDashboardMode(command.options, settings, token, command.hint && DEMO_HINT_SHORT);
    }
  }
}

async function runDashboardMode(
  options: Options,
  settings: Settings,
  token: ResolvedToken | undefined,
  hint: string | undefined,
): Promise<number> {
  const {preparePostStream} = await import('./ingest/open-post-stream.js');
  const {runDashboard} = await import('./cli/dashboard.js');
  // The child always sends retweets: `r` switches them on and off in the dashboard, which
  // counts both ways, so a run started with --no-retweets can still bring them back.
  const {start, recording} = await preparePostStream(
    {...options, retweets: true},
    tokenEnvironment(token, options.source),
    (message) => process.stderr.write(`trendtui: ${message}\n`),
  );
  try {
    return await runDashboard(options, {
      openStream: start,
      rememberWindow(windowMs: number, slideMs: number) {
        try {
          settings.remember({window: formatDuration(windowMs), slide: formatDuration(slideMs)});
        } catch {
          // Remembering is a convenience; a read-only config file must not break the dashboard.
        }
      },
      rememberCounting(change) {
        try {
          settings.remember(change);
        } catch {
          // As above: a convenience, never a failure.
        }
      },
      ...(hint ? {hint} : {}),
    });
  } finally {
    await recording?.close();
  }
}

// Last line of defence for "never a stack trace": a bug anywhere still ends in one line. A
// spawned ingest child notices its parent is gone and exits by itself.
const internalError = (error: unknown) => {
  // A reader that went away (`| head`) is how pipes end, not a failure.
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') process.exit(0);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`trendtui: internal error: ${message.split('\n')[0]}\n`);
  process.exit(1);
};
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`trendtui: ${message.split('\n')[0]}\n`);
  process.exitCode = error instanceof UserError ? error.exitCode : ExitCode.failure;
}
