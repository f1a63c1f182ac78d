// A replay's progress in the dashboard's header: the share of the file played, rising.
import {expect, it} from 'vitest';
import {writeTaggedArchive} from '../helpers/archive.js';
import {isolated, terminalTests} from './terminal-tests.js';

// 60 s of posts, played at 10×: about six seconds.
const archive = writeTaggedArchive(600, 100, 3);

const terminals = terminalTests();

const shownPercent = (screen: string) =>
  Number(/replay live (\d+)%/.exec(screen.split('\n')[0]!)?.[1] ?? Number.NaN);

it('shows in the header how far the replay has come, rising, then ended', async () => {
  const terminal = terminals.trendtui(['--replay', archive, '--speed', '10'], isolated(80, 24));
  const first = shownPercent(await terminal.waitFor((s) => shownPercent(s) >= 0, 20_000));
  const later = await terminal.waitFor((s) => shownPercent(s) > first, 20_000);
  expect(shownPercent(later)).toBeLessThanOrEqual(100);
  await terminal.waitFor((s) => /\bended\b/.test(s.split('\n')[0]!), 30_000);
}, 60_000);
