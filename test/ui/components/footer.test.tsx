import React from 'react';
import {describe, expect, it} from 'vitest';
import {Footer} from '../../../source/ui/components/footer.js';
import {stringWidth} from '../../../source/ui/fit-text.js';
import {renderTui} from '../render-tui.js';

// The footer gets the frame's width: the terminal's minus one.
const cases = [
  {name: 'post pane', props: {focus: 'posts' as const}},
  {name: 'chart', props: {focus: 'chart' as const}},
  {name: 'open trend', props: {focus: 'chart' as const, open: true}},
  {name: 'filter being typed', props: {focus: 'posts' as const, editing: true}},
];

describe('the footer', () => {
  for (const columns of [80, 40]) {
    for (const ascii of [false, true]) {
      for (const {name, props} of cases) {
        it(`fits whole keys at ${columns} columns (${name}${ascii ? ', ascii' : ''})`, async () => {
          const width = columns - 1;
          const tui = await renderTui(
            <Footer width={width} color={false} ascii={ascii} {...props} />,
            {columns, rows: 5},
          );
          const line = tui.frame().split('\n')[0]!.trimEnd();
          tui.unmount();
          expect(stringWidth(line)).toBeLessThanOrEqual(width);
          // Nothing cut mid-word: no ellipsis, and the line ends with a whole "key what".
          expect(line).not.toMatch(/…|\.\.\./);
          if (props.editing) {
            expect(line).toMatch(/^filter {2}Enter done {2}Esc clear\b/);
            return;
          }
          // Quit and help are always there; help lists whatever did not fit.
          expect(line).toMatch(/\bq quit\b/);
          expect(line).toMatch(/\? help\b/);
          expect(line).toMatch(/(?:^| {2})\S+ \S+$/);
          // The pane's own first key comes first.
          expect(line).toMatch(
            props.focus === 'chart' ? /^chart {2}\S+ select/ : /^posts {2}\S+ scroll/,
          );
        });
      }
    }
  }

  it('lists every key when the row is wide enough', async () => {
    const tui = await renderTui(<Footer width={139} color={false} ascii={false} />, {
      columns: 140,
      rows: 5,
    });
    const line = tui.frame().split('\n')[0]!;
    tui.unmount();
    for (const key of [
      'q quit',
      '? help',
      't terms',
      'o order',
      '+/- window',
      '[/] slide',
      'p pause',
      'r retweets',
    ]) {
      expect(line).toContain(key);
    }
  });
});
