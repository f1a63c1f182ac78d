// What the user has pointed at, as a reducer (typed actions, no I/O): which pane has the focus,
// the trend selected in the chart (by its key, so it follows the term as ranks change, not the
// row), the trend opened, the post filter being typed, and the post pane's scroll.
import {useCallback, useRef, useState} from 'react';
import type {Focus} from '../keymap.js';

export type {Focus};

/** A term as the chart lists it. */
export type ListedTerm = {key: string; display: string};

export type SelectionState = {
  focus: Focus;
  selected?: ListedTerm;
  open?: ListedTerm;
  /** Posts shown must contain this text (any case); '' = all. */
  filter: string;
  /** The filter line has the keyboard. */
  editing: boolean;
  /** Posts scrolled past at the top of the post pane. */
  scroll: number;
};

export type SelectionAction =
  | {type: 'focus'}
  /** ↑ ↓ in the chart: the row `by` from the selected one among `listed` (the rows shown). */
  | {type: 'move'; by: number; listed: readonly ListedTerm[]}
  | {type: 'select'; term: ListedTerm}
  | {type: 'open'; term: ListedTerm}
  | {type: 'back'}
  /** What is counted changed: the selected term belongs to the old kind. */
  | {type: 'forget'}
  | {type: 'filter-start'}
  | {type: 'filter-type'; text: string}
  | {type: 'filter-erase'}
  | {type: 'filter-done'}
  | {type: 'filter-clear'}
  | {type: 'scroll'; by: number; most: number};

export const INITIAL_SELECTION: SelectionState = {
  // The post pane has the focus at start, so ↑ ↓ scroll it as they always did.
  focus: 'posts',
  filter: '',
  editing: false,
  scroll: 0,
};

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'focus':
      return {...state, focus: state.focus === 'chart' ? 'posts' : 'chart', editing: false};
    case 'move': {
      const {listed, by} = action;
      if (listed.length === 0) return state;
      const at = state.selected ? listed.findIndex((t) => t.key === state.selected!.key) : -1;
      // Nothing selected, or the selection left the list: start again from the top.
      const next = at < 0 ? 0 : Math.max(0, Math.min(listed.length - 1, at + by));
      return {...state, focus: 'chart', selected: listed[next]};
    }
    case 'select':
      return {...state, focus: 'chart', selected: action.term};
    case 'open':
      return {...state, selected: action.term, open: action.term, scroll: 0};
    case 'back':
      return {...state, open: undefined, scroll: 0};
    case 'forget':
      return {...state, selected: undefined, open: undefined, scroll: 0};
    case 'filter-start':
      return {...state, focus: 'posts', editing: true};
    case 'filter-type':
      return {...state, filter: state.filter + action.text, scroll: 0};
    case 'filter-erase':
      return {...state, filter: [...state.filter].slice(0, -1).join(''), scroll: 0};
    case 'filter-done':
      return {...state, editing: false};
    case 'filter-clear':
      return {...state, filter: '', editing: false, scroll: 0};
    case 'scroll':
      return {
        ...state,
        scroll: Math.max(0, Math.min(state.scroll + action.by, action.most)),
      };
  }
}

/**
 * The state, a dispatch, and a ref that is current the moment an action is dispatched. Keys
 * typed faster than React renders (Tab then ↓ in one burst) must be read against the state
 * the previous key left, not the last rendered one: a `q` typed into the filter must not quit.
 */
export function useSelectionState(): [
  SelectionState,
  (action: SelectionAction) => void,
  {readonly current: SelectionState},
] {
  const current = useRef(INITIAL_SELECTION);
  const [state, setState] = useState(INITIAL_SELECTION);
  const dispatch = useCallback((action: SelectionAction) => {
    current.current = selectionReducer(current.current, action);
    setState(current.current);
  }, []);
  return [state, dispatch, current];
}
