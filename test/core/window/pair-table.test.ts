import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {PairTable} from '../../../source/core/window/pair-table.js';

describe('PairTable', () => {
  it('counts (key, author) pairs like a Map, through growth, removals, packing and clear', () => {
    // Few keys and authors make long probe runs; deltas that bring a count to 0 remove the
    // pair and exercise the backward shift that keeps later pairs findable. A packed table
    // is read back and then taken out of its packing by the next change, as a late post does
    // to a sealed pane; the arrays it hands back go to the next table, dirty.
    const op = fc.record({
      key: fc.integer({min: 0, max: 40}),
      author: fc.integer({min: 0, max: 40}),
      up: fc.integer({min: 0, max: 3}),
      clear: fc.integer({min: 0, max: 400}).map((n) => n === 0),
      pack: fc.integer({min: 0, max: 150}).map((n) => n === 0),
    });
    fc.assert(
      fc.property(fc.array(op, {minLength: 200, maxLength: 3000}), (ops) => {
        let table = new PairTable(1);
        const model = new Map<string, number>();
        const contents = () => {
          const seen = new Map<string, number>();
          table.forEach((key, author, count) => seen.set(`${key}/${author}`, count));
          return seen;
        };
        for (const {key, author, up, clear, pack} of ops) {
          if (clear) {
            table.clear();
            model.clear();
            continue;
          }
          if (pack) {
            const spare = table.pack();
            expect(contents()).toEqual(model);
            // Half the time the table goes on from its packing, half a new one starts on its
            // arrays (as the next pane does) and takes the same pairs.
            if (spare !== undefined && key % 2 === 0) {
              const packed = table;
              table = new PairTable(model.size, spare);
              packed.forEach((k, a, count) => table.add(k, a, count));
            }
          }
          const name = `${key}/${author}`;
          const before = model.get(name) ?? 0;
          // Never below 0, as in use: the window subtracts only what a pane added.
          const delta = up > 0 || before === 0 ? up + 1 : -before;
          expect(table.add(key, author, delta)).toBe(before);
          if (before + delta === 0) model.delete(name);
          else model.set(name, before + delta);
          expect(table.size).toBe(model.size);
        }
        for (const [name, count] of model) {
          const [key, author] = name.split('/').map(Number);
          expect(table.get(key!, author!)).toBe(count);
        }
        expect(contents()).toEqual(model);
      }),
      {numRuns: 60},
    );
  });

  it('keeps ids that need all 31 bits apart', () => {
    const table = new PairTable();
    table.add(2 ** 31 - 1, 0, 1);
    table.add(0, 2 ** 31 - 1, 2);
    table.add(2 ** 31 - 1, 2 ** 31 - 1, 3);
    expect([
      table.get(2 ** 31 - 1, 0),
      table.get(0, 2 ** 31 - 1),
      table.get(2 ** 31 - 1, 2 ** 31 - 1),
    ]).toEqual([1, 2, 3]);
    expect(table.get(0, 0)).toBe(0);
  });
});
