// The validated settings a run works from, after flags, config file and defaults are merged.
import type {SourceName} from '../ingest/source.js';

export type TimeMode = 'arrival' | 'event';
export type OutputFormat = 'ndjson' | 'tsv' | 'csv';

export type Options = {
  /** Query words, ANDed, matched case-insensitively. Empty = everything the source offers. */
  query: string[];
  source: SourceName;
  /** Archive path for `--source replay`; `-` is stdin. */
  replayFile?: string;
  /** Replay speed multiplier by event time, or as fast as possible. */
  speed: number | 'max';
  windowMs: number;
  slideMs: number;
  timeMode: TimeMode;
  /** Tags per window; 0 = all. */
  top: number;
  format: OutputFormat;
  /** Pipe mode even on a terminal. */
  pipe: boolean;
  /** Also write every received post, in wire form, to this file. */
  recordFile?: string;
  /** X only: raw filtered-stream rule instead of the query. */
  rule?: string;
  /** Attach to a running ingest server instead of spawning one. */
  connect?: {host: string; port: number};
  /** Where `serve` listens (port 0 = ephemeral). */
  host: string;
  port: number;
  /** `serve --format text`: post text only, one line each, for Spark's socketTextStream. */
  serveFormat: 'ndjson' | 'text';
  retweets: boolean;
  lang?: string;
  /** Demo source: posts per second and random seed. */
  rate: number;
  seed?: number;
  color: boolean;
  /** ASCII bars instead of block elements (for terminals drawing ambiguous-width glyphs wide). */
  ascii: boolean;
};
