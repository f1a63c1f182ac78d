// The dashboard draws text that is new every frame (posts, rates, the clock) for hours on end,
// so its memory must not grow with the number of distinct lines it has drawn. Ink 6 measures
// every line it lays out through one module-level cache that never forgets (see
// source/ui/ink-text-caches.ts); loading the dashboard's renderer must bound it.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ensureBuilt} from '../e2e/build.js';
import {isolated, terminalTests, waitUntil} from '../e2e/terminal-tests.js';
import {ROOT} from '../helpers/terminal.js';

const terminals = terminalTests();

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
  return Number(runScript(script).trim());
}

/** Runs an ES module script in a fresh process with the collector exposed; its stdout. */
function runScript(script: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {...process.env, NODE_ENV: 'production', ...env},
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("Ink's text cache under the dashboard", () => {
  it('does not grow with the number of distinct lines drawn', () => {
    ensureBuilt();
    // 40,000 lines of 1 KB kept would be over 40 MB; the bounded cache holds at most 4,096.
    const grew = heapGrowthMb(40_000);
    expect(grew).toBeLessThan(8);
  });

  it('draws every frame as Ink alone does while frames share what they measured', () => {
    ensureBuilt();
    // Frames that keep some lines, change others, move styled text across them, draw wide
    // characters and clip boxes: the same text whether or not the dashboard's renderer took over the caches.
    const frames = (bound: boolean) =>
      runScript(
        `
        ${bound ? `await import(${JSON.stringify(`${ROOT}/dist/ui/mount-app.js`)});` : ''}
        const React = (await import('react')).default;
        const {Box, Text, renderToString} = await import('ink');
        const h = React.createElement;
        const out = [];
        for (let i = 0; i < 60; i++) {
          const rows = [];
          for (let row = 0; row < 12; row++) {
            const moving = (i + row) % 5 === 0;
            rows.push(h(Text, {key: row, color: moving ? 'green' : undefined, bold: row % 3 === 0},
              row < 6 ? 'kept line ' + row : 'post ' + (i * 7 + row) + (moving ? ' 漢字 🎉' : '')));
          }
          // A box cut to its height (clipped rows), and every tenth frame one cut to its width.
          const cut = h(Box, {key: 'cut', height: 2, overflowY: 'hidden', flexDirection: 'column'},
            h(Text, null, 'cut ' + i), h(Text, {color: 'red'}, 'shown ' + i), h(Text, null, 'never shown'));
          const narrow = i % 10 === 0
            ? [h(Box, {key: 'narrow', width: 6, overflow: 'hidden'}, h(Text, {wrap: 'truncate'}, 'clipped at six ' + i))]
            : [];
          out.push(renderToString(h(Box, {flexDirection: 'column', width: 40}, rows, cut, ...narrow), {columns: 40}));
        }
        console.log(JSON.stringify(out));
      `,
        {FORCE_COLOR: '1'},
      );
    const plain = frames(false);
    expect(JSON.parse(plain)).toHaveLength(60);
    expect(plain).toContain('\\u001b[32m'); // the styles are in the comparison
    expect(frames(true)).toBe(plain);
  });
});

// The program a user runs is one bundled file with Ink inside it: the cache it caps must be that
// of the Ink it draws with, not of a second copy loaded beside it, which would stay empty.
it('are capped in the built dashboard, on the Ink it draws with', async () => {
  const perf = path.join(mkdtempSync(path.join(tmpdir(), 'trendtui-perf-')), 'perf.json');
  const run = terminals.trendtui(
    ['--source', 'demo', '--seed', '42', '--rate', '50'],
    isolated(80, 24, {TRENDTUI_PERF_FILE: perf, TRENDTUI_PERF_WARMUP_MS: '0'}),
  );
  await run.waitFor('trendtui');
  // The recorder writes once a second; the field is there once the cache is capped.
  const entries = () =>
    existsSync(perf)
      ? ((JSON.parse(readFileSync(perf, 'utf8')) as {inkTextCacheEntries?: number})
          .inkTextCacheEntries ?? 0)
      : 0;
  await waitUntil(() => entries() > 0, 10_000);
});
