// How each tag of a window moved since the previous window of the same stream: the chart's
// ▲▼ and "new" marks. Only the dashboard shows them, so the window core does not track them:
// this compares each result with the one before it, a map of the previous top (ten tags).
import type {RankedTag, WindowResult} from '../core/window-result.js';

export type MovedTag = RankedTag & {
  /** Previous window's rank minus this one (positive = climbed); undefined when new. */
  rankChange?: number;
  /** Not in the previous window's top list. */
  isNew: boolean;
};

/** A window result as the dashboard shows it: each tag with its move. */
export type ShownResult = Omit<WindowResult, 'top'> & {top: MovedTag[]};

export class RankMoves {
  #previous = new Map<string, number>();

  /** The result with each tag's move since the result passed before it. */
  next(result: WindowResult): ShownResult {
    const ranks = new Map<string, number>();
    const top = result.top.map((tag): MovedTag => {
      ranks.set(tag.key, tag.rank);
      const previous = this.#previous.get(tag.key);
      if (previous === undefined) return {...tag, isNew: true};
      return {...tag, isNew: false, rankChange: previous - tag.rank};
    });
    this.#previous = ranks;
    return {...result, top};
  }

  /**
   * The result with no moves shown: the same window in another order (or of another kind of
   * term) says nothing about what rose since the last one. Later results compare against it.
   */
  restart(result: WindowResult): ShownResult {
    this.#previous = new Map(result.top.map((tag) => [tag.key, tag.rank]));
    return {...result, top: result.top.map((tag): MovedTag => ({...tag, isNew: false}))};
  }
}
