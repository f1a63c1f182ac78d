// Text a terminal may draw wider than a naive measure says: a lone surrogate (drawn as U+FFFD,
// measured as nothing) and emoji ZWJ sequences and skin-tone modifiers (drawn as their parts by
// xterm.js and tmux). Replayed through the real binary in a pseudo-terminal rendered by
// xterm.js: no row may wrap, or the header scrolls off the screen for good.
import {describe, expect, it} from 'vitest';
import {writeArchive} from '../helpers/archive.js';
import {isolated, terminalTests} from './terminal-tests.js';

const ZWJ_POST = 'York was 👨‍👩‍👧 remember 👏🏽 will remember writer';
const LONE_SURROGATES = 'half an emoji \ud83d\ud83d then more words';

function archive(name: string, texts: string[]): string {
  const start = Date.now() - 5000;
  const posts: object[] = [];
  for (let i = 0; i < 40; i++) {
    const text = texts[i % texts.length]!;
    // Long enough that every row is cut to the pane's full width.
    const long = Array.from({length: 6}, () => text).join(' ') + ' #WideText';
    posts.push({
      type: 'post',
      id: String(i),
      created_at: new Date(start + i * 100).toISOString(),
      text: long,
      hashtags: ['WideText'],
      author: `author${i}`,
    });
  }
  return writeArchive(posts, name);
}

const terminals = terminalTests();

describe.each([
  [100, 30],
  [80, 24],
])('wide and malformed text at %i×%i', (columns, rows) => {
  it.each([
    ['an emoji ZWJ sequence and a skin-tone modifier', [ZWJ_POST], 'York was'],
    ['lone surrogates', [LONE_SURROGATES], 'half an emoji'],
  ])(
    '%s: no row wraps, the header stays on top',
    async (_name, texts, marker) => {
      const file = archive(`${columns}-${marker.replace(/\W/g, '')}.jsonl`, texts);
      const terminal = terminals.trendtui(
        ['--replay', file, '--speed', 'max', '--no-color'],
        isolated(columns, rows),
      );
      const screen = await terminal.waitFor(
        (s) => /\bended\b/.test(s.split('\n')[0]!) && s.includes(marker),
        30_000,
      );
      expect(terminal.wrappedRows()).toEqual([]);
      expect(screen.split('\n')[0]).toMatch(/^trendtui replay/);
      // The post rows are there, cut to the width, and the footer is on its row.
      expect(screen.split('\n').filter((line) => line.includes(marker)).length).toBeGreaterThan(0);
      expect(terminal.screen()[rows - 2]).toMatch(/\bq quit\b/);
    },
    40_000,
  );
});
