// The young-generation cap, in a fresh Node process each (a heap of its own, as the dashboard
// has): under a steady stream of short-lived objects, some of which outlive a collection, V8
// grows the new space on its own; with the cap it stays at two semi-spaces of the size asked.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const MODULE = fileURLToPath(new URL('../../dist/cli/young-generation.js', import.meta.url));
if (!existsSync(MODULE)) throw new Error('dist/ is missing: run `npm run build` first');

const MB = 1024 * 1024;

/** Largest new-space size (both semi-spaces, committed) seen while allocating, in bytes. */
function largestYoungGeneration(capSemiSpaceBytes: number | undefined): number {
  const script = `
    const {getHeapSpaceStatistics} = await import('node:v8');
    const {capYoungGeneration} = await import(${JSON.stringify(MODULE)});
    const cap = ${capSemiSpaceBytes ?? 'undefined'};
    const capped = cap === undefined ? undefined : capYoungGeneration(cap);
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    let largest = 0;
    const kept = [];
    // Turns of the event loop between bursts, as the dashboard's posts and frames arrive.
    for (let turn = 0; turn < 400; turn++) {
      for (let i = 0; i < 20000; i++) {
        const post = {id: String(turn * 20000 + i), tags: ['a' + i, 'b' + i]};
        if (i % 20 === 0) kept.push(post);
      }
      if (kept.length > 50000) kept.length = 0;
      largest = Math.max(largest, young());
      await new Promise((resolve) => setImmediate(resolve));
    }
    capped?.stop();
    process.stdout.write(String(largest));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString());
}

describe('capYoungGeneration', () => {
  it('keeps the new space at two semi-spaces of the size asked, where V8 alone grows it', () => {
    const free = largestYoungGeneration(undefined);
    const capped = largestYoungGeneration(2 * MB);
    expect(free).toBeGreaterThan(8 * MB);
    expect(capped).toBeLessThanOrEqual(4 * MB);
  });
});
