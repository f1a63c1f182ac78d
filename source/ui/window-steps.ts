// Where the window and slide keys move to: through fixed presets, keeping slide <= window.
import {WINDOW_PRESETS_MS} from '../core/duration.js';

const S = 1000;
const M = 60 * S;
/** Slide presets: fine steps for short windows, coarse ones for long ones. */
export const SLIDE_PRESETS_MS = [
  1 * S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  1 * M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  60 * M,
] as const;

export type WindowSetting = {windowMs: number; slideMs: number};

/** The next window preset up (+1) or down (−1); the slide shrinks if the window would be shorter. */
export function stepWindow(current: WindowSetting, direction: 1 | -1): WindowSetting {
  const windowMs = stepThrough(WINDOW_PRESETS_MS, current.windowMs, direction);
  const slideMs =
    current.slideMs <= windowMs
      ? current.slideMs
      : ([...SLIDE_PRESETS_MS].reverse().find((s) => s <= windowMs) ?? windowMs);
  return {windowMs, slideMs};
}

/** The next slide preset up or down, never longer than the window. */
export function stepSlide(current: WindowSetting, direction: 1 | -1): WindowSetting {
  const slideMs = stepThrough(SLIDE_PRESETS_MS, current.slideMs, direction);
  if (slideMs > current.windowMs) return current;
  return {windowMs: current.windowMs, slideMs};
}

/** The first preset beyond `value` in `direction`, or `value` at the end of the list. */
function stepThrough(presets: readonly number[], value: number, direction: 1 | -1): number {
  if (direction === 1) return presets.find((p) => p > value) ?? value;
  return [...presets].reverse().find((p) => p < value) ?? value;
}
