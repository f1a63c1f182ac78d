// Every option trendtui takes, declared once. meow's flags, the `--help` text, the config
// file's keys and types, `config set`'s validation and the defaults all derive from this table,
// so an option cannot be parsed but missing from the help, or settable but unchecked.
import {formatDuration} from '../../core/duration.js';
import {RANK_ORDERS} from '../../core/rank-order.js';
import {TERM_KINDS} from '../../core/terms/term-kind.js';
import {DEFAULT_BASELINE_WINDOWS, defaultBaselineMs} from '../../core/window/rising.js';
import type {SourceName} from '../../ingest/source.js';
import type {OutputFormat, TimeMode} from '../options.js';
import {
  duration,
  hostPort,
  languageCode,
  nonEmpty,
  oneOf,
  onOff,
  positiveNumber,
  speed,
  wholeNumber,
  type ValueParser,
} from './value-parsers.js';

export const SOURCES = ['x', 'bluesky', 'demo', 'replay', 'stdin'] as const satisfies SourceName[];
export const TIME_MODES = ['arrival', 'event'] as const satisfies TimeMode[];
export const PIPE_FORMATS = ['ndjson', 'tsv', 'csv'] as const satisfies OutputFormat[];
export const SERVE_FORMATS = ['ndjson', 'text'] as const;

/** Below this a terminal or a pipe reader could not keep up with one record per slide. */
const MIN_SLIDE_MS = 100;

/** What a default may depend on: the values settled before it. */
export type RunFacts = {
  serve: boolean;
  /** Whether an X bearer token is available. */
  hasToken: boolean;
  source: SourceName;
  windowMs: number;
};

export type OptionSpec = {
  /** How meow reads the flag: values are read as text and converted by `parse`. */
  type: 'string' | 'boolean';
  shortFlag?: string;
  /** The value's placeholder in `--help` (`--window DUR`). */
  value?: string;
  /** What it does, for `--help`; `\n` continues on the next line. */
  help: string;
  parse: ValueParser<unknown>;
  /**
   * The text used when neither a flag nor the config file gives one, read by `parse` as if
   * typed; a function when it depends on the run. None: the option stays unset.
   */
  default?: string | ((run: RunFacts) => string);
  /** The default as `--help` states it, when `default` is not a plain text. */
  defaultHelp?: string;
  /** How the config file stores it; none = a flag for one run only, not settable. */
  stored?: 'string' | 'number' | 'boolean';
};

