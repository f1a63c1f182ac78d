// Batch replay throughput: `trendtui --replay FILE --speed max --window 60s --slide 10s
// --top 0 --pipe > /dev/null` over a generated 1,000,000-post X v2 archive (about 1 GB, made
// once in bench-data/), against the hand-written floor (scripts/replay-floor.js: read lines,
// JSON.parse, count tags per slide in a Map) over the same file in the same run. Runs
// alternate (floor, trendtui, floor, trendtui) and the best of each counts, since the machine
// is shared and noisy. trendtui runs twice over: as users get it (parse workers by the cores
// the machine has, plus the main thread) and with one parse thread (TRENDTUI_PARSE_WORKERS=0:
// the main thread parses everything). Prints posts/s, CPU seconds and peak RSS of each, and
// the ratios to the single-thread floor. Goals: >= 3.0x on 2 cores, >= 1.5x with one parse
// thread, peak RSS <= 200 MB; stretch 5x.
//
//   BENCH_REPLAY_POSTS=N   archive size (default 1,000,000; a file per size is kept)
//   BENCH_REPLAY_RUNS=N    runs of each (default 2)
//   BENCH_REPLAY_WORKERS=a,b,...  also time trendtui with TRENDTUI_PARSE_WORKERS set to each
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, openSync, closeSync, readFileSync, statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const posts = Number(process.env.BENCH_REPLAY_POSTS ?? 1_000_000);
const runs = Number(process.env.BENCH_REPLAY_RUNS ?? 2);
const workerVariants = (process.env.BENCH_REPLAY_WORKERS ?? '')
  .split(',')
  .filter((value) => value !== '');
const archive = path.join(root, 'bench-data', `replay-${posts}.jsonl`);

if (!existsSync(archive)) {
  mkdirSync(path.dirname(archive), {recursive: true});
  console.log(`generating ${archive} (${posts} posts, once)…`);
  const made = spawnSync(
    process.execPath,
    [path.join(root, 'scripts/generate-archive.js'), archive, '--posts', String(posts)],
    {stdio: 'inherit'},
  );
  if (made.status !== 0) process.exit(1);
}
const megabytes = statSync(archive).size / 1e6;

/** Ticks per second of /proc/<pid>/stat times; 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/**
 * Runs a command with stdout to /dev/null; wall time, CPU time and peak RSS (VmHWM, polled
 * from /proc until exit; it only ever grows, so the last reading is the peak give or take a
 * poll interval).
 */
function measure(args, env = {}) {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {...process.env, ...env},
      stdio: ['ignore', devNull, 'pipe'],
    });
    closeSync(devNull);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process has just exited.
      }
    };
    const timer = setInterval(poll, 10);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.trim()}`));
        return;
      }
      resolve({seconds, cpuSeconds: cpuTicks / CLOCK_TICKS, peakMb: peakKb / 1024, stderr});
    });
  });
}

const floorArgs = [path.join(root, 'scripts/replay-floor.js'), archive, '10000'];
const trendtuiArgs = [
  path.join(root, 'dist/bin.js'),
  '--replay',
  archive,
  '--speed',
  'max',
  '--window',
  '60s',
  '--slide',
  '10s',
  '--top',
  '0',
  '--pipe',
];

const best = (results) => results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const line = (name, result) =>
  `${name.padEnd(24)} ${Math.round(posts / result.seconds)
    .toLocaleString('en')
    .padStart(9)} posts/s  ${(megabytes / result.seconds).toFixed(0).padStart(4)} MB/s  ` +
  `${result.seconds.toFixed(2)} s wall  ${result.cpuSeconds.toFixed(2)} s cpu  ` +
  `peak RSS ${result.peakMb.toFixed(0)} MB`;

const floorRuns = [];
const trendtuiRuns = [];
const oneThreadRuns = [];
for (let run = 0; run < runs; run++) {
  floorRuns.push(await measure(floorArgs));
  trendtuiRuns.push(await measure(trendtuiArgs));
  oneThreadRuns.push(await measure(trendtuiArgs, {TRENDTUI_PARSE_WORKERS: '0'}));
}
const floor = best(floorRuns);
const trendtui = best(trendtuiRuns);
const oneThread = best(oneThreadRuns);
console.log(
  `archive: ${posts.toLocaleString('en')} posts, ${megabytes.toFixed(0)} MB; ` +
    `${availableParallelism()} cores available (shared with whatever else runs)`,
);
console.log(line('floor (JSON.parse loop)', floor));
console.log(line('trendtui --speed max', trendtui));
console.log(line('  one parse thread', oneThread));
for (const workers of workerVariants) {
  const variant = best(
    await Promise.all([measure(trendtuiArgs, {TRENDTUI_PARSE_WORKERS: workers})]),
  );
  console.log(line(`  with ${workers} parse workers`, variant));
}
const ratio = floor.seconds / trendtui.seconds;
const oneThreadRatio = floor.seconds / oneThread.seconds;
console.log(
  `ratio to the floor by wall time: ${ratio.toFixed(2)}x (goal >= 3.0x on 2 cores, stretch 5x); ` +
    `one parse thread ${oneThreadRatio.toFixed(2)}x (goal >= 1.5x); ` +
    `peak RSS ${trendtui.peakMb.toFixed(0)} MB, one thread ${oneThread.peakMb.toFixed(0)} MB ` +
    `(goal <= 200 MB)`,
);
// On a machine shared with other work, wall time measures the share of the cores each run got
// as much as the program; CPU time per post shows the work done, whatever the load.
console.log(
  `CPU per post: floor ${((floor.cpuSeconds / posts) * 1e6).toFixed(1)} µs, ` +
    `trendtui ${((trendtui.cpuSeconds / posts) * 1e6).toFixed(1)} µs ` +
    `(${(floor.cpuSeconds / trendtui.cpuSeconds).toFixed(2)}x the floor's efficiency), ` +
    `one parse thread ${((oneThread.cpuSeconds / posts) * 1e6).toFixed(1)} µs ` +
    `(${(floor.cpuSeconds / oneThread.cpuSeconds).toFixed(2)}x)`,
);
