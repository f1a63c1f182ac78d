// Soak: the real dashboard on the demo source at 2,000 posts/s in a 120×40 pseudo-terminal for
// N minutes (default 30), its resident memory sampled every 30 s. Prints every sample and the
// least-squares slope in MB/min over the samples after a five-minute warm-up: a dashboard whose
// memory is flat shows a slope near zero; a leak shows as a steady positive slope. The warm-up
// covers the history the dashboard holds filling up (the window and its baseline span: 230 s
// with the default 20 s window), during which memory is meant to grow.
//
//   node scripts/soak-dashboard.js [MINUTES]     (or: node scripts/bench.js soak)
//
// Mostly idle for the machine (one UI process and its ingest child), but long: not part of the
// default benchmark run.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {quit, sleep} from './pty-terminal.js';
import {terminalEnv} from './terminal-env.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'bin.js');
const MINUTES = Number(process.argv[2] ?? process.env.SOAK_MINUTES ?? 30);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 30);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 2000);
const COLS = 120;
const ROWS = 40;

const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-soak-'));
const env = terminalEnv(dir);

const term = new xterm.Terminal({cols: COLS, rows: ROWS, allowProposedApi: true});
const ui = pty.spawn(
  process.execPath,
  [BIN, '--source', 'demo', '--seed', '42', '--rate', String(RATE), 'stan lee'],
  {cols: COLS, rows: ROWS, cwd: ROOT, env},
);
ui.onData((data) => term.write(data));
const exited = new Promise((resolve) => ui.onExit(resolve));
let gone = false;
void exited.then(() => (gone = true));

const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const screen = () => {
  const buffer = term.buffer.active;
  return Array.from({length: ROWS}, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
};

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

const samples = [];
try {
  const deadline = Date.now() + 30_000;
  while (!screen().some((line) => /\b10 #/.test(line))) {
    if (gone || Date.now() > deadline) throw new Error('the dashboard never showed ten bars');
    await sleep(200);
  }
  console.log(
    `demo at ${RATE} posts/s, ${COLS}×${ROWS} pty, ${MINUTES} min, RSS every ${SAMPLE_S} s; ` +
      `slope over samples after ${WARMUP_S} s`,
  );
  const startedAt = Date.now();
  for (;;) {
    const minutes = (Date.now() - startedAt) / 60_000;
    if (gone) throw new Error('the dashboard exited during the soak');
    const mb = rssMb(ui.pid);
    samples.push([minutes, mb]);
    console.log(`${minutes.toFixed(1).padStart(6)} min  ${mb.toFixed(1).padStart(7)} MB`);
    if (minutes >= MINUTES) break;
    await sleep(SAMPLE_S * 1000);
  }
  const settled = samples.filter(([minutes]) => minutes * 60 >= WARMUP_S);
  if (settled.length >= 2) {
    const values = settled.map(([, mb]) => mb);
    console.log(
      `RSS slope ${slope(settled).toFixed(3)} MB/min over ${settled.length} samples ` +
        `(min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)} MB)`,
    );
  } else {
    console.log('too short for a slope: run for more than the warm-up');
  }
  if (!screen().some((line) => /\b10 #/.test(line))) {
    console.log('the dashboard no longer shows ten bars');
    process.exitCode = 1;
  }
} finally {
  await quit(ui, exited);
  rmSync(dir, {recursive: true, force: true});
}
