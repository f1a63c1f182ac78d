// The X bearer token: where it is looked up, and that it reaches X only in the Authorization
// header — never the child's argv, stderr or stdout. The X side is a local HTTP server
// speaking the filtered-stream format.
import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {maskToken, resolveToken, tokenEnvironment} from '../../source/cli/token.js';
import {startMockXServer} from '../helpers/mock-x-server.js';
import {cleanEnv, finished, run, start} from './run-binary.js';

describe('resolveToken', () => {
  it('prefers X_BEARER_TOKEN, then TWITTER_BEARER_TOKEN, then BEARER_TOKEN, then the config file', () => {
    const config = {x: {token: 'from-config'}};
    const all = {X_BEARER_TOKEN: 'x', TWITTER_BEARER_TOKEN: 'twitter', BEARER_TOKEN: 'bearer'};
    expect(resolveToken(all, config)).toEqual({token: 'x', from: 'X_BEARER_TOKEN'});
    expect(resolveToken({...all, X_BEARER_TOKEN: ' '}, config)).toEqual({
      token: 'twitter',
      from: 'TWITTER_BEARER_TOKEN',
    });
    expect(resolveToken({BEARER_TOKEN: 'bearer'}, config)).toEqual({
      token: 'bearer',
      from: 'BEARER_TOKEN',
    });
    expect(resolveToken({}, config)).toEqual({token: 'from-config', from: 'config'});
    expect(resolveToken({}, {})).toBeUndefined();
  });

  it('hands the token to the ingest child only for a source that uses it', () => {
    const resolved = {token: 'from-config', from: 'config'} as const;
    expect(tokenEnvironment(resolved, 'x')).toEqual({X_BEARER_TOKEN: 'from-config'});
    for (const source of ['demo', 'bluesky', 'replay', 'stdin'] as const) {
      expect(tokenEnvironment(resolved, source), source).toEqual({});
    }
    expect(tokenEnvironment(undefined, 'x')).toEqual({});
  });

  it('masks a token down to its last four characters and length', () => {
    const token = 'A'.repeat(100) + 'wxyz';
    expect(maskToken(token)).toBe('…wxyz (104 characters)');
    expect(maskToken('short')).toBe('(set, 5 characters)');
  });
});

/** The command lines of `pid`'s children (Linux /proc). */
const cmdlineOfChildren = (pid: number) => procFileOfChildren(pid, 'cmdline');

/** A /proc file (`cmdline`, `environ`) of each of `pid`'s children, NULs as spaces. */
function procFileOfChildren(pid: number, file: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid)
        found.push(readFileSync(`/proc/${entry}/${file}`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

describe('the token on its way to X', () => {
  it(
    'goes from the config file to X in the Authorization header only',
    {timeout: 30_000},
    async () => {
      const token = 'AAAAAAAAAAAAAAAAAAAAAConfigFileToken0123456789abcdefghijklmnopqrstuvwxyz';
      const mock = await startMockXServer({
        token,
        scripts: [
          async (connection) => {
            connection.accept();
            for (let i = 0; i < 50; i++) {
              await connection.send({
                data: {
                  id: String(1000 + i),
                  text: `stan lee #Excelsior`,
                  created_at: new Date().toISOString(),
                  entities: {hashtags: [{start: 9, end: 19, tag: 'Excelsior'}]},
                },
                matching_rules: mock.matchingRules('stan lee'),
              });
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          },
        ],
      });
      try {
        const env = cleanEnv({TRENDTUI_X_API_URL: mock.baseUrl});
        const saved = await run(['config', 'set', 'x.token', '-'], {env, input: token});
        expect(saved.code).toBe(0);

        // No --source: with a token available, X is the default.
        const child = start(['stan', 'lee', '--window', '1s', '--slide', '1s'], {env});
        const result = finished(child);
        let out = '';
        await new Promise<void>((resolve) => {
          child.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('#Excelsior')) resolve();
          });
        });
        const argvs = cmdlineOfChildren(child.pid!);
        expect(argvs.length).toBeGreaterThan(0);
        for (const argv of argvs) expect(argv).not.toContain(token);
        expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(token);
        child.kill('SIGINT');
        const {code, stdout, stderr} = await result;
        expect(code).toBe(130);
        expect(stdout + stderr).not.toContain(token);
        expect(mock.streamRequests()[0]!.authorization).toBe(`Bearer ${token}`);
        expect(stderr).not.toContain('demo');
      } finally {
        await mock.close();
      }
    },
  );

  it(
    'lets the environment win over the config file, and a rejected token ends pipe mode with 1',
    {timeout: 30_000},
    async () => {
      const good = 'good-token-in-the-config-file-0123456789';
      const wrong = 'wrong-token-in-the-environment-0123456789';
      const mock = await startMockXServer({token: good});
      try {
        const env = cleanEnv({TRENDTUI_X_API_URL: mock.baseUrl});
        await run(['config', 'set', 'x.token', '-'], {env, input: good});
        const result = await run(['--pipe', 'stan'], {env: {...env, X_BEARER_TOKEN: wrong}});
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^trendtui: error: .*/m);
        expect(result.stderr).not.toContain(wrong);
        expect(result.stderr).not.toContain(good);
        expect(mock.requests.every((request) => request.authorization === `Bearer ${wrong}`)).toBe(
          true,
        );
      } finally {
        await mock.close();
      }
    },
  );

  it(
    'stays out of the environment of a child whose source does not use it',
    {timeout: 30_000},
    async () => {
      const token = 'AAAAAAAAAAAAAAAAAAAAAConfigTokenNotForTheDemo0123456789abcdefghijklmn';
      const env = cleanEnv();
      expect((await run(['config', 'set', 'x.token', '-'], {env, input: token})).code).toBe(0);
      const child = start(['--pipe', '--source', 'demo', '--window', '1s', '--slide', '1s'], {
        env,
      });
      const result = finished(child);
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      const environments = procFileOfChildren(child.pid!, 'environ');
      expect(environments.length).toBeGreaterThan(0);
      for (const environ of environments) expect(environ).not.toContain(token);
      child.kill('SIGINT');
      expect((await result).code).toBe(130);
    },
  );
});
