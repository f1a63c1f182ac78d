// The dashboard's first frame: time from spawning `trendtui --source demo` in an 80×24
// pseudo-terminal until its header is on the screen, against a bare Ink "hello" (React + Ink
// loaded, one <Text> rendered) until its text is on the screen, in the same kind of terminal.
// Runs alternate (Ink, trendtui, Ink, …) and the best of each counts, since the machine is
// shared and noisy. Goal: ≤ 1.15×. The CPU time each process had used when its text appeared is
// printed too: on a loaded machine it is the steadier figure (trendtui's ingest child is
// spawned only after the first frame, so the process on the screen is the whole cost).
//
//   BENCH_STARTUP_RUNS=N   runs of each (default 7)
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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

try {
  // React and Ink resolved from the project, as trendtui resolves them.
  const hello = path.join(dir, 'ink-hello.mjs');
  writeFileSync(
    hello,
    `const {createRequire} = await import('node:module');\n` +
      `const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});\n` +
      `const React = (await import(require.resolve('react'))).default;\n` +
      `const {render, Text} = await import(require.resolve('ink'));\n` +
      `render(React.createElement(Text, null, 'hello from ink'));\nsetInterval(() => {}, 1000);\n`,
  );
  const ink = [];
  const trendtui = [];
  for (let run = 0; run < RUNS; run++) {
    ink.push(
      await timeToScreen(process.execPath, [hello], /hello from ink/, {NODE_ENV: 'production'}),
    );
    trendtui.push(
      await timeToScreen(process.execPath, [BIN, '--source', 'demo', '--seed', '42'], /trendtui/),
    );
  }
  const wall = (list) => list.map((run) => run.wall);
  const cpu = (list) => list.map((run) => run.cpu);
  const best = (list) => Math.min(...list);
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const ratio = best(wall(trendtui)) / best(wall(ink));
  const all = (list) => list.map((ms) => ms.toFixed(0)).join(' ');
  const pair = (of, name) =>
    `${name}: trendtui ${of(trendtui).toFixed(0)} ms, Ink ${of(ink).toFixed(0)} ms → ` +
    `${(of(trendtui) / of(ink)).toFixed(2)}×`;
  console.log(
    `first frame: trendtui ${best(wall(trendtui)).toFixed(0)} ms, bare Ink hello ` +
      `${best(wall(ink)).toFixed(0)} ms (best of ${RUNS} each, 80×24 pty) → ${ratio.toFixed(2)}× ` +
      `(goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'ok' : 'MISS'})`,
  );
  console.log(`  ${pair((runs) => median(wall(runs)), 'median wall')}`);
  console.log(
    `  ${pair((runs) => best(cpu(runs)), 'CPU used by the first frame, best')}; ` +
      `${pair((runs) => median(cpu(runs)), 'median')}`,
  );
  console.log(
    `  all runs, wall ms: trendtui ${all(wall(trendtui))}; Ink ${all(wall(ink))}; ` +
      `CPU ms: trendtui ${all(cpu(trendtui))}; Ink ${all(cpu(ink))}`,
  );
} finally {
  rmSync(dir, {recursive: true, force: true});
}
