// What the sliding window hands to its readers (the dashboard and pipe mode) at each slide.
import type {RankOrder} from './rank-order.js';
import type {TermKind} from './terms/term-kind.js';

export type RankedTag = {
  /** Normalised key (NFKC + lower case), stable across spellings. */
  key: string;
  /** Most frequent spelling in the window, without its sign (`#`, `$`, `@`). */
  display: string;
  /** Posts in the window carrying the term. */
  count: number;
  /** Distinct authors of those posts. */
  accounts: number;
  /** `rising` only: the term's score against its baseline. */
  score?: number;
  /** 1-based rank in this emission. */
  rank: number;
};

export type WindowResult = {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive; always a multiple of the slide. */
  end: number;
  windowMs: number;
  slideMs: number;
  /** What is counted. */
  terms: TermKind;
  /** How `top` is ordered. */
  rank: RankOrder;
  /** Posts whose time falls in [start, end). */
  posts: number;
  /** Posts that arrived too late to be counted, since the start of the run. */
  late: number;
  /** Posts not counted again because their id was already counted, since the start of the run. */
  duplicates: number;
  /**
   * Top terms: by posts (count desc, key asc), by accounts (accounts desc, key asc) or rising
   * (score desc, accounts desc, key asc; zero scores left out); every term when the top size
   * is 0.
   */
  top: RankedTag[];
  /** `rising` before any earlier window exists to compare against. */
  warmingUp?: boolean;
  /** A live run's window that began before the run did, so it holds only part of its posts. */
  partial?: boolean;
};
