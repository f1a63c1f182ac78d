// Publishes the trend model's state to React on a steady tick (and on demand after a key), so
// rendering cost depends on the tick rate, never on how many posts arrive.
import {useCallback, useEffect, useState} from 'react';
import type {TrendModel} from '../trend-model.js';
import type {DashboardSnapshot} from '../snapshot.js';

export const SNAPSHOT_INTERVAL_MS = 200;

export function useSnapshot(
  model: TrendModel,
  intervalMs = SNAPSHOT_INTERVAL_MS,
): {snapshot: DashboardSnapshot; refresh: () => void} {
  const [snapshot, setSnapshot] = useState(() => model.snapshot());
  const refresh = useCallback(() => {
    model.tick();
    setSnapshot(model.snapshot());
  }, [model]);
  useEffect(() => {
    const timer = setInterval(refresh, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);
  return {snapshot, refresh};
}
