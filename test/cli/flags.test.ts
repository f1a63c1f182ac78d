// The command line as a user meets it: the real binary for help, version and every kind of
// bad input (one line on stderr, exit 2, no stack trace), and the parser for how flags, the
// config file and defaults combine.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {DEMO_HINT, parseCommandLine, type ParseContext} from '../../source/cli/flags.js';
import {UserError} from '../../source/core/user-error.js';
import {helpName, helpText, runOnlyOptions} from '../../source/cli/command-line/help-text.js';
import {OPTION_NAMES, specOf} from '../../source/cli/command-line/option-table.js';
import type {SettingsValues} from '../../source/cli/settings.js';
import {run} from './run-binary.js';

describe('the binary', () => {
  it('prints help on stdout and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('trendtui serve [QUERY...]');
    expect(result.stdout).toContain('--window DUR');
    expect(result.stderr).toBe('');
  });

  it('prints help for -h among other arguments', async () => {
    const result = await run(['stan', '-h']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage');
  });

  it('prints the package version', async () => {
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  const replayDirectory = mkdtempSync(path.join(tmpdir(), 'trendtui-dir-'));
  const badInputs: [string[], RegExp][] = [
    [['--bogus'], /unknown flag --bogus/],
    [['--no-such-thing', 'x'], /unknown flag --no-such-thing/],
    [['-q'], /unknown flag -q/],
    [['--window', 'abc'], /--window must be a duration/],
    [['--window', '5s', '--slide', '10s'], /^trendtui: --window 5s is shorter than --slide 10s$/],
    [['--slide', '30s'], /^trendtui: the default window 20s is shorter than --slide 30s$/],
    [['--slide', '50ms'], /--slide must be at least 100ms, not "50ms"/],
    [
      ['--terms', 'emoji'],
      /^trendtui: --terms must be one of hashtags, words, cashtags, mentions, not "emoji"$/,
    ],
    [
      ['--rank', 'loudest'],
      /^trendtui: --rank must be one of posts, accounts, rising, not "loudest"$/,
    ],
    [['--min', '-1'], /^trendtui: --min must be a whole number, 0 or more, not "-1"$/],
    [['--baseline', 'soon'], /--baseline must be a duration/],
    [
      ['--window', '1m', '--baseline', '30s'],
      /^trendtui: --baseline 30s is shorter than --window 1m$/,
    ],
    [['--timeout', '0s'], /--timeout must be a duration/],
    [['--top', '-1'], /--top must be a whole number, 0 or more, not "-1"/],
    [['--top', '2.5'], /--top must be a whole number/],
    [['--rate', '-5'], /--rate must be a number above 0/],
    [['--rate', 'abc'], /--rate must be a number above 0/],
    [['--seed', '-1'], /--seed must be a whole number/],
    [['--port', '-1'], /--port must be a whole number, 0 to 65535/],
    [['--speed', '-2'], /--speed must be a number above 0/],
    [['--source', 'myspace'], /--source must be one of x, bluesky, demo, replay, stdin/],
    [['--time', 'later'], /--time must be one of arrival, event/],
    [['--format', 'xml'], /--format must be one of ndjson, tsv, csv/],
    [
      ['--replay', '/no/such/file.jsonl'],
      /cannot read replay file "\/no\/such\/file.jsonl": no such file/,
    ],
    [['--replay', replayDirectory], /cannot read replay file .*: it is a directory/],
    [['--connect', 'localhost'], /--connect needs HOST:PORT/],
    [['--connect'], /--connect needs a value/],
    [['--window', '1s', '--window', '2s'], /--window was given twice/],
    [['--source', 'x'], /X source needs a bearer token/],
    [['--source', 'replay'], /--source replay needs --replay FILE/],
    [['serve', '--format', 'csv'], /--format must be one of ndjson, text/],
    [
      ['--source', 'demo', '--rule', 'cats'],
      /--rule is an X filtered-stream rule; it needs --source x/,
    ],
    [['--connect', '127.0.0.1:5555', '--replay', '-'], /--connect reads a running server/],
    [['--empty=maybe'], /^trendtui: --empty must be true or false, not "maybe"$/],
    [['--retweets=sure'], /^trendtui: --retweets must be true or false, not "sure"$/],
  ];
  it.each(badInputs)('rejects %j with one line and exit 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^trendtui: /);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('reports a broken config file in one line, but still shows help', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'trendtui-broken-'));
    const {mkdirSync} = await import('node:fs');
    mkdirSync(path.join(config, 'trendtui-nodejs'));
    writeFileSync(path.join(config, 'trendtui-nodejs', 'config.json'), '{"window": ');
    const env = {...process.env, XDG_CONFIG_HOME: config};
    const broken = await run(['--pipe'], {env});
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain(path.join(config, 'trendtui-nodejs', 'config.json'));
    const help = await run(['--help'], {env});
    expect(help.code).toBe(0);
  });

  it('judges a bad value in the config file like the flag, naming the file key', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'trendtui-badvalue-'));
    const {mkdirSync} = await import('node:fs');
    mkdirSync(path.join(config, 'trendtui-nodejs'));
    writeFileSync(path.join(config, 'trendtui-nodejs', 'config.json'), '{"window": "soon"}');
    const result = await run(['--pipe'], {env: {...process.env, XDG_CONFIG_HOME: config}});
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `trendtui: window in the config file (${path.join(config, 'trendtui-nodejs', 'config.json')}) must be a duration such as 10s, 1m, 2m30s or 1h, not "soon"; change it with trendtui config set window … or unset it`,
    );
  });
});

