// The dashboard draws text that is new every frame (posts, rates, the clock) for hours on end,
// so its memory must not grow with the number of distinct lines it has drawn. Ink 6 measures
// every line it lays out through one module-level cache that never forgets (see
// source/ui/ink-text-caches.ts); loading the dashboard's renderer must bound it.
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {ensureBuilt} from '../e2e/build.js';
import {ROOT} from '../helpers/terminal.js';

/**
 * In a fresh process with the collector exposed: loads the renderer as the dashboard does, then
 * has Ink measure `lines` distinct 1 KB lines (what its layout does for each new line on screen)
 * and prints how much the heap grew, in MB, once collected.
 */
function heapGrowthMb(lines: number): number {
  const script = `
    import {createRequire} from 'node:module';
    import {pathToFileURL} from 'node:url';
    await import(${JSON.stringify(`${ROOT}/dist/ui/mount-app.js`)});
    const entry = pathToFileURL(createRequire(${JSON.stringify(`${ROOT}/package.json`)}).resolve('ink'));
    const {default: measureText} = await import(new URL('measure-text.js', entry).href);
    const line = (i) => 'post ' + i + ' ' + 'x'.repeat(1000);
    for (let i = 0; i < 100; i++) measureText(line(-i));
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < ${lines}; i++) measureText(line(i));
    gc();
    console.log((process.memoryUsage().heapUsed - before) / 1048576);
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {...process.env, NODE_ENV: 'production'},
  });
  return Number(out.trim());
}

describe("Ink's text cache under the dashboard", () => {
  it('does not grow with the number of distinct lines drawn', () => {
    ensureBuilt();
    // 40,000 lines of 1 KB kept would be over 40 MB; the bounded cache holds at most 4,096.
    const grew = heapGrowthMb(40_000);
    expect(grew).toBeLessThan(8);
  });
});
