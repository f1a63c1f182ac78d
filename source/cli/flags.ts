// The command line: meow's flag table, the help text, and the rules that turn flags, the config
// file and defaults into one validated `Options`. Every mistake becomes a `UsageError` holding
// one line for the user; nothing here prints or exits.
import {accessSync, constants, statSync} from 'node:fs';
import meow from 'meow';
import {parseDuration} from '../core/duration.js';
import type {SourceName} from '../ingest/source.js';
import type {Options, OutputFormat, TimeMode} from './options.js';
import type {SettingsValues} from './settings.js';

/** Bad input from the user: the message is one line, shown as is, and the exit status is 2. */
export class UsageError extends Error {}

export const SOURCES = ['x', 'bluesky', 'demo', 'replay', 'stdin'] as const satisfies SourceName[];
const TIME_MODES = ['arrival', 'event'] as const satisfies TimeMode[];
const PIPE_FORMATS = ['ndjson', 'tsv', 'csv'] as const satisfies OutputFormat[];
const SERVE_FORMATS = ['ndjson', 'text'] as const;

export const HELP = `
  Usage
    $ trendtui [QUERY...]                     dashboard (pipe mode when stdout is not a terminal)
    $ trendtui serve [QUERY...]               ingest server only (NDJSON over TCP)
    $ trendtui config get|set|unset|path [KEY] [VALUE]

  Options
    --source x|bluesky|demo|replay|stdin   where posts come from
                                           (default: x with an X token, else demo)
    --replay FILE        replay an archive (- = stdin, .gz accepted); implies --source replay
    --speed N|max        replay speed by event time (default 1)
    --window DUR         window length: 10s, 1m, 2m30s, 1h (default 20s)
    --slide DUR          how often a window ends (default 10s)
    --time arrival|event which clock puts posts in windows
                         (default: arrival when live, event for replay)
    --top N              hashtags per window, 0 = all (default 10)
    --format FORMAT      pipe mode: ndjson, tsv or csv (default ndjson);
                         serve: ndjson or text (post text only, for Spark's socketTextStream)
    --pipe               pipe mode even on a terminal
    --record FILE        also write every post received, for a later --replay
    --rule RULE          X only: a raw filtered-stream rule instead of the query
    --connect HOST:PORT  attach to a running ingest server instead of starting one
    --host HOST          where serve listens (default 127.0.0.1)
    --port N             where serve listens (default 5555)
    --no-retweets        do not count retweets
    --lang CODE          keep only posts in this language (en, ja, pt-BR)
    --rate N             demo source: posts per second (default 20)
    --seed N             demo source: random seed (default random)
    --no-color           no colours (also NO_COLOR)
    --ascii              ASCII bars instead of block characters
    --help, --version

  Every option except --replay, --record, --rule, --connect and --pipe can also be set in the
  config file (trendtui config set window 30s); flags win.
  The X bearer token comes from X_BEARER_TOKEN (or TWITTER_BEARER_TOKEN, BEARER_TOKEN), else
  from the config file: trendtui config set x.token - (reads it from stdin).

  Examples
    $ trendtui "stan lee"
    $ trendtui --source bluesky --window 1m --slide 10s
    $ trendtui --replay tweets.jsonl.gz --speed max --top 0 --format csv > counts.csv
    $ trendtui serve "stan lee" --format text    # then: nc 127.0.0.1 5555
`;

// Everything is read as a string (or boolean) and converted here: meow's number type turns
// `abc` into NaN and its `choices` throw multi-line errors.
const flagTable = {
  source: {type: 'string'},
  replay: {type: 'string'},
  speed: {type: 'string'},
  window: {type: 'string'},
  slide: {type: 'string'},
  time: {type: 'string'},
  top: {type: 'string'},
  format: {type: 'string'},
  pipe: {type: 'boolean'},
  record: {type: 'string'},
  rule: {type: 'string'},
  connect: {type: 'string'},
  host: {type: 'string'},
  port: {type: 'string'},
  retweets: {type: 'boolean'},
  lang: {type: 'string'},
  rate: {type: 'string'},
  seed: {type: 'string'},
  color: {type: 'boolean'},
  ascii: {type: 'boolean'},
  help: {type: 'boolean', shortFlag: 'h'},
  version: {type: 'boolean', shortFlag: 'v'},
} as const;

type FlagName = keyof typeof flagTable;
type RawFlags = Partial<Record<FlagName, string | boolean>>;

const quote = (value: unknown) => JSON.stringify(String(value));

