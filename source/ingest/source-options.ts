// The options the ingest side works from: which source, what it keeps, where the server
// listens, where a client connects. The CLI's options extend this slice; ingest/ never sees
// the rest (window shape, output format, colours).
import type {SourceName} from './source.js';

export type SourceOptions = {
  /** Query words, ANDed, matched case-insensitively. Empty = everything the source offers. */
  query: string[];
  source: SourceName;
  /** Archive path for `--source replay`; `-` is stdin. */
  replayFile?: string;
  /** Replay speed multiplier by event time, or as fast as possible. */
  speed: number | 'max';
  /** X only: raw filtered-stream rule instead of the query. */
  rule?: string;
  retweets: boolean;
  lang?: string;
  /** Demo source: posts per second and random seed. */
  rate: number;
  seed?: number;
  /** Where `serve` listens (port 0 = ephemeral). */
  host: string;
  port: number;
  /** `serve --format text`: post text only, one line each, for Spark's socketTextStream. */
  serveFormat: 'ndjson' | 'text';
  /** Also write every received post, in wire form, to this file. */
  recordFile?: string;
  /** Attach to a running ingest server instead of spawning one. */
  connect?: {host: string; port: number};
};
