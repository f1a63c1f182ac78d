// The command line: argv (and the config file's values) into what to run. The option table,
// the help text, meow and the merging rules live in `command-line/`; this is where they meet.
// Every mistake becomes a `UserError` holding one line for the user; nothing here prints or
// exits.
import {buildOptions, type BuildContext} from './command-line/build-options.js';
import {helpText} from './command-line/help-text.js';
import {readArgv} from './command-line/read-argv.js';
import type {Options} from './options.js';

export type CommandLine =
  | {kind: 'help'; text: string}
  | {kind: 'version'; text: string}
  /** The dashboard or pipe mode. `hint` is set when the source fell back to demo. */
  | {kind: 'run'; options: Options; hint?: string}
  | {kind: 'serve'; options: Options; hint?: string};

export type ParseContext = BuildContext & {
  /** package.json's version, for `--version`. */
  version: string;
};

export const DEMO_HINT =
  'showing the demo source; to go live, set X_BEARER_TOKEN (or run `trendtui config set x.token -`) or use --source bluesky';

/** The same advice in one 80-column line, for the dashboard's notice line. */
export const DEMO_HINT_SHORT =
  'demo posts · to go live, set X_BEARER_TOKEN or use --source bluesky';

/**
 * Parses argv (without `node`, the script and the `config` command, which has its own
 * arguments) into what to run. Throws `UserError` with a one-line message for anything wrong.
 */
export function parseCommandLine(argv: string[], context: ParseContext): CommandLine {
  const serve = argv[0] === 'serve';
  const help = helpText();
  const {input, flags} = readArgv(serve ? argv.slice(1) : argv, help);
  if (flags.help === true) return {kind: 'help', text: help};
  if (flags.version === true) return {kind: 'version', text: context.version};

  const options = buildOptions(flags, input, serve, context);
  const kind = serve ? 'serve' : 'run';
  const defaulted = flags.source === undefined && context.config.values.source === undefined;
  return options.source === 'demo' && defaulted && options.connect === undefined
    ? {kind, options, hint: DEMO_HINT}
    : {kind, options};
}
