// `--timeout DUR`: a run whose source has delivered no post by then gives up, in one line and
// with exit status 1, instead of waiting forever on a closed port, an offline network or a
// query nothing matches. Pipe mode and the dashboard share it, so they say the same thing.
import {formatDuration} from '../core/duration.js';

export type FirstPostTimeout = {stop(): void};

/**
 * After `timeoutMs` (none: never), calls `giveUp` with the line to print unless `delivered()`
 * says a post has come. `lastWord()` is what the source last said of itself, if anything.
 */
export function startFirstPostTimeout(
  timeoutMs: number | undefined,
  source: string,
  delivered: () => boolean,
  lastWord: () => string | undefined,
  giveUp: (line: string) => void,
): FirstPostTimeout {
  if (timeoutMs === undefined) return {stop() {}};
  const timer = setTimeout(() => {
    if (delivered()) return;
    const said = lastWord();
    giveUp(
      `no post from ${source} within ${formatDuration(timeoutMs)}` +
        (said === undefined ? '' : ` (last: ${said})`) +
        '; giving up (--timeout)',
    );
  }, timeoutMs);
  timer.unref();
  return {stop: () => clearTimeout(timer)};
}
