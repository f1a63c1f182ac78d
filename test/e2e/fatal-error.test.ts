// A source that stops for good (X answers 401): the dashboard shows the whole message, wrapped
// rather than cut at the terminal's width; leaving with `q` prints it again on the restored
// screen and the exit status says the run failed.
import {describe, expect, it} from 'vitest';
import {BIN} from '../helpers/terminal.js';
import {startMockXServer, type MockXServer} from '../helpers/mock-x-server.js';
import {isolated, terminalTests} from './terminal-tests.js';

let mock: MockXServer | undefined;

const terminals = terminalTests(async () => {
  await mock?.close();
  mock = undefined;
});

/** The screen's words in order, however the rows cut them. */
const words = (screen: string) => screen.replace(/\s+/g, ' ');

describe('a fatal source error on the dashboard', () => {
  it('is shown whole, printed again on exit, and q exits non-zero', async () => {
    mock = await startMockXServer({token: 'the-token-x-accepts-0123456789'});
    const message =
      'X rejected the bearer token (401 Unauthorized): set X_BEARER_TOKEN or run ' +
      '`trendtui config set x.token -`';
    expect(message.length).toBeGreaterThan(80);
    const terminal = terminals.run(
      '/bin/sh',
      ['-c', '"$0" "$1" stan lee; echo "exit=$?"', process.execPath, BIN],
      isolated(80, 24, {
        X_BEARER_TOKEN: 'a-revoked-token-0123456789',
        TRENDTUI_X_API_URL: mock.baseUrl,
      }),
    );
    const shown = await terminal.waitFor((s) => words(s).includes(message), 20_000);
    expect(terminal.inAlternateScreen()).toBe(true);
    expect(shown).toMatch(/\berror\b/);
    expect(terminal.wrappedRows()).toEqual([]);

    terminal.press('q');
    const after = await terminal.waitFor('exit=', 20_000);
    expect(terminal.inAlternateScreen()).toBe(false);
    expect(after.replace(/\n/g, '')).toContain(`trendtui: error: ${message}`);
    expect(after).toContain('exit=1');
    // One request, refused: nothing was retried.
    expect(mock.requests).toHaveLength(1);
  }, 40_000);
});
