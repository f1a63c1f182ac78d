import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {PostIdSet} from '../../../source/core/window/post-id-set.js';

// Ids as the sources send them and a few that only look alike: decimals of every length up to
// and past 19 digits (the largest that fit in 64 bits and their neighbours), leading zeros,
// and Bluesky's `did/rkey`.
const anId = fc.oneof(
  fc.bigInt({min: 0n, max: 10n ** 19n - 1n}).map(String),
  fc.bigInt({min: 10n ** 18n, max: 10n ** 20n}).map(String),
  fc.integer({min: 0, max: 300}).map(String),
  fc.integer({min: 0, max: 300}).map((n) => `0${n}`),
  fc.constantFrom(
    '9999999999999999999',
    '9999999999999999998',
    '18446744073709551615',
    '4294967296',
    '4294967295',
    '0',
    '00',
    '',
  ),
  fc.integer({min: 0, max: 50}).map((n) => `did:plc:abc${n}/3kq${n}`),
);

describe('PostIdSet', () => {
  it('holds exactly the ids of the panes not yet released, like a set of strings', () => {
    const op = fc.oneof(
      fc.record({add: anId, pane: fc.integer({min: 0, max: 8})}),
      fc.record({release: fc.integer({min: 0, max: 8})}),
    );
    fc.assert(
      fc.property(fc.array(op, {minLength: 50, maxLength: 1500}), fc.array(anId), (ops, probes) => {
        const ids = new PostIdSet();
        const model = new Map<number, Set<string>>();
        const held = () => new Set([...model.values()].flatMap((pane) => [...pane]));
        for (const step of ops) {
          if ('release' in step) {
            ids.releasePane(step.release);
            model.delete(step.release);
            continue;
          }
          // The window adds only ids it does not hold yet.
          const expected = held().has(step.add);
          expect(ids.has(step.add)).toBe(expected);
          if (expected) continue;
          ids.add(step.add, step.pane);
          if (!model.has(step.pane)) model.set(step.pane, new Set());
          model.get(step.pane)!.add(step.add);
        }
        const all = held();
        expect(ids.size).toBe(all.size);
        for (const id of [...all, ...probes]) expect(ids.has(id)).toBe(all.has(id));
      }),
      {numRuns: 60},
    );
  });

  it('tells apart decimals that differ only past 2^53 or by a leading zero', () => {
    const ids = new PostIdSet();
    ids.add('9007199254740993', 0); // 2^53 + 1: a double would round it to 2^53
    ids.add('123', 0);
    expect(ids.has('9007199254740992')).toBe(false);
    expect(ids.has('9007199254740993')).toBe(true);
    expect(ids.has('0123')).toBe(false);
    ids.releasePane(0);
    expect(ids.has('123')).toBe(false);
    expect(ids.size).toBe(0);
  });
});
