// Pipe mode never loads the dashboard's renderer: Ink writes escape codes even to a pipe, and
// loading it costs scripts a second of start-up for nothing.
import {expect, it} from 'vitest';
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {BIN, cleanEnv} from './run-binary.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trendtui-modules-'));
const hooks = path.join(scratch, 'hooks.mjs');
const register = path.join(scratch, 'register.mjs');
writeFileSync(
  hooks,
  `export async function load(url, context, next) {\n` +
    `  process._rawDebug('LOADED ' + url);\n  return next(url, context);\n}\n`,
);
writeFileSync(
  register,
  `import {register} from 'node:module';\n` +
    `register(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

function modulesLoaded(args: string[]): Promise<{stdout: string; loaded: string[]}> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', pathToFileURL(register).href, BIN, ...args],
      {env: cleanEnv(), maxBuffer: 64 * 1024 * 1024},
      (error, stdout, stderr) => {
        if (error) reject(error);
        const loaded = stderr
          .split('\n')
          .filter((line) => line.startsWith('LOADED '))
          .map((line) => line.slice('LOADED '.length));
        resolve({stdout, loaded});
      },
    );
  });
}

it('batch replay in pipe mode prints its records without loading Ink or React', async () => {
  const archive = path.resolve('test/fixtures/twarc2/flat.jsonl');
  const {stdout, loaded} = await modulesLoaded(['--replay', archive, '--speed', 'max', '--pipe']);
  expect(stdout).toMatch(/"window_start"/);
  // The hook saw the run: the batch engine was loaded through it.
  expect(loaded.some((url) => url.endsWith('/batch/batch-replay.js'))).toBe(true);
  expect(
    loaded.filter((url) => /\/node_modules\/(ink|react|react-reconciler)\//.test(url)),
  ).toEqual([]);
}, 60_000);
