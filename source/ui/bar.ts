// Draws one horizontal bar of a bar chart as text, with eighth-of-a-cell precision so that
// close counts stay visibly different even when the bar column is narrow.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A bar `value / max` of `width` cells. Block elements by default; with `ascii`, whole `#`
 * cells (block elements are East-Asian-Ambiguous width and some terminals draw them wide).
 * A non-zero value never vanishes: it gets at least the thinnest mark.
 */
export function horizontalBar(value: number, max: number, width: number, ascii = false): string {
  if (!(max > 0) || !(value > 0) || width <= 0) return '';
  const ratio = Math.min(value / max, 1);
  if (ascii) {
    return '#'.repeat(Math.max(1, Math.round(ratio * width)));
  }
  const eighths = Math.max(1, Math.round(ratio * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}
