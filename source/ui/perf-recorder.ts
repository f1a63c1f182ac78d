// Writes the dashboard's own cost (CPU, memory, event-loop delay) to a JSON file once a second,
// for the benchmark that drives the real binary in a terminal (env TRENDTUI_PERF_FILE).
import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay} from 'node:perf_hooks';

export type PerfStats = {
  pid: number;
  /** Since the recorder started. */
  elapsedMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBytes: number;
  maxRssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  postsReceived: number;
};

export type PerfRecorder = {stop(): void};

export function startPerfRecorder(file: string, postsReceived: () => number): PerfRecorder {
  const delay = monitorEventLoopDelay({resolution: 10});
  delay.enable();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let maxRss = 0;
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
      eventLoopDelayP50Ms: delay.percentile(50) / 1e6,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: delay.max / 1e6,
      postsReceived: postsReceived(),
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
      write();
      delay.disable();
    },
  };
}
