// The batch replay's progress line: on stderr when stderr is a terminal (drawn, then cleared),
// never when it is a file. The real binary, with stderr a pseudo-terminal and stdout a file.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {describeProgress} from '../../source/cli/progress-line.js';
import {BIN} from '../helpers/terminal.js';
import {writeTaggedArchive} from '../helpers/archive.js';
import {terminalTests} from '../e2e/terminal-tests.js';
import {run} from './run-binary.js';

const archive = writeTaggedArchive(20_000, 10, 7);
const scratch = mkdtempSync(path.join(tmpdir(), 'trendtui-progress-'));
const PROGRESS = /trendtui: \d+% · [\d.]+ [kM]?B of [\d.]+ [kM]?B · [\d.]+k? posts\/s/;

const terminals = terminalTests();

describe('describeProgress', () => {
  it('says how much of how much, how fast and how long is left', () => {
    expect(
      describeProgress({bytesRead: 250_000_000, totalBytes: 1_000_000_000, posts: 250_000}, 5000),
    ).toBe('trendtui: 25% · 250 MB of 1.0 GB · 50.0k posts/s · 15s left');
    // stdin has no size: only what was read and how fast.
    expect(describeProgress({bytesRead: 4_200_000, posts: 900}, 3000)).toBe(
      'trendtui: 4.2 MB read · 300 posts/s',
    );
  });
});

describe('the progress line of a batch replay', () => {
  it('is drawn on a terminal stderr, then cleared', async () => {
    const terminal = terminals.run(
      '/bin/sh',
      [
        '-c',
        '"$0" "$1" --replay "$2" --speed max > "$3"; echo "exit=$?"',
        process.execPath,
        BIN,
        archive,
        path.join(scratch, 'out.ndjson'),
      ],
      {columns: 80, rows: 24},
    );
    const screen = await terminal.waitFor('exit=', 30_000);
    expect(terminal.output()).toMatch(PROGRESS);
    // Cleared: nothing of it is left on the screen, and the shell's line starts at column 0.
    expect(screen).not.toMatch(/posts\/s/);
    expect(screen.split('\n').find((line) => line.includes('exit='))).toBe('exit=0');
  }, 40_000);

  it('is not written when stderr is not a terminal', async () => {
    const result = await run(['--replay', archive, '--speed', 'max']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe('');
    expect(result.stderr).toBe('');
  }, 30_000);
});