export const OPTIONS = {
  source: {
    type: 'string',
    value: SOURCES.join('|'),
    help: 'where posts come from',
    parse: oneOf(SOURCES),
    default: ({hasToken}) => (hasToken ? 'x' : 'demo'),
    defaultHelp: 'x with an X token, else demo',
    stored: 'string',
  },
  replay: {
    type: 'string',
    value: 'FILE',
    help: 'replay an archive (- = stdin, .gz accepted); implies --source replay',
    parse: nonEmpty,
  },
  speed: {
    type: 'string',
    value: 'N|max',
    help: 'replay speed by event time',
    parse: speed,
    default: '1',
    stored: 'string',
  },
  window: {
    type: 'string',
    value: 'DUR',
    help: 'window length: 10s, 1m, 2m30s, 1h',
    parse: duration(),
    default: '20s',
    stored: 'string',
  },
  slide: {
    type: 'string',
    value: 'DUR',
    help: 'how often a window ends',
    parse: duration(MIN_SLIDE_MS),
    default: '10s',
    stored: 'string',
  },
  time: {
    type: 'string',
    value: TIME_MODES.join('|'),
    help: 'which clock puts posts in windows',
    parse: oneOf(TIME_MODES),
    default: ({source}) => (source === 'replay' ? 'event' : 'arrival'),
    defaultHelp: 'arrival when live, event for replay',
    stored: 'string',
  },
  top: {
    type: 'string',
    value: 'N',
    help: 'trends per window, 0 = all (the dashboard lists as many as fit, up to N)',
    parse: wholeNumber(0),
    default: '10',
    stored: 'number',
  },
  terms: {
    type: 'string',
    value: TERM_KINDS.join('|'),
    help: 'what is counted',
    parse: oneOf(TERM_KINDS),
    default: 'hashtags',
    stored: 'string',
  },
  rank: {
    type: 'string',
    value: RANK_ORDERS.join('|'),
    help: 'how trends are ordered',
    parse: oneOf(RANK_ORDERS),
    default: 'posts',
    stored: 'string',
  },
  baseline: {
    type: 'string',
    value: 'DUR',
    help: 'the history --rank rising compares against, at least the window',
    parse: duration(),
    default: ({windowMs}) => formatDuration(defaultBaselineMs(windowMs)),
    defaultHelp: `${DEFAULT_BASELINE_WINDOWS} × the window`,
    stored: 'string',
  },
  min: {
    type: 'string',
    value: 'N',
    help: 'least accounts for a term to rank as rising',
    parse: wholeNumber(0),
    default: '3',
    stored: 'number',
  },
  empty: {
    type: 'boolean',
    help: 'batch replay: also print windows with no posts',
    parse: onOff,
    default: 'false',
    stored: 'boolean',
  },
  timeout: {
    type: 'string',
    value: 'DUR',
    help: 'give up (exit 1) when the source has delivered no post after DUR',
    parse: duration(),
    defaultHelp: 'never',
    stored: 'string',
  },
  format: {
    type: 'string',
    value: 'FORMAT',
    help: `pipe mode: ${PIPE_FORMATS.join(', ')};\nserve: ${SERVE_FORMATS.join(' or ')} (post text only, for Spark's socketTextStream)`,
    parse: oneOf(PIPE_FORMATS),
    default: 'ndjson',
    stored: 'string',
  },
  pipe: {type: 'boolean', help: 'pipe mode even on a terminal', parse: onOff, default: 'false'},
  record: {
    type: 'string',
    value: 'FILE',
    help: 'also write every post received, for a later --replay',
    parse: nonEmpty,
  },
  rule: {
    type: 'string',
    value: 'RULE',
    help: 'X only: a raw filtered-stream rule instead of the query',
    parse: nonEmpty,
  },
  connect: {
    type: 'string',
    value: 'HOST:PORT',
    help: 'attach to a running ingest server instead of starting one',
    parse: hostPort,
  },
  host: {
    type: 'string',
    value: 'HOST',
    help: 'where serve listens',
    parse: nonEmpty,
    default: '127.0.0.1',
    stored: 'string',
  },
  port: {
    type: 'string',
    value: 'N',
    help: 'where serve listens (0 = any free port)',
    parse: wholeNumber(0, 65_535),
    // The dashboard's own child takes any free port; serve on its own a well-known one.
    default: ({serve}) => (serve ? '5555' : '0'),
    defaultHelp: '5555',
    stored: 'number',
  },
  retweets: {
    type: 'boolean',
    help: "count retweets (with the original's hashtags)",
    parse: onOff,
    default: 'true',
    stored: 'boolean',
  },
  lang: {
    type: 'string',
    value: 'CODE',
    help: 'keep only posts in this language (en, ja, pt-BR)',
    parse: languageCode,
    stored: 'string',
  },
  rate: {
    type: 'string',
    value: 'N',
    help: 'demo source: posts per second',
    parse: positiveNumber,
    default: '20',
    stored: 'number',
  },
  seed: {
    type: 'string',
    value: 'N',
    help: 'demo source: random seed',
    parse: wholeNumber(0),
    defaultHelp: 'random',
    stored: 'number',
  },
  color: {
    type: 'boolean',
    help: 'colours (--no-color or NO_COLOR: none)',
    parse: onOff,
    default: 'true',
    stored: 'boolean',
  },
  ascii: {
    type: 'boolean',
    help: 'only ASCII glyphs: bars, chart lines, separators, arrows, ellipses',
    parse: onOff,
    default: 'false',
    stored: 'boolean',
  },
  help: {type: 'boolean', shortFlag: 'h', help: 'this help', parse: onOff},
  version: {type: 'boolean', shortFlag: 'v', help: "trendtui's version", parse: onOff},
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** What an option's parser returns. */
export type OptionValue<K extends OptionName> = ReturnType<(typeof OPTIONS)[K]['parse']>;

/** The options the config file may hold. */
export type StoredOptionName = {
  [K in OptionName]: (typeof OPTIONS)[K] extends {stored: string} ? K : never;
}[OptionName];

type StoredTypes = {string: string; number: number; boolean: boolean};

/** A stored option's type in the config file's JSON. */
export type StoredValue<K extends StoredOptionName> = StoredTypes[(typeof OPTIONS)[K]['stored']];

export const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

export const STORED_OPTION_NAMES = OPTION_NAMES.filter(
  (name): name is StoredOptionName => 'stored' in OPTIONS[name],
);

export const isOptionName = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** The spec of an option, seen through the general type (for code that walks the table). */
export const specOf = (name: OptionName): OptionSpec => OPTIONS[name];
