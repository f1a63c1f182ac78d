import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {actionForKey, editActionForKey} from '../../source/ui/keymap.js';

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

describe('actionForKey (the README keys)', () => {
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
    ['t', {}, {type: 'terms'}],
    ['o', {}, {type: 'order'}],
    ['?', {}, {type: 'help'}],
    ['', {escape: true}, {type: 'close'}],
    ['', {upArrow: true}, {type: 'scroll', by: -1}],
    ['', {downArrow: true}, {type: 'scroll', by: 1}],
    ['', {pageDown: true}, {type: 'scroll', by: 10}],
    ['\t', {tab: true}, {type: 'focus'}],
    ['\r', {return: true}, {type: 'open'}],
    ['/', {}, {type: 'filter'}],
  ] as Array<[string, Partial<Key>, unknown]>)('%j %j', (input, key, action) => {
    expect(actionForKey(input, {...none, ...key})).toEqual(action);
  });

  it('ignores other keys, and letters typed with Ctrl or Alt', () => {
    expect(actionForKey('x', none)).toBeUndefined();
    expect(actionForKey('q', {...none, meta: true})).toBeUndefined();
    expect(actionForKey('r', {...none, ctrl: true})).toBeUndefined();
  });
});

describe('keys by focus and while the filter is typed', () => {
  it('moves the selection with the arrows when the chart has the focus', () => {
    expect(actionForKey('', {...none, upArrow: true}, 'chart')).toEqual({type: 'select', by: -1});
    expect(actionForKey('', {...none, downArrow: true}, 'chart')).toEqual({type: 'select', by: 1});
    expect(actionForKey('', {...none, downArrow: true}, 'posts')).toEqual({type: 'scroll', by: 1});
  });

  it('sends printable keys to the filter, and only Esc, Enter, Backspace and Ctrl-C act', () => {
    expect(editActionForKey('q', none)).toEqual({type: 'type', text: 'q'});
    expect(editActionForKey('é', none)).toEqual({type: 'type', text: 'é'});
    expect(editActionForKey('', {...none, escape: true})).toEqual({type: 'clear'});
    expect(editActionForKey('\r', {...none, return: true})).toEqual({type: 'done'});
    expect(editActionForKey('', {...none, backspace: true})).toEqual({type: 'erase'});
    expect(editActionForKey('c', {...none, ctrl: true})).toEqual({type: 'quit'});
    expect(editActionForKey('\u0007', none)).toBeUndefined();
  });
});