function oneOf<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${choices.join(', ')}, not ${quote(value)}`);
}

function wholeNumber(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const number = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
    throw new UsageError(`${name} must be a whole number, ${range}, not ${quote(value)}`);
  }
  return number;
}

function positiveNumber(name: string, value: string): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new UsageError(`${name} must be a number above 0, not ${quote(value)}`);
  }
  return number;
}

function duration(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || !(ms > 0)) {
    throw new UsageError(
      `${name} must be a duration such as 10s, 1m, 2m30s or 1h, not ${quote(value)}`,
    );
  }
  return ms;
}

function speed(name: string, value: string): number | 'max' {
  return value === 'max' ? 'max' : positiveNumber(name, value);
}

/** Below this a terminal or a pipe reader could not keep up with one record per slide. */
const MIN_SLIDE_MS = 100;

const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

function lang(name: string, value: string): string {
  if (!LANG.test(value)) {
    throw new UsageError(
      `${name} must be a language code such as en, ja or pt-BR, not ${quote(value)}`,
    );
  }
  return value;
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${name} needs a value`);
  return value;
}

function hostPort(name: string, value: string): {host: string; port: number} {
  const match = /^(.+):(\d+)$/.exec(value.trim());
  const host = match?.[1]?.replace(/^\[(.*)\]$/, '$1');
  const port = match ? Number(match[2]) : Number.NaN;
  if (!host || !(port >= 1 && port <= 65_535)) {
    throw new UsageError(`${name} needs HOST:PORT, such as 127.0.0.1:5555, not ${quote(value)}`);
  }
  return {host, port};
}

/**
 * Checks a value for a config-file key (also used by `config set`), with the same rule as the
 * flag of that name; returns it in the type the file stores.
 */
export function validateSettingValue(key: string, value: string | number | boolean): void {
  const text = String(value);
  const name = key;
  switch (key) {
    case 'source':
      if (oneOf(name, text, SOURCES) === 'replay') {
        throw new UsageError('source replay cannot be a default: it needs --replay FILE each time');
      }
      return;
    case 'speed':
      speed(name, text);
      return;
    case 'window':
    case 'slide':
      duration(name, text);
      return;
    case 'time':
      oneOf(name, text, TIME_MODES);
      return;
    case 'top':
    case 'seed':
      wholeNumber(name, text, 0);
      return;
    case 'port':
      wholeNumber(name, text, 0, 65_535);
      return;
    case 'rate':
      positiveNumber(name, text);
      return;
    case 'format':
      oneOf(name, text, PIPE_FORMATS);
      return;
    case 'lang':
      lang(name, text);
      return;
    case 'host':
    case 'x.token':
      nonEmpty(name, text);
      return;
    default:
      return;
  }
}

// Turns what meow returned into known flags, rejecting anything it did not know. meow's own
// unknown-flag report is several lines and exits by itself, so it stays switched off.
function knownFlags(parsed: Record<string, unknown>, argv: string[]): RawFlags {
  const known = new Set<string>([...Object.keys(flagTable), 'h', 'v']);
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) {
      throw new UsageError(`unknown flag ${spelledAsGiven(key, argv)} (see trendtui --help)`);
    }
  }
  const flags: RawFlags = {};
  for (const name of Object.keys(flagTable) as FlagName[]) {
    const value = parsed[name];
    if (typeof value === 'string' || typeof value === 'boolean') flags[name] = value;
  }
  return flags;
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

// The parser reports `--no-foo` as `foo` and `--foo-bar` as `fooBar`; find what was typed.
function spelledAsGiven(key: string, argv: string[]): string {
  for (const arg of argv) {
    if (arg === '--') break;
    const name = /^--?([^=]+)/.exec(arg)?.[1];
    if (name === undefined) continue;
    if (
      arg.startsWith('--') &&
      [name, name.replace(/^no-/, '')].some((n) => camelCase(n) === key)
    ) {
      return arg.split('=')[0]!;
    }
    if (!arg.startsWith('--') && name.includes(key)) return `-${key}`;
  }
  return key.length === 1 ? `-${key}` : `--${key}`;
}

// The parser reads a lone `-` after a flag as an argument of its own, but `--replay -` means
// stdin; glue it to the flag that takes a value.
function keepDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const previous = out.at(-1);
    const flag = previous?.startsWith('--') ? previous.slice(2) : undefined;
    const entry = flag === undefined ? undefined : flagTable[camelCase(flag) as FlagName];
    if (arg === '-' && entry?.type === 'string') out[out.length - 1] = `${previous}=-`;
    else out.push(arg);
  }
  return out;
}

