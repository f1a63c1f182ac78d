// `trendtui config …` through the real binary, with a private XDG_CONFIG_HOME: the token is read
// from stdin, stored owner-only and never printed in full; values are checked like flags.
import {chmodSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import pty from 'node-pty';
import {BIN, cleanEnv, run} from './run-binary.js';

const TOKEN =
  'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';

function configEnv() {
  const env = cleanEnv();
  const file = path.join(env['XDG_CONFIG_HOME']!, 'trendtui-nodejs', 'config.json');
  return {env, file};
}

describe('trendtui config', () => {
  it('prints where the file lives', async () => {
    const {env, file} = configEnv();
    const result = await run(['config', 'path'], {env});
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(file);
  });

  it('reads the token from stdin into an owner-only file and shows it only masked', async () => {
    const {env, file} = configEnv();
    const set = await run(['config', 'set', 'x.token', '-'], {env, input: `${TOKEN}\n`});
    expect(set.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({x: {token: TOKEN}});
    expect(set.stdout + set.stderr).not.toContain(TOKEN);

    const get = await run(['config', 'get', 'x.token'], {env});
    expect(get.code).toBe(0);
    expect(get.stdout.trim()).toBe(`…${TOKEN.slice(-4)} (${TOKEN.length} characters)`);
    expect(get.stdout + get.stderr).not.toContain(TOKEN.slice(0, 20));

    const all = await run(['config', 'get'], {env});
    expect(all.stdout).toContain('x.token=…');
    expect(all.stdout).not.toContain(TOKEN.slice(0, 20));
  });

  it('on a terminal, asks for the token without echoing it', async () => {
    const {env, file} = configEnv();
    const term = pty.spawn(process.execPath, [BIN, 'config', 'set', 'x.token', '-'], {
      cols: 100,
      rows: 10,
      env: env as Record<string, string>,
    });
    let screen = '';
    term.onData((data) => (screen += data));
    const exited = new Promise<number>((resolve) => term.onExit(({exitCode}) => resolve(exitCode)));
    while (!screen.includes('input hidden'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    term.write(`${TOKEN}\r`);
    expect(await exited).toBe(0);
    expect(screen).not.toContain(TOKEN.slice(0, 12));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({x: {token: TOKEN}});
  });

  it('tightens an existing world-readable file to 0600 when it writes', async () => {
    const {env, file} = configEnv();
    mkdirSync(path.dirname(file), {recursive: true});
    writeFileSync(file, '{"top": 5}\n');
    chmodSync(file, 0o644);
    const set = await run(['config', 'set', 'x.token', '-'], {env, input: TOKEN});
    expect(set.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({top: 5, x: {token: TOKEN}});
  });

  it('refuses a token given as an argument, so it never sits in argv', async () => {
    const {env, file} = configEnv();
    const result = await run(['config', 'set', 'x.token', TOKEN], {env});
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).toContain('config set x.token -');
    expect(() => statSync(file)).toThrow();
  });

  it('refuses an empty token', async () => {
    const {env} = configEnv();
    const result = await run(['config', 'set', 'x.token', '-'], {env, input: '\n'});
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('trendtui: no token on stdin');
  });

  it('stores typed values that the flags then use, and unsets them', async () => {
    const {env, file} = configEnv();
    for (const [key, value] of [
      ['window', '1m'],
      ['slide', '15s'],
      ['top', '3'],
      ['retweets', 'off'],
    ]) {
      const result = await run(['config', 'set', key!, value!], {env});
      expect(result.code, result.stderr).toBe(0);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      window: '1m',
      slide: '15s',
      top: 3,
      retweets: false,
    });
    expect((await run(['config', 'get', 'top'], {env})).stdout).toBe('3\n');

    await run(['config', 'unset', 'top'], {env});
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('top');
    const missing = await run(['config', 'get', 'top'], {env});
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('top is not set');
  });

  it.each([
    [['set', 'window', 'abc'], /window must be a duration/],
    [['set', 'top', '-1'], /top must be a whole number, 0 or more/],
    [['set', 'source', 'myspace'], /source must be one of/],
    [['set', 'source', 'replay'], /source replay cannot be a default/],
    [['set', 'retweets', 'maybe'], /retweets must be true or false/],
    [
      ['set', 'terms', 'emoji'],
      /^trendtui: terms must be one of hashtags, words, cashtags, mentions/,
    ],
    [['set', 'rank', 'loudest'], /^trendtui: rank must be one of posts, accounts, rising/],
    [['set', 'min', '-1'], /^trendtui: min must be a whole number, 0 or more, not "-1"\n$/],
    [['set', 'window', '5s'], /^trendtui: window 5s is shorter than the default slide 10s\n$/],
    [
      ['set', 'baseline', '10s'],
      /^trendtui: baseline 10s is shorter than the default window 20s\n$/,
    ],
    [['set', 'replay', 'a.jsonl'], /unknown config key "replay"/],
    [['set', 'colour', 'on'], /unknown config key "colour"/],
    [['set', 'top'], /needs exactly one VALUE/],
    [['frobnicate'], /unknown config action "frobnicate"/],
  ])('rejects config %j with one line and exit 2', async (args, message) => {
    const {env, file} = configEnv();
    const result = await run(['config', ...args], {env});
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses a value that disagrees with the rest of the file, naming the file', async () => {
    const {env, file} = configEnv();
    expect((await run(['config', 'set', 'window', '30s'], {env})).code).toBe(0);
    const refused = await run(['config', 'set', 'slide', '1m'], {env});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `trendtui: window 30s in the config file (${file}) is shorter than slide 1m; change it with trendtui config set window …\n`,
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({window: '30s'});
    // In the order that keeps the file valid, both are accepted.
    expect((await run(['config', 'set', 'window', '2m'], {env})).code).toBe(0);
    expect((await run(['config', 'set', 'slide', '1m'], {env})).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({window: '2m', slide: '1m'});
  });

  it('stores what is counted, the order, the baseline and --min for later runs', async () => {
    const {env, file} = configEnv();
    for (const [key, value] of [
      ['terms', 'words'],
      ['rank', 'rising'],
      ['baseline', '5m'],
      ['min', '2'],
      ['empty', 'on'],
      ['timeout', '1m'],
    ]) {
      const result = await run(['config', 'set', key!, value!], {env});
      expect(result.code, result.stderr).toBe(0);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      terms: 'words',
      rank: 'rising',
      baseline: '5m',
      min: 2,
      empty: true,
      timeout: '1m',
    });
  });

  it('repairs a corrupt file with set and unset, and still tells its path', async () => {
    const {env, file} = configEnv();
    mkdirSync(path.dirname(file), {recursive: true});
    writeFileSync(file, '{"window": "30s",');

    const where = await run(['config', 'path'], {env});
    expect(where.code).toBe(0);
    expect(where.stdout.trim()).toBe(file);

    const get = await run(['config', 'get', 'window'], {env});
    expect(get.code).toBe(2);
    expect(get.stderr.trim().split('\n')).toHaveLength(1);
    expect(get.stderr).toContain(`the config file (${file}) is not valid JSON`);

    const set = await run(['config', 'set', 'window', '1m'], {env});
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain(`kept it as ${file}.corrupt`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({window: '1m'});
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"window": "30s",');

    writeFileSync(file, 'not json');
    const unset = await run(['config', 'unset', 'window'], {env});
    expect(unset.code, unset.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('neither spins nor creates a directory when the config home cannot hold one', async () => {
    // Node's recursive mkdir loops forever under /proc; reading needs no directory at all.
    const env = {...cleanEnv(), XDG_CONFIG_HOME: `/proc/trendtui-test-${process.pid}`};
    const help = await run(['--version'], {env});
    expect(help.code).toBe(0);
    const get = await run(['config', 'get'], {env});
    expect(get.code).toBe(0);
    const set = await run(['config', 'set', 'window', '1m'], {env});
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/^trendtui: cannot write the config file \(\/proc\/[^\n]*\n$/);
  });
});
