// Keys when stdin is a pipe: `cat f | trendtui --replay -` reads the posts from the pipe and the
// keys from the terminal itself. Where there is no terminal at all (a new session without one),
// the footer offers no keys. The real binary, in a pseudo-terminal rendered by xterm.js.
import {describe, expect, it} from 'vitest';
import {BIN, isRunning, type TerminalRun} from '../helpers/terminal.js';
import {writeTaggedArchive} from '../helpers/archive.js';
import {isolated, terminalTests} from './terminal-tests.js';

const archive = writeTaggedArchive(400, 50, 3);

const terminals = terminalTests();
const PIPED =
  'cat "$1" | "$0" "$2" --replay - --speed max --window 10s --slide 5s --no-color; echo "exit=$?"';
const footer = (t: TerminalRun) => t.screen()[22]!;

describe('the dashboard with stdin piped', () => {
  // The `+` comes right after the replay ended, possibly while its last windows are still being
  // closed: the change must be applied once they are, never dropped.
  it('takes q, ? and + from the terminal itself', async () => {
    const terminal = terminals.run(
      '/bin/sh',
      ['-c', PIPED, process.execPath, archive, BIN],
      isolated(80, 24),
    );
    await terminal.waitFor((s) => /\bended\b/.test(s.split('\n')[0]!) && s.includes('#Tag'));
    expect(footer(terminal)).toMatch(/\bq quit\b/);
    terminal.press('?');
    await terminal.waitFor('window longer', 10_000);
    terminal.press('\u001b');
    await terminal.waitFor((s) => !s.includes('window longer'), 10_000);
    terminal.press('+');
    await terminal.waitFor('20s/5s', 10_000);
    terminal.press('q');
    await terminal.waitFor('exit=0', 10_000);
  }, 40_000);

  it('offers no keys when there is no terminal to read them from', async () => {
    // setsid: a new session with no controlling terminal; the screen is still the pty.
    const terminal = terminals.run(
      '/usr/bin/setsid',
      ['-w', '/bin/sh', '-c', PIPED, process.execPath, archive, BIN],
      isolated(80, 24),
    );
    await terminal.waitFor((s) => /\bended\b/.test(s.split('\n')[0]!) && s.includes('#Tag'));
    expect(footer(terminal)).toContain('no keys');
    expect(footer(terminal)).not.toMatch(/\bq quit\b/);
    // Stop it the only way left: a signal to the processes this test started.
    const started = terminal.processTree().filter((pid) => pid !== terminal.pid);
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await terminal.exited;
    // The ingest child notices its parent is gone and exits by itself, a moment later.
    const deadline = Date.now() + 5000;
    while (started.some(isRunning) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(started.filter(isRunning)).toEqual([]);
  }, 40_000);
});
