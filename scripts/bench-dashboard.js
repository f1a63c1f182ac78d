// The dashboard in a pseudo-terminal, read by a terminal emulator as a user's terminal would
// (its first frame is timed by bench-startup.js).
//
// Under load: the real binary on the demo source at 2,000 posts/s for 60 s. Reports the UI
// process's CPU, peak RSS and event-loop delay p99 and the ingest child's CPU, each against its
// goal and against a bare Node process measured alongside it with the same instruments, and its
// peak RSS against a bare Ink "hello" idle alongside it (the memory floor Ink itself sets).
//
//   BENCH_DASHBOARD_SECONDS=N   length of the load run (default 60)
//   BENCH_DASHBOARD_RATE=N      demo posts per second (default 2000)
//
// `--open-trend` runs it twice, first as above, then with the third trend opened (Tab, ↓↓↓,
// Enter) before measuring, and reports the second run's CPU and RSS as ratios to the first's.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inTerminal as inPty, quit, sleep, until} from './pty-terminal.js';
import {terminalEnv} from './terminal-env.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'bin.js');
const SECONDS = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_DASHBOARD_RATE ?? 2000);
const WARMUP_MS = 3000;
const GOALS = {cpu: 12, rssMb: 100, p99Ms: 20};
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;

const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-bench-'));
const env = terminalEnv(dir, {TRENDTUI_PERF_WARMUP_MS: String(WARMUP_MS)});

/** Starts a program in an 80×24 pty whose output feeds a headless terminal. */
function inTerminal(file, args, extraEnv) {
  return inPty(file, args, {...env, ...extraEnv}, ROOT);
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) {
        out.push(Number(entry));
      }
    } catch {
      // gone
    }
  }
  return out;
}

const OPEN_TREND = process.argv.includes('--open-trend');

// The floor Ink itself sets: React and Ink drawing one line, idle (resolved from the project, as
// trendtui resolves them, with React's production build as the dashboard picks it).
const INK_HELLO = path.join(dir, 'ink-hello.mjs');
writeFileSync(
  INK_HELLO,
  `const {createRequire} = await import('node:module');\n` +
    `const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});\n` +
    `const React = (await import(require.resolve('react'))).default;\n` +
    `const {render, Text} = await import(require.resolve('ink'));\n` +
    `render(React.createElement(Text, null, 'hello from ink'));\nsetInterval(() => {}, 1000);\n`,
);

