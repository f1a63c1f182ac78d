// The old generation's growth limit, in a fresh Node process each (a heap of its own, as the
// dashboard has): with 100,000 records live and a stream of objects that live long enough to be promoted,
// V8 alone lets the old generation grow far past what is live; limited, it stays near it.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const MODULE = fileURLToPath(new URL('../../dist/cli/old-generation-growth.js', import.meta.url));
if (!existsSync(MODULE)) throw new Error('dist/ is missing: run `npm run build` first');

/** Largest old-space size (committed) seen while promoted objects come and go, in bytes. */
function largestOldGeneration(percent: number | undefined): number {
  const script = `
    const {getHeapSpaceStatistics} = await import('node:v8');
    const {limitOldGenerationGrowth} = await import(${JSON.stringify(MODULE)});
    const limit = ${percent ?? 'undefined'};
    const limited = limit === undefined ? undefined : limitOldGenerationGrowth(limit);
    const old = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size;
    // What stays: 100,000 small records.
    const live = Array.from({length: 100_000}, (_, i) => ({id: i, text: 'record ' + i + ' '.repeat(40)}));
    let largest = 0;
    let batch = [];
    for (let turn = 0; turn < 900; turn++) {
      // Records kept over a few turns of the event loop (promoted), then dropped.
      for (let i = 0; i < 5000; i++) batch.push({turn, text: 'gone ' + i + ' '.repeat(40)});
      if (turn % 4 === 3) batch = [];
      // After the first few full collections, which set V8's triggers from what is live.
      if (turn >= 300) largest = Math.max(largest, old());
      await new Promise((resolve) => setImmediate(resolve));
    }
    limited?.stop();
    // The live records are still held here, so they stayed live throughout.
    if (live.length !== 100_000) throw new Error('live records lost');
    process.stdout.write(String(largest));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString());
}

describe('limitOldGenerationGrowth', () => {
  it('keeps the old generation near its live size, where V8 alone lets it grow', () => {
    const free = largestOldGeneration(undefined);
    const limited = largestOldGeneration(20);
    expect(limited).toBeLessThan(free / 2);
  });
});
