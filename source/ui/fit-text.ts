// Cuts and pads text by the columns a terminal draws it in (CJK and emoji take two), because
// Ink 6's own truncation miscounts wide characters and would overflow a pane by a column.
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * `text` cut to at most `width` columns, ending in `…` when something was cut (`ascii`: in `.`,
 * since `…` is East-Asian-Ambiguous width and some terminals draw it two columns wide).
 */
export function truncateToWidth(text: string, width: number, ascii = false): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const {segment} of segmenter.segment(text)) {
    const w = stringWidth(segment);
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

export {stringWidth};

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
