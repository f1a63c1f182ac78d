// What each key does, as data: the input hook maps Ink's key events to these actions and the app
// applies them, so the keymap can be tested without a terminal.
import type {Key} from 'ink';

export type Action =
  | {type: 'quit'}
  | {type: 'window'; direction: 1 | -1}
  | {type: 'slide'; direction: 1 | -1}
  | {type: 'pause'}
  | {type: 'retweets'}
  | {type: 'help'}
  | {type: 'close'}
  | {type: 'scroll'; by: number};

const PAGE = 10;

export function actionForKey(input: string, key: Key): Action | undefined {
  if (key.ctrl && input === 'c') return {type: 'quit'};
  if (key.escape) return {type: 'close'};
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
    case '?':
      return {type: 'help'};
    default:
      return undefined;
  }
}
