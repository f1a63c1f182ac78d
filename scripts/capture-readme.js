// Regenerates the dashboard picture in README.md from a real run: the built binary on the demo
// stream (seed 42) in an 80×24 pseudo-terminal, read back from a terminal emulator's screen
// buffer and written as a text block between the capture markers. `npm run capture`.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'bin.js');
const README = path.join(ROOT, 'README.md');
const START = '<!-- capture:start -->';
const END = '<!-- capture:end -->';
const COLUMNS = 80;
const ROWS = 24;
// No --source: with no token trendtui falls back to the demo and shows how to go live.
const ARGS = ['--seed', '42', 'stan lee'];

const readme = readFileSync(README, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from === -1 || to === -1 || to < from) {
  console.error(`capture-readme: README.md needs ${START} followed by ${END}`);
  process.exit(1);
}

const config = mkdtempSync(path.join(tmpdir(), 'trendtui-capture-'));
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    // a user's token would switch the source away from the demo; CI changes how Ink draws
    ([key]) => !/TOKEN|^(CI|NO_COLOR|FORCE_COLOR|NODE_ENV)$/.test(key),
  ),
);
const term = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
const child = pty.spawn(process.execPath, [BIN, ...ARGS], {
  name: 'xterm-256color',
  cols: COLUMNS,
  rows: ROWS,
  cwd: ROOT,
  env: {...env, TERM: 'xterm-256color', CI: 'false', XDG_CONFIG_HOME: config},
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
const windowEnd = () => /Top hashtags · \S+ to (\S+)/.exec(screen().join('\n'))?.[1];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(settled() && test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

try {
  // The second window, so the bars carry rank changes as well as counts.
  await until(() => windowEnd() !== undefined, 30_000, 'the first window');
  const first = windowEnd();
  await until(
    () => windowEnd() !== first && /\b10 #/.test(screen().join('\n')),
    30_000,
    'the next slide',
  );
  await sleep(300); // a few more posts in the pane, then one settled frame
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
  child.write('q');
  await Promise.race([exited, sleep(5000)]);
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
  rmSync(config, {recursive: true, force: true});
}
