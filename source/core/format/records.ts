// Pipe mode's output: one record per window slide as NDJSON, or one row per (window, tag) as
// TSV/CSV. Pure string building, so batch replay and live pipe mode print the same bytes.
import {sanitizeForTerminal} from '../sanitize.js';
import type {WindowResult} from '../window-result.js';

export type RecordFormat = 'ndjson' | 'tsv' | 'csv';

export type RecordFormatter = {
  /** Printed once before the first record (CSV only). */
  header: string | undefined;
  /** The lines for one window, each ending in `\n`; at least one line per window. */
  format(result: WindowResult): string;
};

/** One NDJSON record, as the README's "Pipe mode" shows it and scripts read it. */
export type NdjsonRecord = {
  window_start: string;
  window_end: string;
  window_s: number;
  slide_s: number;
  posts: number;
  late: number;
  top: {tag: string; count: number}[];
};

const iso = (ms: number) => new Date(ms).toISOString();

function ndjson(result: WindowResult): string {
  const record: NdjsonRecord = {
    window_start: iso(result.start),
    window_end: iso(result.end),
    window_s: result.windowMs / 1000,
    slide_s: result.slideMs / 1000,
    posts: result.posts,
    late: result.late,
    top: result.top.map((tag) => ({tag: `#${tag.display}`, count: tag.count})),
  };
  return JSON.stringify(record) + '\n';
}

// Tags are network data and these rows may land on a terminal: escape sequences and control
// characters go, and tabs or newlines (which would also break a row; TSV cannot quote) become
// spaces. NDJSON needs none of this: JSON escapes control characters itself.
const tsvCell = (value: string) => sanitizeForTerminal(value);

// RFC 4180: quote a field holding a comma or quote; double inner quotes.
const csvCell = (value: string) => {
  const clean = sanitizeForTerminal(value);
  return /[",]/.test(clean) ? `"${clean.replace(/"/g, '""')}"` : clean;
};

function rows(result: WindowResult, cell: (value: string) => string, separator: string): string {
  const end = iso(result.end);
  // A window without tags still gets its row (empty tag, count 0), so every format lists the
  // same windows as NDJSON does.
  if (result.top.length === 0) return `${end}${separator}${separator}0\n`;
  let out = '';
  for (const tag of result.top) {
    out += `${end}${separator}${cell(`#${tag.display}`)}${separator}${tag.count}\n`;
  }
  return out;
}

export function createRecordFormatter(format: RecordFormat): RecordFormatter {
  switch (format) {
    case 'ndjson':
      return {header: undefined, format: ndjson};
    case 'tsv':
      return {header: undefined, format: (result) => rows(result, tsvCell, '\t')};
    case 'csv':
      return {
        header: 'window_end,tag,count\n',
        format: (result) => rows(result, csvCell, ','),
      };
  }
}
