// Pipe mode's output: one record per window slide as NDJSON, or one row per (window, tag) as
// TSV/CSV. Pure string building, so batch replay and live pipe mode print the same bytes.
import type {RankOrder} from '../rank-order.js';
import {sanitizeForTerminal} from '../sanitize.js';
import {displayTerm, type TermKind} from '../terms/term-kind.js';
import type {WindowResult} from '../window-result.js';

export type RecordFormat = 'ndjson' | 'tsv' | 'csv';

export type RecordFormatter = {
  /** Printed once before the first record (CSV only). */
  header: string | undefined;
  /** The lines for one window, each ending in `\n`; at least one line per window. */
  format(result: WindowResult): string;
};

/** One term of a record: as shown, its stable key, posts, accounts, and the rising score. */
export type RecordTerm = {
  tag: string;
  key: string;
  count: number;
  accounts: number;
  score?: number;
};

/** One NDJSON record, as the README's pipe-mode section documents it and scripts read it. */
export type NdjsonRecord = {
  window_start: string;
  window_end: string;
  window_s: number;
  slide_s: number;
  posts: number;
  late: number;
  duplicates: number;
  terms: TermKind;
  rank: RankOrder;
  /** A live run's window that began before the run did. */
  partial?: true;
  /** `rising` before any earlier window exists to compare against. */
  warming_up?: true;
  top: RecordTerm[];
};

const iso = (ms: number) => new Date(ms).toISOString();

function ndjson(result: WindowResult): string {
  const top = result.top.map((tag) => {
    const term: RecordTerm = {
      tag: displayTerm(result.terms, tag.display),
      key: tag.key,
      count: tag.count,
      accounts: tag.accounts,
    };
    if (tag.score !== undefined) term.score = tag.score;
    return term;
  });
  // Flags go before `top`, where a reader of the line sees them.
  const record: NdjsonRecord = {
    window_start: iso(result.start),
    window_end: iso(result.end),
    window_s: result.windowMs / 1000,
    slide_s: result.slideMs / 1000,
    posts: result.posts,
    late: result.late,
    duplicates: result.duplicates,
    terms: result.terms,
    rank: result.rank,
    ...(result.partial ? {partial: true as const} : {}),
    ...(result.warmingUp ? {warming_up: true as const} : {}),
    top,
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
  const rising = result.rank === 'rising';
  // A window without terms still gets its row (empty tag and key, counts 0), so every format
  // lists the same windows as NDJSON does.
  if (result.top.length === 0) {
    const empty = rising ? ['', '', '0', '0', '0'] : ['', '', '0', '0'];
    return [end, ...empty, String(result.posts)].join(separator) + '\n';
  }
  let out = '';
  for (const tag of result.top) {
    const shown = cell(displayTerm(result.terms, tag.display));
    out += `${end}${separator}${shown}${separator}${cell(tag.key)}${separator}${tag.count}`;
    out += `${separator}${tag.accounts}`;
    if (rising) out += `${separator}${tag.score ?? 0}`;
    out += `${separator}${result.posts}\n`;
  }
  return out;
}

/** The header row: the score column only when ranking by `rising`. */
function header(rank: RankOrder, separator: string): string {
  const columns = ['window_end', 'tag', 'key', 'count', 'accounts'];
  if (rank === 'rising') columns.push('score');
  columns.push('posts');
  return columns.join(separator) + '\n';
}

/** `rank` decides the columns (a score only for `rising`); it does not change within a run. */
export function createRecordFormatter(
  format: RecordFormat,
  rank: RankOrder = 'posts',
): RecordFormatter {
  switch (format) {
    case 'ndjson':
      return {header: undefined, format: ndjson};
    case 'tsv':
      return {header: undefined, format: (result) => rows(result, tsvCell, '\t')};
    case 'csv':
      return {header: header(rank, ','), format: (result) => rows(result, csvCell, ',')};
  }
}
