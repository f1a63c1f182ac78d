import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {actionForKey} from '../../source/ui/keymap.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('actionForKey (SPEC §4)', () => {
  it.each([
    ['q', {}, {type: 'quit'}],
    ['c', {ctrl: true}, {type: 'quit'}],
    ['+', {}, {type: 'window', direction: 1}],
    ['=', {}, {type: 'window', direction: 1}],
    ['-', {}, {type: 'window', direction: -1}],
    [']', {}, {type: 'slide', direction: 1}],
    ['[', {}, {type: 'slide', direction: -1}],
    ['p', {}, {type: 'pause'}],
    [' ', {}, {type: 'pause'}],
    ['r', {}, {type: 'retweets'}],
    ['?', {}, {type: 'help'}],
    ['', {escape: true}, {type: 'close'}],
    ['', {upArrow: true}, {type: 'scroll', by: -1}],
    ['', {downArrow: true}, {type: 'scroll', by: 1}],
    ['', {pageDown: true}, {type: 'scroll', by: 10}],
  ] as Array<[string, Partial<Key>, unknown]>)('%j %j', (input, key, action) => {
    expect(actionForKey(input, {...none, ...key})).toEqual(action);
  });

  it('ignores other keys, and letters typed with Ctrl or Alt', () => {
    expect(actionForKey('x', none)).toBeUndefined();
    expect(actionForKey('q', {...none, meta: true})).toBeUndefined();
    expect(actionForKey('r', {...none, ctrl: true})).toBeUndefined();
  });
});
