import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {KeyIndex, hashText} from '../../../source/core/window/key-index.js';

describe('KeyIndex', () => {
  it('finds, adds and removes keys like a Map, through collisions and growth', () => {
    // Few distinct hashes force long probe runs; removals exercise the backward shift.
    const op = fc.record({
      remove: fc.boolean(),
      text: fc.integer({min: 0, max: 1500}).map((n) => `k${n}`),
    });
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 64}),
        fc.array(op, {minLength: 500, maxLength: 4000}),
        (spread, ops) => {
          const texts: string[] = [];
          const fakeHash = (text: string) => hashText(text) % spread;
          const index = new KeyIndex((id) => texts[id]!);
          const model = new Map<string, number>();
          const free: number[] = [];
          for (const {remove, text} of ops) {
            const known = model.get(text);
            expect(index.find(text, fakeHash(text))).toBe(known ?? -1);
            if (remove && known !== undefined) {
              index.remove(known, fakeHash(text));
              model.delete(text);
              free.push(known);
            } else if (!remove && known === undefined) {
              const id = free.pop() ?? texts.length;
              texts[id] = text;
              index.insert(id, fakeHash(text));
              model.set(text, id);
            }
          }
          for (const [text, id] of model) expect(index.find(text, fakeHash(text))).toBe(id);
        },
      ),
      {numRuns: 60},
    );
  });

  it('hashes equal texts equally, whichever string object holds them', () => {
    const built = ['stan', 'lee'].join('');
    expect(hashText(built)).toBe(hashText('stanlee'));
  });
});
