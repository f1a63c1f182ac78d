// Measures, cuts and pads text by the columns a terminal draws it in (CJK and emoji take two),
// because Ink 6's own truncation miscounts wide characters and would overflow a pane by a column.
//
// Measured for the widest way a terminal may draw it: an emoji ZWJ sequence (`👨‍👩‍👧`) or an emoji
// with a skin-tone modifier (`👏🏽`) is one glyph of 2 columns where the terminal joins it, but its
// parts side by side (6 and 4 columns) where it does not (tmux, xterm.js). Counting the wider
// keeps every row inside its width either way; a joining terminal shows a few spare columns.
// Text is made well-formed first: a lone surrogate measures 0 columns but is drawn as U+FFFD.
import stringWidthOf from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Printable ASCII only: one column per character, no segmenting needed. */
const PLAIN = /^[\x20-\x7e]*$/;
/** Where a cluster may fall apart into parts: zero-width joiners and emoji modifiers. */
const JOINS = /\u200d|[\u{1f3fb}-\u{1f3ff}]/u;
const PARTS = /\u200d|(?=[\u{1f3fb}-\u{1f3ff}])/u;

/** Columns one grapheme cluster may take: joined or as its parts, whichever is wider. */
function clusterWidth(cluster: string): number {
  const joined = stringWidthOf(cluster);
  if (!JOINS.test(cluster)) return joined;
  let parts = 0;
  for (const part of cluster.split(PARTS)) parts += stringWidthOf(part);
  return Math.max(joined, parts);
}

/** Columns `text` may take on any terminal (see the module comment). */
export function stringWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let width = 0;
  for (const {segment} of segmenter.segment(text.toWellFormed())) width += clusterWidth(segment);
  return width;
}

/**
 * `text` cut to at most `width` columns, ending in `…` when something was cut (`ascii`: in `.`,
 * since `…` is East-Asian-Ambiguous width and some terminals draw it two columns wide).
 */
export function truncateToWidth(text: string, width: number, ascii = false): string {
  if (width <= 0) return '';
  const whole = text.toWellFormed();
  if (stringWidth(whole) <= width) return whole;
  let out = '';
  let used = 0;
  for (const {segment} of segmenter.segment(whole)) {
    const w = clusterWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + (ascii ? '.' : '…');
}

/** `text` fitted to exactly `width` columns: truncated, then padded with spaces. */
export function fitToWidth(text: string, width: number, ascii = false): string {
  const cut = truncateToWidth(text, width, ascii);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** `text` right-aligned in `width` columns (never cut: counts must stay readable). */
export function padStartToWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** `text` broken at spaces into lines of at most `width` columns (long words are cut). */
export function wrapToWidth(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (stringWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = stringWidth(word) <= width ? word : truncateToWidth(word, width);
  }
  if (line !== '') lines.push(line);
  return lines;
}
