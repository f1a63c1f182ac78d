// The dashboard's first frame: time from spawning `trendtui --source demo` in an 80×24
// pseudo-terminal until its header is on the screen, against a bare Ink "hello" (React + Ink
// loaded, one <Text> rendered) until its text is on the screen, in the same kind of terminal.
// Runs alternate (Ink, trendtui, Ink, …) and the best of each counts, since the machine is
// shared and noisy. Goal: ≤ 1.15×. The CPU time each process had used when its text appeared is
// printed too: on a loaded machine it is the steadier figure (trendtui's ingest child is
// spawned only after the first frame, so the process on the screen is the whole cost).
//
// trendtui is built as one bundle (scripts/bundle.js), so it loads a handful of files where the
// bare hello loads Ink's hundreds of modules. To show what trendtui itself adds, the same hello
// bundled the same way is timed as a second reference.
//
//   BENCH_STARTUP_RUNS=N   runs of each (default 7)
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';
import {build} from 'rolldown';
import {inTerminal, sleep, until} from './pty-terminal.js';
import {terminalEnv} from './terminal-env.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'bin.js');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const GOAL = 1.15;

const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-bench-'));
const env = terminalEnv(dir);

/** CPU milliseconds (user + system) a process has used; /proc counts in 10 ms ticks. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Wall and CPU milliseconds from spawning until `pattern` is on the screen; the process is then
 * stopped.
 */
async function timeToScreen(file, args, pattern, extraEnv = {}) {
  const started = performance.now();
  const run = inTerminal(file, args, {...env, ...extraEnv}, ROOT);
  let seen;
  const poll = setInterval(() => {
    if (seen === undefined && pattern.test(run.screen())) {
      seen = {wall: performance.now() - started, cpu: cpuMs(run.child.pid)};
    }
  }, 2);
  try {
    await until(() => seen !== undefined, 30_000, `${pattern} on the screen`);
    return seen;
  } finally {
    clearInterval(poll);
    run.child.kill('SIGKILL');
    await Promise.race([run.exited, sleep(2000)]);
  }
}

/** A bare Ink hello: React and Ink resolved from the project, as trendtui resolves them. */
function helloSource() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  return (
    `import React from ${JSON.stringify(require.resolve('react'))};\n` +
    `import {render, Text} from ${JSON.stringify(require.resolve('ink'))};\n` +
    `render(React.createElement(Text, null, 'hello from ink'));\nsetInterval(() => {}, 1000);\n`
  );
}

/** The hello as one bundle, built as trendtui is (production React, Ink inside). */
async function bundledHello(source) {
  const out = path.join(dir, 'bundled');
  await build({
    input: source,
    platform: 'node',
    external: ['react-devtools-core'],
    transform: {define: {'process.env.NODE_ENV': '"production"'}},
    logLevel: 'silent',
    output: {dir: out, format: 'esm', entryFileNames: 'hello.mjs'},
  });
  return path.join(out, 'hello.mjs');
}

const best = (list) => Math.min(...list);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const wall = (list) => list.map((run) => run.wall);
const cpu = (list) => list.map((run) => run.cpu);
const all = (list) => list.map((ms) => ms.toFixed(0)).join(' ');

/** trendtui's runs against a reference's: best and median wall, best and median CPU. */
function compare(trendtui, reference, name) {
  const pair = (of, what) =>
    `${what}: trendtui ${of(trendtui).toFixed(0)} ms, ${name} ${of(reference).toFixed(0)} ms → ` +
    `${(of(trendtui) / of(reference)).toFixed(2)}×`;
  return [
    pair((runs) => median(wall(runs)), 'median wall'),
    `${pair((runs) => best(cpu(runs)), 'CPU used by the first frame, best')}; ` +
      `${pair((runs) => median(cpu(runs)), 'median')}`,
  ];
}

try {
  const hello = path.join(dir, 'ink-hello.mjs');
  writeFileSync(hello, helloSource());
  const helloBundle = await bundledHello(hello);
  const ink = [];
  const inkBundled = [];
  const trendtui = [];
  for (let run = 0; run < RUNS; run++) {
    ink.push(
      await timeToScreen(process.execPath, [hello], /hello from ink/, {NODE_ENV: 'production'}),
    );
    inkBundled.push(await timeToScreen(process.execPath, [helloBundle], /hello from ink/));
    trendtui.push(
      await timeToScreen(process.execPath, [BIN, '--source', 'demo', '--seed', '42'], /trendtui/),
    );
  }
  const ratio = best(wall(trendtui)) / best(wall(ink));
  console.log(
    `first frame: trendtui ${best(wall(trendtui)).toFixed(0)} ms, bare Ink hello ` +
      `${best(wall(ink)).toFixed(0)} ms (best of ${RUNS} each, 80×24 pty) → ${ratio.toFixed(2)}× ` +
      `(goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'ok' : 'MISS'})`,
  );
  for (const line of compare(trendtui, ink, 'Ink')) console.log(`  ${line}`);
  const own = best(wall(trendtui)) / best(wall(inkBundled));
  console.log(
    `against the hello bundled as trendtui is (what trendtui itself adds): ` +
      `${best(wall(inkBundled)).toFixed(0)} ms best wall → ${own.toFixed(2)}×`,
  );
  for (const line of compare(trendtui, inkBundled, 'bundled hello')) console.log(`  ${line}`);
  console.log(
    `  all runs, wall ms: trendtui ${all(wall(trendtui))}; Ink ${all(wall(ink))}; ` +
      `bundled hello ${all(wall(inkBundled))}; CPU ms: trendtui ${all(cpu(trendtui))}; ` +
      `Ink ${all(cpu(ink))}; bundled hello ${all(cpu(inkBundled))}`,
  );
} finally {
  rmSync(dir, {recursive: true, force: true});
}
