// The one-file build: after `tsc` has compiled source/ into dist/, bundles the program's entry
// (dist/bin.js) with what it imports, Ink and React included, into dist/bin.js and a few chunks
// in dist/chunks/ (one per lazily imported part: the command line, the dashboard, pipe mode, the
// server, ...). Loading one file instead of hundreds of small modules is most of the dashboard's
// start-up time: Ink alone loads about 500 modules, over 400 of them a utility library's index
// for one `throttle`, which the bundle leaves out. The parse workers stay compiled files of
// their own (dist/batch/parse-worker.js), loaded by path.
import {readFileSync, rmSync} from 'node:fs';
import {builtinModules, createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const require = createRequire(path.join(ROOT, 'package.json'));
const INK_ENTRY = require.resolve('ink');
const INK_BUILD = path.dirname(INK_ENTRY);

/** The ES module entry of `@alcalzone/ansi-tokenize` as Ink resolves it (its dependency). */
function inkStyleCodesEntry() {
  const manifest = createRequire(INK_ENTRY).resolve('@alcalzone/ansi-tokenize/package.json');
  const entry = JSON.parse(readFileSync(manifest, 'utf8')).exports?.['.']?.import;
  if (typeof entry !== 'string') throw new Error("bundle: Ink's ansi-tokenize has no ES entry");
  return path.join(path.dirname(manifest), entry);
}

/**
 * dist/ui/ink-internals.js reaches two of Ink's own files and its style arithmetic by URL at run
 * time; inside the bundle that would load second copies, so it becomes plain imports of the same
 * files, which the bundler resolves to the very modules Ink imports.
 */
let inkInternalsReplaced = false;
const inkInternals = {
  name: 'ink-internals',
  load(id) {
    if (path.normalize(id) !== path.join(DIST, 'ui', 'ink-internals.js')) return undefined;
    inkInternalsReplaced = true;
    const file = (name) => JSON.stringify(path.join(INK_BUILD, name));
    return [
      `import measureText from ${file('measure-text.js')};`,
      `import Output from ${file('output.js')};`,
      `import {ansiCodesToString, diffAnsiCodes} from ${JSON.stringify(inkStyleCodesEntry())};`,
      `const modules = {'measure-text.js': measureText, 'output.js': Output};`,
      `export async function loadInkModule(file) { return modules[file]; }`,
      `export async function loadInkStyleCodes() { return {ansiCodesToString, diffAnsiCodes}; }`,
    ].join('\n');
  },
};

// Chunks of an earlier build would stay beside the new ones; the map tsc wrote for bin.js no
// longer describes it.
rmSync(path.join(DIST, 'chunks'), {recursive: true, force: true});
rmSync(path.join(DIST, 'bin.js.map'), {force: true});

await build({
  input: {bin: path.join(DIST, 'bin.js')},
  platform: 'node',
  external: [
    ...builtinModules,
    /^node:/,
    // Ink loads React's developer tools only when asked to (DEV=true); they are not installed.
    'react-devtools-core',
  ],
  plugins: [inkInternals],
  // The dashboard runs React's production build (see cli/dashboard.tsx); the bundle then
  // leaves the development build out.
  transform: {define: {'process.env.NODE_ENV': '"production"'}},
  logLevel: 'warn',
  output: {
    dir: DIST,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
});

// Without the replacement the dashboard would cap the caches of an unused copy of Ink.
if (!inkInternalsReplaced) throw new Error('bundle: dist/ui/ink-internals.js was not replaced');
