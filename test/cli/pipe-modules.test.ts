// Pipe mode never loads the dashboard's renderer: Ink writes escape codes even to a pipe, and
// loading it costs scripts a second of start-up for nothing.
import {expect, it} from 'vitest';
import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
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

// The built program is bundled: Ink and React are inside its chunks, each module under a comment
// naming the file it came from, so a chunk holds them if it names their files.
const RENDERER = /node_modules\/(ink|react|react-reconciler)\//;

/** Whether the module at `url` is, or carries inside it, Ink or React. */
function isRenderer(url: string): boolean {
  if (RENDERER.test(url)) return true;
  return url.startsWith('file:') && RENDERER.test(readFileSync(fileURLToPath(url), 'utf8'));
}

it('batch replay in pipe mode prints its records without loading Ink or React', async () => {
  const archive = path.resolve('test/fixtures/twarc2/flat.jsonl');
  const {stdout, loaded} = await modulesLoaded(['--replay', archive, '--speed', 'max', '--pipe']);
  expect(stdout).toMatch(/"window_start"/);
  // The hook saw the run: the batch engine was loaded through it.
  expect(loaded.some((url) => /\/batch-replay(-[\w-]+)?\.js$/.test(url))).toBe(true);
  // The test can see the renderer: some chunk of the build carries it.
  const chunks = path.join(path.dirname(BIN), 'chunks');
  const built = readdirSync(chunks).map((name) => pathToFileURL(path.join(chunks, name)).href);
  expect(built.some(isRenderer)).toBe(true);
  expect(loaded.filter(isRenderer)).toEqual([]);
}, 60_000);
