// The dashboard's root component: wires the snapshot tick, the terminal size and the keys to the
// view. Holds only view state (pause, help, scroll); the counts live in the TrendModel.
import React, {useCallback, useRef, useState} from 'react';
import {useApp, useInput, useStdin} from 'ink';
import {DashboardView, type ViewState} from './components/dashboard-view.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {nextRankOrder, type RankOrder} from '../core/rank-order-cycle.js';
import {nextTermKind, type TermKind} from '../core/terms/term-kind.js';
import {useSelectionState, type ListedTerm} from './hooks/use-selection-state.js';
import {actionForKey, editActionForKey, type Action} from './keymap.js';
import {barRowAt, computeLayout, TOP_ROWS} from './layout.js';
import type {DashboardSnapshot} from './snapshot.js';
import {SNAPSHOT_POSTS, type TrendModel} from './trend-model.js';
import {stepSlide, stepWindow} from './window-steps.js';

export type AppProps = {
  model: TrendModel;
  color: boolean;
  ascii: boolean;
  hint?: string;
  /** Called with the window and slide the user picked with keys, to remember them. */
  onWindowChange?: (windowMs: number, slideMs: number) => void;
  /** Called with what is counted or how it is ordered when the user changes it, to remember it. */
  onCountingChange?: (change: {terms: TermKind} | {rank: RankOrder}) => void;
  /** Called when the user asks to quit (q, Ctrl-C). */
  onQuit?: () => void;
  /** Snapshot tick; tests shorten it. */
  intervalMs?: number;
  /** Trends wanted (`--top`); 0 = as many as fit. */
  top?: number;
};

export function App({
  model,
  color,
  ascii,
  hint,
  onWindowChange,
  onCountingChange,
  onQuit,
  intervalMs,
  top = TOP_ROWS,
}: AppProps) {
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const {columns, rows} = useTerminalSize();
  const {snapshot, refresh} = useSnapshot(model, intervalMs);
  const [view, setView] = useState<Omit<ViewState, 'scroll' | 'selection'>>({
    paused: false,
    help: false,
  });
  const [selection, dispatch, latest] = useSelectionState();
  const [frozen, setFrozen] = useState<DashboardSnapshot | undefined>(undefined);
  const shown = frozen ?? snapshot;
  // The rows the chart lists as drawn last: what ↑ ↓ move through and Enter opens.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const layout = computeLayout(columns, rows, top);
  const barRows = layout.kind === 'dashboard' ? layout.barRows : 0;
  const listedIn = (snapshot: DashboardSnapshot): ListedTerm[] =>
    (snapshot.result?.top ?? []).slice(0, barRows).map((t) => ({key: t.key, display: t.display}));

  const apply = useCallback(
    (action: Action) => {
      switch (action.type) {
        case 'quit':
          onQuit?.();
          exit();
          return;
        case 'window':
        case 'slide': {
          const step = action.type === 'window' ? stepWindow : stepSlide;
          const next = step(model.windowSetting, action.direction);
          const current = model.windowSetting;
          if (next.windowMs === current.windowMs && next.slideMs === current.slideMs) return;
          if (!model.setWindow(next.windowMs, next.slideMs)) return;
          onWindowChange?.(next.windowMs, next.slideMs);
          break;
        }
        case 'retweets':
          model.setRetweets(!model.retweets);
          break;
        case 'terms': {
          const terms = nextTermKind(model.terms);
          model.setTerms(terms);
          dispatch({type: 'forget'});
          onCountingChange?.({terms});
          break;
        }
        case 'order': {
          const rank = nextRankOrder(model.rank);
          model.setRank(rank);
          onCountingChange?.({rank});
          break;
        }
        case 'pause':
          setView((v) => ({...v, paused: !v.paused}));
          setFrozen((f) => (f ? undefined : model.snapshot()));
          return;
        case 'help':
          setView((v) => ({...v, help: !v.help}));
          return;
        case 'close':
          // Esc closes the innermost thing open: help, then the filter, then the trend.
          if (view.help) setView((v) => ({...v, help: false}));
          else if (latest.current.filter !== '') dispatch({type: 'filter-clear'});
          else if (latest.current.open) {
            model.closeTrend();
            dispatch({type: 'back'});
          }
          return;
        case 'scroll':
          dispatch({type: 'scroll', by: action.by, most: SNAPSHOT_POSTS - 1});
          return;
        case 'focus':
          dispatch({type: 'focus'});
          return;
        case 'select':
          dispatch({type: 'move', by: action.by, listed: listedIn(shownRef.current)});
          return;
        case 'filter':
          dispatch({type: 'filter-start'});
          return;
        case 'open': {
          const listed = listedIn(shownRef.current);
          const selected = latest.current.selected;
          const term =
            selected && listed.some((t) => t.key === selected.key) ? selected : listed[0];
          if (!term) return;
          model.openTrend(term.key, term.display);
          dispatch({type: 'open', term});
          break;
        }
      }
      // A setting changed: redraw now, and let a paused display show the new setting too.
      refresh();
      setFrozen((f) => (f ? model.snapshot() : f));
    },
    [
      model,
      exit,
      onQuit,
      onWindowChange,
      onCountingChange,
      refresh,
      view.help,
      latest,
      dispatch,
      barRows,
    ],
  );

  /** A left click at a cell: selects the bar there, or opens it when it is already selected. */
  const click = (x: number, y: number) => {
    if (view.help || layout.kind !== 'dashboard') return;
    const row = barRowAt(layout, latest.current.open !== undefined, x, y);
    const term = row === undefined ? undefined : listedIn(shownRef.current)[row];
    if (!term) return;
    if (latest.current.selected?.key === term.key) apply({type: 'open'});
    else dispatch({type: 'select', term});
  };

  useInput(
    (input, key) => {
      // Text typed faster than it is read arrives as one chunk ("/abc"): take it a key at a time,
      // so a key that starts the filter sends the rest into it.
      // A mouse report (SGR: "[<button;x;yM"): a click on a bar, and nothing else sees it.
      const mouse = /^\[<(\d+);(\d+);(\d+)([Mm])$/.exec(input);
      if (mouse) {
        if (mouse[1] === '0' && mouse[4] === 'M') click(Number(mouse[2]), Number(mouse[3]));
        return;
      }
      const chunks = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
      for (const chunk of chunks) {
        if (latest.current.editing) {
          const edit = editActionForKey(chunk, key);
          if (edit?.type === 'quit') apply(edit);
          else if (edit?.type === 'type') dispatch({type: 'filter-type', text: edit.text});
          else if (edit?.type === 'erase') dispatch({type: 'filter-erase'});
          else if (edit?.type === 'done') dispatch({type: 'filter-done'});
          else if (edit?.type === 'clear') dispatch({type: 'filter-clear'});
          continue;
        }
        const action = actionForKey(chunk, key, latest.current.focus);
        if (action) apply(action);
      }
    },
    {isActive: isRawModeSupported === true},
  );

  return (
    <DashboardView
      keys={isRawModeSupported === true}
      columns={columns}
      rows={rows}
      live={snapshot}
      shown={shown}
      view={{...view, scroll: selection.scroll, selection}}
      color={color}
      ascii={ascii}
      hint={hint}
      top={top}
    />
  );
}
