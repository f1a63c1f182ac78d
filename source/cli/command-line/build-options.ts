// Merges flags, the config file and the table's defaults into one validated `Options`: a flag
// wins over the file, the file over the default; every value goes through its option's parser
// and the rules between options are checked once all are known.
import {UserError} from '../../core/user-error.js';
import type {Options} from '../options.js';
import type {SettingsValues} from '../settings.js';
import {checkLengths, checkStoredSource} from './option-rules.js';
import {
  SERVE_FORMATS,
  specOf,
  type OptionName,
  type OptionValue,
  type RunFacts,
} from './option-table.js';
import {checkReadable} from './readable-file.js';
import type {RawFlags} from './read-argv.js';
import {parseOption, type Resolved} from './resolved-value.js';
import {oneOf} from './value-parsers.js';

export type BuildContext = {
  /** The config file's values (flags win over them) and where it lives, for messages. */
  config: {path: string; values: SettingsValues};
  /** Whether an X bearer token is available (from the environment or the config file). */
  hasToken: boolean;
  env: NodeJS.ProcessEnv;
};

export function buildOptions(
  flags: RawFlags,
  query: string[],
  serve: boolean,
  {config, hasToken, env}: BuildContext,
): Options {
  const facts: RunFacts = {serve, hasToken, source: 'demo', windowMs: 0};

  // The value given for `name` by a flag or the config file, or undefined.
  const given = <K extends OptionName>(name: K): Resolved<OptionValue<K>> | undefined => {
    const spec = specOf(name);
    const flag = flags[name];
    if (flag !== undefined) {
      if (spec.type === 'boolean') {
        if (typeof flag !== 'boolean') throw new UserError(`--${name} takes no value`);
        return parseOption(name, String(flag), {kind: 'flag'});
      }
      if (typeof flag !== 'string' || flag === '') throw new UserError(`--${name} needs a value`);
      return parseOption(name, flag, {kind: 'flag'});
    }
    const stored = spec.stored ? (config.values as Record<string, unknown>)[name] : undefined;
    if (stored === undefined || stored === null) return undefined;
    return parseOption(name, String(stored), {kind: 'config', path: config.path});
  };
  const fromDefault = <K extends OptionName>(name: K): Resolved<OptionValue<K>> | undefined => {
    const fallback = specOf(name).default;
    const text = typeof fallback === 'function' ? fallback(facts) : fallback;
    return text === undefined ? undefined : parseOption(name, text, {kind: 'default'});
  };
  const resolved = <K extends OptionName>(name: K) => given(name) ?? fromDefault(name);
  // For options whose table entry has a default, so a value always exists.
  const value = <K extends OptionName>(name: K): OptionValue<K> => {
    const found = resolved(name);
    if (found === undefined) throw new Error(`option ${name} has no default`);
    return found.value;
  };
  const optional = <K extends OptionName>(name: K) => given(name)?.value;

  const replayFile = optional('replay');
  const sourceGiven = given('source');
  if (replayFile !== undefined) {
    if (flags.source !== undefined && flags.source !== 'replay') {
      throw new UserError(
        `--replay reads an archive, so it cannot be combined with --source ${flags.source}`,
      );
    }
    facts.source = 'replay';
    checkReadable(replayFile, 'replay file');
  } else {
    const source = sourceGiven ?? fromDefault('source')!;
    if (source.value === 'replay') {
      if (source.origin.kind !== 'flag') checkStoredSource(source);
      throw new UserError('--source replay needs --replay FILE (- = stdin)');
    }
    facts.source = source.value;
  }
  const {source} = facts;

  const window = resolved('window')!;
  const slide = resolved('slide')!;
  facts.windowMs = window.value;
  const baseline = resolved('baseline')!;
  checkLengths({window, slide, baseline});

  const connect = optional('connect');
  if (serve && connect)
    throw new UserError('serve listens for clients; --connect is for the dashboard and pipe mode');
  // Flags that would otherwise be silently ignored are mistakes worth naming.
  if (connect && replayFile !== undefined) {
    throw new UserError(
      '--connect reads a running server, which has its own source; drop --replay',
    );
  }
  const rule = optional('rule');
  if (rule !== undefined && source !== 'x' && !connect) {
    throw new UserError(`--rule is an X filtered-stream rule; it needs --source x, not ${source}`);
  }
  if (source === 'x' && !hasToken && !connect) {
    throw new UserError(
      'the X source needs a bearer token: set X_BEARER_TOKEN or run `trendtui config set x.token -`',
    );
  }
  const record = optional('record');
  if (record !== undefined && serve) {
    throw new UserError('--record is for the dashboard and pipe mode, not serve');
  }

  // The config file's format is pipe mode's; only an explicit flag changes serve's.
  let serveFormat: Options['serveFormat'] = SERVE_FORMATS[0];
  if (serve && flags.format !== undefined) {
    serveFormat = oneOf(SERVE_FORMATS)('--format', String(flags.format));
  }

  // NO_COLOR (or a dumb terminal) wins over the config file; only an explicit --color beats it.
  const noColorEnv = (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb';
  const color = flags.color === undefined ? !noColorEnv && value('color') : value('color');

  const options: Options = {
    query,
    source,
    speed: value('speed'),
    windowMs: window.value,
    slideMs: slide.value,
    timeMode: value('time'),
    top: value('top'),
    terms: value('terms'),
    rank: value('rank'),
    baselineMs: baseline.value,
    minAccounts: value('min'),
    empty: value('empty'),
    format: serve ? (fromDefault('format')!.value as Options['format']) : value('format'),
    pipe: value('pipe'),
    host: value('host'),
    port: value('port'),
    serveFormat,
    retweets: value('retweets'),
    rate: value('rate'),
    color,
    ascii: value('ascii'),
  };
  if (replayFile !== undefined) options.replayFile = replayFile;
  if (record !== undefined) options.recordFile = record;
  if (rule !== undefined) options.rule = rule;
  if (connect) options.connect = connect;
  const lang = optional('lang');
  if (lang !== undefined) options.lang = lang;
  const seed = optional('seed');
  if (seed !== undefined) options.seed = seed;
  const timeout = optional('timeout');
  if (timeout !== undefined) options.timeoutMs = timeout;
  return options;
}
