// A replay's progress in the dashboard's header: the share of the file played, rising.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {runTrendtui, type TerminalRun} from '../helpers/terminal.js';
import {writeTaggedArchive} from '../helpers/tagged-archive.js';
import {ensureBuilt} from './build.js';

// 60 s of posts, played at 10×: about six seconds.
const archive = writeTaggedArchive(600, 100, 3);

let terminal: TerminalRun | undefined;

beforeAll(() => {
  ensureBuilt();
});

afterEach(() => {
  terminal?.dispose();
  terminal = undefined;
});

const shownPercent = (screen: string) =>
  Number(/replay live (\d+)%/.exec(screen.split('\n')[0]!)?.[1] ?? Number.NaN);

it('shows in the header how far the replay has come, rising, then ended', async () => {
  terminal = runTrendtui(['--replay', archive, '--speed', '10'], {
    columns: 80,
    rows: 24,
    env: {XDG_CONFIG_HOME: mkdtempSync(path.join(tmpdir(), 'trendtui-e2e-'))},
  });
  const first = shownPercent(await terminal.waitFor((s) => shownPercent(s) >= 0, 20_000));
  const later = await terminal.waitFor((s) => shownPercent(s) > first, 20_000);
  expect(shownPercent(later)).toBeLessThanOrEqual(100);
  await terminal.waitFor((s) => /\bended\b/.test(s.split('\n')[0]!), 30_000);
}, 60_000);