export type CommandLine =
  | {kind: 'help'; text: string}
  | {kind: 'version'; text: string}
  | {kind: 'config'; args: string[]}
  /** The dashboard or pipe mode. `hint` is set when the source fell back to demo. */
  | {kind: 'run'; options: Options; hint?: string}
  | {kind: 'serve'; options: Options; hint?: string};

export type ParseContext = {
  /** The config file's values (flags win over them). */
  settings: SettingsValues;
  /** Whether an X bearer token is available (from the environment or the config file). */
  hasToken: boolean;
  env: NodeJS.ProcessEnv;
  /** package.json's version, for `--version`. */
  version: string;
};

export const DEMO_HINT =
  'showing the demo source; to go live, set X_BEARER_TOKEN (or run `trendtui config set x.token -`) or use --source bluesky';

/** The same advice in one 80-column line, for the dashboard's notice line. */
export const DEMO_HINT_SHORT =
  'demo posts · to go live, set X_BEARER_TOKEN or use --source bluesky';

/**
 * Parses argv (without `node` and the script) into what to run. Throws `UsageError` with a
 * one-line message for anything wrong.
 */
export function parseCommandLine(argv: string[], context: ParseContext): CommandLine {
  // `config` takes its own positional arguments (`config set top -1` must reach the value
  // check, not the flag parser), so it never goes through meow.
  if (argv[0] === 'config') return {kind: 'config', args: argv.slice(1)};
  const serve = argv[0] === 'serve';
  const rest = keepDashValues(serve ? argv.slice(1) : argv);

  let parsed: {input: string[]; flags: Record<string, unknown>};
  try {
    const result = meow(HELP, {
      importMeta: import.meta,
      argv: rest,
      flags: flagTable,
      allowUnknownFlags: true,
      autoHelp: false,
      autoVersion: false,
      // Flags not given stay undefined, so the config file can fill them in.
      booleanDefault: undefined,
    });
    parsed = {input: result.input, flags: result.unnormalizedFlags};
  } catch (error) {
    // meow throws for a flag given twice; its message is already one line.
    const message = error instanceof Error ? error.message : String(error);
    const twice = /^The flag (--\S+) can only be set once/.exec(message);
    throw new UsageError(twice ? `${twice[1]} was given twice` : message.split('\n')[0]!);
  }
  const flags = knownFlags(parsed.flags, rest);
  if (flags.help === true) return {kind: 'help', text: HELP};
  if (flags.version === true) return {kind: 'version', text: context.version};

  const options = buildOptions(flags, parsed.input.map(String), serve, context);
  const kind = serve ? 'serve' : 'run';
  const defaulted = flags.source === undefined && context.settings.source === undefined;
  return options.source === 'demo' && defaulted && options.connect === undefined
    ? {kind, options, hint: DEMO_HINT}
    : {kind, options};
}

