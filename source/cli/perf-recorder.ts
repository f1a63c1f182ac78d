// Writes the dashboard's own cost (CPU, memory, event-loop delay) to a JSON file once a second,
// for the benchmark that drives the real binary in a terminal (env TRENDTUI_PERF_FILE).
import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {getHeapSpaceStatistics} from 'node:v8';

export type PerfStats = {
  pid: number;
  /** Since the recorder started. */
  elapsedMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBytes: number;
  maxRssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Memory outside the JS heap: buffers and WebAssembly (Ink's layout engine). */
  externalBytes: number;
  /** Of `externalBytes`, what typed arrays and buffers hold. */
  arrayBuffersBytes: number;
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  postsReceived: number;
  /** Entries in Ink's capped text-size cache (see ui/ink-text-caches.ts); absent until capped. */
  inkTextCacheEntries: number | undefined;
  /** Each V8 heap space's committed and used size (new, old, code, large object...). */
  heapSpaces: Record<string, {committedBytes: number; usedBytes: number}>;
};

/** What the recorder reads from the dashboard at each write. */
export type PerfProbes = {
  postsReceived: () => number;
  inkTextCacheEntries: () => number | undefined;
};

export type PerfRecorder = {stop(): void};

/**
 * Starts writing `file`. Figures cover the time after `warmupMs` (start-up work, module loading
 * and the first connection, would otherwise dominate the tail). The delay histogram samples
 * every millisecond, so a figure includes at most 1 ms of sampling interval.
 */
export function startPerfRecorder(file: string, probes: PerfProbes, warmupMs = 3000): PerfRecorder {
  const delay = monitorEventLoopDelay({resolution: 1});
  delay.enable();
  let started = performance.now();
  let cpuStart = process.cpuUsage();
  let maxRss = 0;
  const warmup = setTimeout(() => {
    delay.reset();
    started = performance.now();
    cpuStart = process.cpuUsage();
  }, warmupMs);
  warmup.unref();
  const write = () => {
    const cpu = process.cpuUsage(cpuStart);
    const memory = process.memoryUsage();
    maxRss = Math.max(maxRss, memory.rss);
    const stats: PerfStats = {
      pid: process.pid,
      elapsedMs: performance.now() - started,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      rssBytes: memory.rss,
      maxRssBytes: maxRss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
      eventLoopDelayP50Ms: delay.percentile(50) / 1e6,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: delay.max / 1e6,
      postsReceived: probes.postsReceived(),
      inkTextCacheEntries: probes.inkTextCacheEntries(),
      heapSpaces: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [
          space.space_name,
          {committedBytes: space.space_size, usedBytes: space.space_used_size},
        ]),
      ),
    };
    try {
      writeFileSync(file, JSON.stringify(stats) + '\n');
    } catch {
      // Measuring must never break the dashboard.
    }
  };
  const timer = setInterval(write, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(warmup);
      write();
      delay.disable();
    },
  };
}
