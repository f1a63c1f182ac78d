// Runs every scripts/bench-*.js in its own process (a fresh heap each, so memory figures are
// not polluted by the previous benchmark) and lets each print its own numbers.
import {readdirSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
// Soaks (`soak-*.js`) take half an hour each: they run only when named (`bench.js soak`).
const benches = readdirSync(here)
  .filter(
    (name) =>
      /^bench-.+\.js$/.test(name) ||
      (/^soak-.+\.js$/.test(name) && only.some((word) => word.startsWith('soak'))),
  )
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name.replace(/^bench-|\.js$/g, '')}`);
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(here, name)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
