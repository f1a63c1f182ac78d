// Regenerates the dashboard picture in README.md from a real run: the built binary in an 80×24
// pseudo-terminal, read back from a terminal emulator's screen buffer and written as a text
// block between the capture markers. `npm run capture`.
//
// The same every time: the input is the demo stream's first posts (seed 42, five a second from a
// fixed start), written to a file and replayed, so every count comes from the posts' own times,
// not from when they happened to arrive; the time zone is UTC; and the picture is taken once the
// replay has ended and its burst has left the posts/s chart, so no wall-clock time is on screen.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {quit, sleep} from './pty-terminal.js';
import {terminalEnv} from './terminal-env.js';
// The demo source's seeded generator and the wire format (the build comes first: `npm run capture`).
import {createDemoGenerator} from '../dist/ingest/sources/demo.js';
import {encodePost} from '../dist/core/protocol.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'bin.js');
const README = path.join(ROOT, 'README.md');
const START = '<!-- capture:start -->';
const END = '<!-- capture:end -->';
const COLUMNS = 80;
const ROWS = 24;
const QUERY = 'stan lee';
const SEED = 42;
// 20 s of posts at 5/s fill one window. At most 100 posts a second are listed in the post pane,
// and a replay at full speed arrives within a second or two: with 100 posts, all are listed
// whatever the timing.
const POSTS = 100;
const POST_EVERY_MS = 200;
const START_MS = Date.UTC(2026, 10, 26, 12, 0, 0);
const ARCHIVE = 'stan-lee-demo.jsonl';
// The posts/s chart spans 1 minute at a 20 s window: wait that long after the end.
const RATE_SPAN_MS = 60_000;
const ARGS = ['--replay', ARCHIVE, '--speed', 'max', QUERY];

const readme = readFileSync(README, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from === -1 || to === -1 || to < from) {
  console.error(`capture-readme: README.md needs ${START} followed by ${END}`);
  process.exit(1);
}

const config = mkdtempSync(path.join(tmpdir(), 'trendtui-capture-'));
const generator = createDemoGenerator([QUERY], SEED);
writeFileSync(
  path.join(config, ARCHIVE),
  Array.from({length: POSTS}, (_, i) => {
    const at = START_MS + i * POST_EVERY_MS;
    return encodePost(generator.post(i, (at - START_MS) / 1000, at));
  }).join(''),
);
const term = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
const child = pty.spawn(process.execPath, [BIN, ...ARGS], {
  name: 'xterm-256color',
  cols: COLUMNS,
  rows: ROWS,
  // The archive's name is on screen ("replay of … ended"): run where it is, by that name.
  cwd: config,
  env: terminalEnv(config, {TZ: 'UTC'}),
});
child.onData((data) => term.write(data));
const exited = new Promise((resolve) => child.onExit(resolve));

const screen = () => {
  const buffer = term.buffer.active;
  return Array.from({length: ROWS}, (_, y) =>
    (buffer.getLine(y)?.translateToString(true) ?? '').trimEnd(),
  );
};
const settled = () => !term.modes.synchronizedOutputMode;
const header = () => screen()[0] ?? '';

async function until(test, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(settled() && test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

try {
  await until(() => /\bended\b/.test(header()), 60_000, 'the end of the replay');
  // The burst of arrivals leaves the posts/s chart (which is by arrival time), then one more
  // snapshot tick.
  await sleep(RATE_SPAN_MS + 1500);
  await until(() => true, 2000, 'a settled frame');
  const lines = screen();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const block = ['```text', ...lines, '```'].join('\n');
  writeFileSync(
    README,
    readme.slice(0, from + START.length) + '\n' + block + '\n' + readme.slice(to),
  );
  console.log(block);
} finally {
  await quit(child, exited);
  rmSync(config, {recursive: true, force: true});
}