describe('the option table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const flagTable = /### Flags\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? '';

  it.each(OPTION_NAMES.filter((name) => name !== 'help' && name !== 'version'))(
    '--%s is in --help and in the README flag table',
    (name) => {
      const help = helpText();
      expect(help).toContain(`    ${helpName(name)}`);
      expect(flagTable).toMatch(new RegExp(`\\| \`--(\\[no-\\])?${name}[ \`]|, \`--${name}[ \`]`));
    },
  );

  it('help says which options the config file cannot hold, and the README agrees', () => {
    const runOnly = runOnlyOptions().map((name) => `--${name}`);
    expect(runOnly).toEqual(['--replay', '--pipe', '--record', '--rule', '--connect']);
    const sentence = /Every flag except ([^\n]*(?:\n[^\n]+)*?) can be set/.exec(readme)?.[1] ?? '';
    for (const flag of runOnly) expect(sentence).toContain(`\`${flag}\``);
    expect(sentence.match(/`--/g)).toHaveLength(runOnly.length);
  });

  it('has a parseable default for every option that declares a plain one', () => {
    for (const name of OPTION_NAMES) {
      const {default: fallback, parse} = specOf(name);
      if (typeof fallback === 'string') expect(() => parse(name, fallback)).not.toThrow();
    }
  });
});

describe('parseCommandLine', () => {
  type Over = Partial<Omit<ParseContext, 'config'>> & {settings?: SettingsValues};
  const context = ({settings = {}, ...over}: Over = {}): ParseContext => ({
    config: {path: '/home/u/.config/trendtui-nodejs/config.json', values: settings},
    hasToken: false,
    env: {},
    version: '1.2.3',
    ...over,
  });
  const options = (argv: string[], over: Over = {}) => {
    const line = parseCommandLine(argv, context(over));
    if (line.kind !== 'run' && line.kind !== 'serve') throw new Error(`got ${line.kind}`);
    return line;
  };

  it('has the documented defaults, and falls back to demo with a hint when there is no token', () => {
    const line = options(['stan', 'lee']);
    expect(line.kind).toBe('run');
    expect(line.options).toMatchObject({
      query: ['stan', 'lee'],
      source: 'demo',
      speed: 1,
      windowMs: 20_000,
      slideMs: 10_000,
      timeMode: 'arrival',
      top: 10,
      format: 'ndjson',
      pipe: false,
      host: '127.0.0.1',
      port: 0,
      retweets: true,
      rate: 20,
      color: true,
      ascii: false,
      terms: 'hashtags',
      rank: 'posts',
      baselineMs: 200_000,
      minAccounts: 3,
      empty: false,
    });
    expect(line.options.timeoutMs).toBeUndefined();
    expect(line.kind === 'run' && line.hint).toBe(DEMO_HINT);
  });

  it('reads what is counted and how it is ranked, the baseline, --min, --empty and --timeout', () => {
    const line = options([
      ...['--terms', 'words', '--rank', 'rising', '--window', '1m', '--baseline', '1h'],
      ...['--min', '0', '--empty', '--timeout', '2m'],
    ]);
    expect(line.options).toMatchObject({
      terms: 'words',
      rank: 'rising',
      windowMs: 60_000,
      baselineMs: 3_600_000,
      minAccounts: 0,
      empty: true,
      timeoutMs: 120_000,
    });
    // A switch given a value reads it as the config file does; before, any text turned it off.
    expect(options(['--empty=yes']).options.empty).toBe(true);
    expect(options(['--empty=no']).options.empty).toBe(false);
    expect(options(['--retweets=off']).options.retweets).toBe(false);
    // The baseline's default follows the window.
    expect(options(['--window', '1m']).options.baselineMs).toBe(600_000);
    expect(
      options([], {settings: {terms: 'cashtags', rank: 'accounts', min: 5}}).options,
    ).toMatchObject({terms: 'cashtags', rank: 'accounts', minAccounts: 5});
  });

  it('names the config file when a rule fails because of a value in it', () => {
    const settings = {window: '30s', slide: '1m'};
    const path = '/home/u/.config/trendtui-nodejs/config.json';
    expect(() => options([], {settings})).toThrow(
      `window 30s in the config file (${path}) is shorter than slide 1m in the config file (${path}); change it with trendtui config set window …`,
    );
    expect(() => options(['--slide', '1m'], {settings: {window: '30s'}})).toThrow(
      `window 30s in the config file (${path}) is shorter than --slide 1m; change it with trendtui config set window …`,
    );
    // A flag that settles it wins over the file.
    expect(options(['--window', '2m'], {settings}).options.windowMs).toBe(120_000);
    expect(() => options([], {settings: {source: 'replay'}})).toThrow(
      `source replay in the config file (${path}) cannot be a default: it needs --replay FILE each time; change it with trendtui config set source …`,
    );
  });

  it('uses X when a token is available, without a hint', () => {
    const line = options([], {hasToken: true});
    expect(line.options.source).toBe('x');
    expect(line.kind === 'run' && line.hint).toBeFalsy();
  });

  it('gives no hint when the demo was asked for', () => {
    const line = options(['--source', 'demo']);
    expect(line.kind === 'run' && line.hint).toBeFalsy();
  });

  it('serve listens on 5555 and takes --format text', () => {
    const line = options(['serve', 'stan', '--format', 'text']);
    expect(line.kind).toBe('serve');
    expect(line.options.port).toBe(5555);
    expect(line.options.serveFormat).toBe('text');
    expect(line.options.query).toEqual(['stan']);
  });

  it('--replay implies the replay source and event time', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trendtui-replay-')), 'a.jsonl');
    writeFileSync(file, '');
    const line = options(['--replay', file, '--speed', 'max']);
    expect(line.options).toMatchObject({
      source: 'replay',
      replayFile: file,
      speed: 'max',
      timeMode: 'event',
    });
    expect(options(['--replay', '-']).options.replayFile).toBe('-');
  });

  it('takes values from the config file, and flags win over them', () => {
    const settings = {
      window: '1m',
      slide: '15s',
      top: 3,
      retweets: false,
      source: 'bluesky',
      lang: 'ja',
    };
    const fromFile = options([], {settings});
    expect(fromFile.options).toMatchObject({
      windowMs: 60_000,
      slideMs: 15_000,
      top: 3,
      retweets: false,
      source: 'bluesky',
      lang: 'ja',
    });
    expect(fromFile.kind === 'run' && fromFile.hint).toBeFalsy();
    const flagsWin = options(['--window', '30s', '--top', '0', '--retweets', '--source', 'demo'], {
      settings,
    });
    expect(flagsWin.options).toMatchObject({
      windowMs: 30_000,
      slideMs: 15_000,
      top: 0,
      retweets: true,
      source: 'demo',
    });
  });

  it('honours NO_COLOR and --no-color, and an explicit --color over NO_COLOR', () => {
    expect(options([], {env: {NO_COLOR: '1'}}).options.color).toBe(false);
    expect(options([], {env: {NO_COLOR: ''}}).options.color).toBe(true);
    expect(options(['--no-color']).options.color).toBe(false);
    expect(options(['--color'], {env: {NO_COLOR: '1'}}).options.color).toBe(true);
  });

  it('parses --connect HOST:PORT, including a bracketed IPv6 host', () => {
    expect(options(['--connect', '127.0.0.1:5555']).options.connect).toEqual({
      host: '127.0.0.1',
      port: 5555,
    });
    expect(options(['--connect', '[::1]:7000']).options.connect).toEqual({host: '::1', port: 7000});
  });

  it('allows --source x without a token only when attaching to a server', () => {
    expect(() => parseCommandLine(['--source', 'x'], context())).toThrow(UserError);
    expect(options(['--source', 'x', '--connect', '127.0.0.1:1']).options.source).toBe('x');
  });

  it('reads help and version before validating anything else', () => {
    expect(parseCommandLine(['--window', 'abc', '--help'], context()).kind).toBe('help');
    expect(parseCommandLine(['--version'], context())).toEqual({kind: 'version', text: '1.2.3'});
  });
});