function buildOptions(
  flags: RawFlags,
  query: string[],
  serve: boolean,
  {settings, hasToken, env}: ParseContext,
): Options {
  // A value with its name for messages: the flag when given, else the config file's key.
  const pick = (name: FlagName & keyof SettingsValues): [string, string] | undefined => {
    const flag = flags[name];
    if (flag !== undefined) {
      if (typeof flag !== 'string') throw new UsageError(`--${name} needs a value`);
      return [`--${name}`, flag];
    }
    const stored = settings[name];
    return stored === undefined ? undefined : [`config file ${name}`, String(stored)];
  };
  const flagOnly = (name: FlagName): string | undefined => {
    const flag = flags[name];
    if (flag === undefined) return undefined;
    if (typeof flag !== 'string' || flag === '') throw new UsageError(`--${name} needs a value`);
    return flag;
  };
  const bool = (name: 'retweets' | 'color' | 'ascii' | 'pipe'): boolean | undefined => {
    const flag = flags[name];
    if (typeof flag === 'boolean') return flag;
    if (typeof flag === 'string') throw new UsageError(`--${name} takes no value`);
    return name === 'pipe' ? undefined : settings[name];
  };
  const convertEntry = <T>(
    entry: [string, string] | undefined,
    convert: (n: string, v: string) => T,
  ) => (entry === undefined ? undefined : convert(entry[0], entry[1]));

  const replayFile = flagOnly('replay');
  const sourceEntry = pick('source');
  let source: SourceName;
  if (replayFile !== undefined) {
    if (flags.source !== undefined && flags.source !== 'replay') {
      throw new UsageError(
        `--replay reads an archive, so it cannot be combined with --source ${flags.source}`,
      );
    }
    source = 'replay';
    checkReadable(replayFile);
  } else {
    source = convertEntry(sourceEntry, (n, v) => oneOf(n, v, SOURCES)) ?? (hasToken ? 'x' : 'demo');
    if (source === 'replay') {
      throw new UsageError(
        `${sourceEntry?.[0] ?? '--source'} replay needs --replay FILE (- = stdin)`,
      );
    }
  }

  const windowMs = convertEntry(pick('window'), duration) ?? 20_000;
  const slideMs = convertEntry(pick('slide'), duration) ?? 10_000;
  if (slideMs < MIN_SLIDE_MS) {
    throw new UsageError(`the slide must be at least 100ms, not ${quote(pick('slide')?.[1])}`);
  }
  if (windowMs < slideMs) {
    throw new UsageError(
      `the window (${pick('window')?.[1] ?? '20s'}) must be at least as long as the slide (${pick('slide')?.[1] ?? '10s'})`,
    );
  }

  const connectText = flagOnly('connect');
  const connect = connectText === undefined ? undefined : hostPort('--connect', connectText);
  if (serve && connect)
    throw new UsageError('serve listens for clients; --connect is for the dashboard and pipe mode');
  // Flags that would otherwise be silently ignored are mistakes worth naming.
  if (connect && replayFile !== undefined) {
    throw new UsageError(
      '--connect reads a running server, which has its own source; drop --replay',
    );
  }
  if (flagOnly('rule') !== undefined && source !== 'x' && !connect) {
    throw new UsageError(`--rule is an X filtered-stream rule; it needs --source x, not ${source}`);
  }
  if (source === 'x' && !hasToken && !connect) {
    throw new UsageError(
      'the X source needs a bearer token: set X_BEARER_TOKEN or run `trendtui config set x.token -`',
    );
  }

  const formatEntry = pick('format');
  let format: OutputFormat = 'ndjson';
  let serveFormat: Options['serveFormat'] = 'ndjson';
  if (formatEntry) {
    if (serve) {
      // The config file's format is pipe mode's; only an explicit flag changes serve's.
      if (flags.format !== undefined)
        serveFormat = oneOf(formatEntry[0], formatEntry[1], SERVE_FORMATS);
    } else {
      format = oneOf(formatEntry[0], formatEntry[1], PIPE_FORMATS);
    }
  }

  const noColorEnv = (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb';
  const options: Options = {
    query,
    source,
    speed: convertEntry(pick('speed'), speed) ?? 1,
    windowMs,
    slideMs,
    timeMode:
      convertEntry(pick('time'), (n, v) => oneOf(n, v, TIME_MODES)) ??
      (source === 'replay' ? 'event' : 'arrival'),
    top: convertEntry(pick('top'), (n, v) => wholeNumber(n, v, 0)) ?? 10,
    format,
    pipe: bool('pipe') ?? false,
    host: convertEntry(pick('host'), nonEmpty) ?? '127.0.0.1',
    port: convertEntry(pick('port'), (n, v) => wholeNumber(n, v, 0, 65_535)) ?? (serve ? 5555 : 0),
    serveFormat,
    retweets: bool('retweets') ?? true,
    rate: convertEntry(pick('rate'), positiveNumber) ?? 20,
    // An explicit --color wins over NO_COLOR; the config file does not.
    color: flags.color === undefined ? !noColorEnv && (settings.color ?? true) : bool('color')!,
    ascii: bool('ascii') ?? false,
  };
  if (replayFile !== undefined) options.replayFile = replayFile;
  const record = flagOnly('record');
  if (record !== undefined) {
    if (serve) throw new UsageError('--record is for the dashboard and pipe mode, not serve');
    options.recordFile = record;
  }
  const rule = flagOnly('rule');
  if (rule !== undefined) options.rule = rule;
  if (connect) options.connect = connect;
  const langValue = convertEntry(pick('lang'), lang);
  if (langValue !== undefined) options.lang = langValue;
  const seed = convertEntry(pick('seed'), (n, v) => wholeNumber(n, v, 0));
  if (seed !== undefined) options.seed = seed;
  return options;
}

function checkReadable(file: string): void {
  if (file === '-') return;
  let reason: string | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) reason = 'it is a directory';
    else accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unreadable');
  }
  if (reason) throw new UsageError(`cannot read replay file ${quote(file)}: ${reason}`);
}
