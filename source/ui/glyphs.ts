// The few non-ASCII symbols the dashboard's own text uses, and their `--ascii` stand-ins. Some
// terminals and fonts draw these (East-Asian-Ambiguous width) two columns wide or not at all;
// `--ascii` promises that nothing the program draws itself needs more than ASCII. Post text and
// names from the network are data and are left as they are.

const ASCII: ReadonlyArray<[RegExp, string]> = [
  [/·/g, '-'],
  [/…/g, '...'],
  [/→/g, '->'],
  [/×/g, 'x'],
  [/↑/g, '^'],
  [/↓/g, 'v'],
  [/▲/g, '^'],
  [/▼/g, 'v'],
];

/** The program's own text in the glyphs chosen: unchanged, or with ASCII stand-ins. */
export function glyphText(text: string, ascii: boolean): string {
  if (!ascii) return text;
  let out = text;
  for (const [symbol, stand] of ASCII) out = out.replace(symbol, stand);
  return out;
}
