// The validated settings a run works from, after flags, config file and defaults are merged:
// the ingest slice plus what only this process uses (the window, the output, the terminal).
import type {RankOrder} from '../core/rank-order.js';
import type {TermKind} from '../core/terms/term-kind.js';
import type {SourceOptions} from '../ingest/source-options.js';

export type TimeMode = 'arrival' | 'event';
export type OutputFormat = 'ndjson' | 'tsv' | 'csv';

export type Options = SourceOptions & {
  windowMs: number;
  slideMs: number;
  timeMode: TimeMode;
  /** Trends per window; 0 = all. */
  top: number;
  /** What is counted: hashtags, words, cashtags or mentions. */
  terms: TermKind;
  /** How trends are ordered: by posts, by distinct accounts, or rising against the baseline. */
  rank: RankOrder;
  /** The history `rank: 'rising'` compares a window against; at least the window. */
  baselineMs: number;
  /** Least distinct accounts for a term to rank as rising. */
  minAccounts: number;
  /** Batch replay: also print windows with no posts. */
  empty: boolean;
  /** A source that has delivered no post after this long gives up (exit 1). None: never. */
  timeoutMs?: number;
  format: OutputFormat;
  /** Pipe mode even on a terminal. */
  pipe: boolean;
  color: boolean;
  /** ASCII bars instead of block elements (for terminals drawing ambiguous-width glyphs wide). */
  ascii: boolean;
};
