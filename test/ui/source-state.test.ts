import {describe, expect, it} from 'vitest';
import {describeState} from '../../source/ui/source-state.js';
import {makeSnapshot} from './snapshot-fixture.js';

describe('describeState', () => {
  it('shows how far a replay of a file has come', () => {
    const s = makeSnapshot({source: 'replay', status: {state: 'live', progress: 0.427}});
    expect(describeState(s)).toEqual({text: 'live 42%', tone: 'ok'});
    expect(describeState(makeSnapshot({status: {state: 'live'}}))).toEqual({
      text: 'live',
      tone: 'ok',
    });
  });
});
