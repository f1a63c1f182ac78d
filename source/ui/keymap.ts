// What each key does, as data: the input hook maps Ink's key events to these actions and the app
// applies them, so the keymap can be tested without a terminal.
import type {Key} from 'ink';

export type Action =
  | {type: 'quit'}
  | {type: 'window'; direction: 1 | -1}
  | {type: 'slide'; direction: 1 | -1}
  | {type: 'pause'}
  | {type: 'retweets'}
  | {type: 'terms'}
  | {type: 'order'}
  | {type: 'help'}
  | {type: 'close'}
  | {type: 'scroll'; by: number}
  | {type: 'focus'}
  /** ↑ ↓ with the chart focused: select the trend `by` rows away. */
  | {type: 'select'; by: number}
  | {type: 'open'}
  | {type: 'filter'};

/** Keys while the post filter is being typed: the text takes every printable key. */
export type EditAction =
  | {type: 'quit'}
  | {type: 'type'; text: string}
  | {type: 'erase'}
  | {type: 'done'}
  | {type: 'clear'};

export type Focus = 'chart' | 'posts';

const PAGE = 10;

/** `focus`: the pane the arrows act on (the post pane unless told). */
export function actionForKey(input: string, key: Key, focus: Focus = 'posts'): Action | undefined {
  if (key.ctrl && input === 'c') return {type: 'quit'};
  if (key.escape) return {type: 'close'};
  if (key.tab) return {type: 'focus'};
  if (key.return) return {type: 'open'};
  if (focus === 'chart') {
    if (key.upArrow) return {type: 'select', by: -1};
    if (key.downArrow) return {type: 'select', by: 1};
  }
  if (key.upArrow) return {type: 'scroll', by: -1};
  if (key.downArrow) return {type: 'scroll', by: 1};
  if (key.pageUp) return {type: 'scroll', by: -PAGE};
  if (key.pageDown) return {type: 'scroll', by: PAGE};
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'q':
      return {type: 'quit'};
    case '+':
    case '=':
      return {type: 'window', direction: 1};
    case '-':
    case '_':
      return {type: 'window', direction: -1};
    case ']':
      return {type: 'slide', direction: 1};
    case '[':
      return {type: 'slide', direction: -1};
    case 'p':
    case ' ':
      return {type: 'pause'};
    case 'r':
      return {type: 'retweets'};
    case 't':
      return {type: 'terms'};
    case 'o':
      return {type: 'order'};
    case '?':
      return {type: 'help'};
    case '/':
      return {type: 'filter'};
    default:
      return undefined;
  }
}

export function editActionForKey(input: string, key: Key): EditAction | undefined {
  if (key.ctrl && input === 'c') return {type: 'quit'};
  if (key.escape) return {type: 'clear'};
  if (key.return) return {type: 'done'};
  if (key.backspace || key.delete) return {type: 'erase'};
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return undefined;
  // Control characters never enter the filter (they would reach the terminal as they are).
  const text = input.replace(/\p{Cc}/gu, '');
  return text === '' ? undefined : {type: 'type', text};
}
