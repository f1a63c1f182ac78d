// The validated settings a run works from, after flags, config file and defaults are merged:
// the ingest slice plus what only this process uses (the window, the output, the terminal).
import type {SourceOptions} from '../ingest/source-options.js';

export type TimeMode = 'arrival' | 'event';
export type OutputFormat = 'ndjson' | 'tsv' | 'csv';

export type Options = SourceOptions & {
  windowMs: number;
  slideMs: number;
  timeMode: TimeMode;
  /** Tags per window; 0 = all. */
  top: number;
  format: OutputFormat;
  /** Batch replay: also print windows holding no post. */
  empty?: boolean;
  /** Pipe mode even on a terminal. */
  pipe: boolean;
  color: boolean;
  /** ASCII bars instead of block elements (for terminals drawing ambiguous-width glyphs wide). */
  ascii: boolean;
};
