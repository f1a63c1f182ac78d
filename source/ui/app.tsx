// The dashboard's root component: wires the snapshot tick, the terminal size and the keys to the
// view. Holds only view state (pause, help, scroll); the counts live in the TrendModel.
import React, {useCallback, useState} from 'react';
import {useApp, useInput, useStdin} from 'ink';
import {DashboardView, type ViewState} from './components/dashboard-view.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {actionForKey, type Action} from './keymap.js';
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
  /** Called when the user asks to quit (q, Ctrl-C). */
  onQuit?: () => void;
  /** Snapshot tick; tests shorten it. */
  intervalMs?: number;
};

export function App({model, color, ascii, hint, onWindowChange, onQuit, intervalMs}: AppProps) {
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const {columns, rows} = useTerminalSize();
  const {snapshot, refresh} = useSnapshot(model, intervalMs);
  const [view, setView] = useState<ViewState>({paused: false, help: false, scroll: 0});
  const [frozen, setFrozen] = useState<DashboardSnapshot | undefined>(undefined);

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
        case 'pause':
          setView((v) => ({...v, paused: !v.paused}));
          setFrozen((f) => (f ? undefined : model.snapshot()));
          return;
        case 'help':
          setView((v) => ({...v, help: !v.help}));
          return;
        case 'close':
          setView((v) => ({...v, help: false}));
          return;
        case 'scroll':
          setView((v) => ({
            ...v,
            scroll: Math.max(0, Math.min(v.scroll + action.by, SNAPSHOT_POSTS - 1)),
          }));
          return;
      }
      // A setting changed: redraw now, and let a paused display show the new setting too.
      refresh();
      setFrozen((f) => (f ? model.snapshot() : f));
    },
    [model, exit, onQuit, onWindowChange, refresh],
  );

  useInput(
    (input, key) => {
      const action = actionForKey(input, key);
      if (action) apply(action);
    },
    {isActive: isRawModeSupported === true},
  );

  return (
    <DashboardView
      columns={columns}
      rows={rows}
      live={snapshot}
      shown={frozen ?? snapshot}
      view={view}
      color={color}
      ascii={ascii}
      hint={hint}
    />
  );
}