/** One measured run; `openTrend`: open the third trend before measuring. */
async function measure(openTrend, label) {
  const uiPerf = path.join(dir, `ui-${label}.json`);
  const basePerf = path.join(dir, `baseline-${label}.json`);

  const ui = inTerminal(
    process.execPath,
    [BIN, '--source', 'demo', '--seed', '42', '--rate', String(RATE), 'stan lee'],
    {TRENDTUI_PERF_FILE: uiPerf},
  );
  // The baseline: a bare Node process in the same kind of terminal, idle, with the same
  // recorder (event-loop histogram, CPU and memory readings) and the same warm-up.
  const recorder = path.join(ROOT, 'dist', 'cli', 'perf-recorder.js');
  const baseline = inTerminal(process.execPath, [
    '--input-type=module',
    '-e',
    `const {startPerfRecorder} = await import(${JSON.stringify(recorder)});
     startPerfRecorder(${JSON.stringify(basePerf)}, {postsReceived: () => 0, inkTextCacheEntries: () => undefined}, ${WARMUP_MS});
     setInterval(() => {}, 1000);`,
  ]);

  const inkHello = inTerminal(process.execPath, [INK_HELLO], {NODE_ENV: 'production'});

  try {
    await until(() => /\b10 #/.test(ui.screen()), 30_000, 'the first ten bars');
    await until(() => childrenOf(ui.child.pid).length > 0, 5000, 'the ingest child');
    if (openTrend) {
      for (const key of ['\t', '\u001b[B', '\u001b[B', '\u001b[B', '\r']) {
        ui.child.write(key);
        await sleep(200);
      }
      await until(() => ui.screen().includes('Posts with #'), 10_000, 'the opened trend');
    }
    const childPid = childrenOf(ui.child.pid)[0];
    await sleep(WARMUP_MS);
    const pids = {
      ui: ui.child.pid,
      child: childPid,
      baseline: baseline.child.pid,
      inkHello: inkHello.child.pid,
    };
    const start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuTicks(pid)]));
    const startedAt = performance.now();
    const startPosts = JSON.parse(readFileSync(uiPerf, 'utf8')).postsReceived;
    const peak = {ui: 0, baseline: 0, inkHello: 0};
    const trace = [];
    while (performance.now() - startedAt < SECONDS * 1000) {
      await sleep(500);
      trace.push(rssBytes(pids.ui));
      peak.ui = Math.max(peak.ui, rssBytes(pids.ui));
      peak.baseline = Math.max(peak.baseline, rssBytes(pids.baseline));
      peak.inkHello = Math.max(peak.inkHello, rssBytes(pids.inkHello));
    }
    const elapsed = (performance.now() - startedAt) / 1000;
    const cpu = Object.fromEntries(
      Object.entries(pids).map(([k, pid]) => [
        k,
        ((cpuTicks(pid) - start[k]) / TICKS / elapsed) * 100,
      ]),
    );
    await sleep(1100); // let both recorders write their latest second
    const uiStats = JSON.parse(readFileSync(uiPerf, 'utf8'));
    const baseStats = JSON.parse(readFileSync(basePerf, 'utf8'));
    const posts = uiStats.postsReceived - startPosts;
    // An open trend at 80×24 takes the bars' rows: then its own view must still be drawn.
    const stillDrawing = openTrend
      ? ui.screen().includes('Posts with #') && / in window · /.test(ui.screen())
      : /\b10 #/.test(ui.screen());

    const mb = (bytes) => bytes / 1024 / 1024;
    const row = (label, value, unit, goal, base) =>
      console.log(
        `${label.padEnd(22)} ${value.toFixed(1).padStart(7)} ${unit.padEnd(7)}` +
          (goal === undefined
            ? ' '.repeat(26)
            : ` goal ≤ ${goal} ${unit}: ${(value / goal).toFixed(2)}× ${value <= goal ? 'ok  ' : 'MISS'}`.padEnd(
                27,
              )) +
          ` bare node ${base.toFixed(1)} ${unit} → ${(value / Math.max(base, 0.01)).toFixed(1)}×`,
      );
    console.log(
      `${openTrend ? 'trend open: ' : ''}demo at ${RATE} posts/s for ${elapsed.toFixed(0)} s, 80×24 pty, after ${WARMUP_MS / 1000} s warm-up; ` +
        `${posts} posts reached the UI (${(posts / elapsed).toFixed(0)}/s)`,
    );
    row('UI CPU', cpu.ui, '% core', GOALS.cpu, cpu.baseline);
    row('UI RSS peak', mb(peak.ui), 'MB', GOALS.rssMb, mb(peak.baseline));
    row(
      'UI event-loop p99',
      uiStats.eventLoopDelayP99Ms,
      'ms',
      GOALS.p99Ms,
      baseStats.eventLoopDelayP99Ms,
    );
    row('ingest child CPU', cpu.child, '% core', undefined, cpu.baseline);
    console.log(
      `bare Ink "hello" idle: RSS peak ${mb(peak.inkHello).toFixed(1)} MB, CPU ${cpu.inkHello.toFixed(1)} % core ` +
        `→ UI RSS ${(peak.ui / peak.inkHello).toFixed(2)}× the Ink floor`,
    );
    console.log(
      `UI event-loop delay p50 ${uiStats.eventLoopDelayP50Ms.toFixed(1)} ms, max ${uiStats.eventLoopDelayMaxMs.toFixed(1)} ms; ` +
        `UI heap used ${mb(uiStats.heapUsedBytes).toFixed(1)} of ${mb(uiStats.heapTotalBytes).toFixed(1)} MB, ` +
        `external ${mb(uiStats.externalBytes).toFixed(1)} MB (array buffers ${mb(uiStats.arrayBuffersBytes).toFixed(1)}); ` +
        `dashboard still drawing ${openTrend ? 'the open trend' : 'ten bars'} at the end: ${stillDrawing ? 'yes' : 'NO'}`,
    );
    if (process.env.BENCH_DASHBOARD_TRACE) {
      console.log('UI RSS every 0.5 s (MB):', trace.map((b) => mb(b).toFixed(0)).join(' '));
    }
    if (!stillDrawing) process.exitCode = 1;
    return {cpu: cpu.ui, rss: peak.ui, p99: uiStats.eventLoopDelayP99Ms, posts: posts / elapsed};
  } finally {
    await quit(ui.child, ui.exited);
    baseline.child.kill('SIGKILL');
    inkHello.child.kill('SIGKILL');
    await Promise.race([Promise.all([baseline.exited, inkHello.exited]), sleep(2000)]);
  }
}

try {
  if (SECONDS > 0) {
    const closed = await measure(false, 'closed');
    if (OPEN_TREND) {
      const open = await measure(true, 'open');
      const ratio = (a, b) => (a / Math.max(b, 1e-9)).toFixed(2);
      console.log(
        `trend open vs none, same machine, one after the other: UI CPU ${ratio(open.cpu, closed.cpu)}×, ` +
          `UI RSS peak ${ratio(open.rss, closed.rss)}×, event-loop p99 ${ratio(open.p99, closed.p99)}× ` +
          `(${open.posts.toFixed(0)} vs ${closed.posts.toFixed(0)} posts/s reached the UI)`,
      );
    }
  }
} finally {
  rmSync(dir, {recursive: true, force: true});
}
