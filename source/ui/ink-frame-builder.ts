// Ink's screen builder (`output.js` in Ink 6), redone for frames that are mostly the frame
// before. Ink lays every frame out as a grid of one object per cell (a fresh blank object for
// each of the 1,920 cells of an 80×24 screen), then turns each row back into a string by
// comparing every cell's styles with its neighbour's through three new Sets and a few arrays.
// Measured at 2,000 posts/s, that was two thirds of everything the dashboard allocated
// (17 of 26 MB a second), though most rows are the same as in the frame before.
//
// So: one shared blank cell, one wide character's filler cell kept per character, a row whose
// cells are the very ones of the frame before (the character lists come from Ink's caches,
// which `ink-text-caches.ts` carries from frame to frame) keeps the string it had, and between
// two cells with the same styles nothing is computed (the difference of equal styles is
// empty). Where styles change, Ink's own functions say how. The result is Ink's, string for
// string. A frame clipped horizontally (an `overflow="hidden"` box, only the too-small screen)
// is left to Ink, which slices its text with a library of its own.

/** One style of a styled character: `code` turns it on. */
export type StyleCode = {code: string};

/** One cell of Ink's grid, as its text tokenizer makes them. */
export type StyledChar = {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: readonly StyleCode[];
};

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};

type Operation =
  | {
      type: 'write';
      x: number;
      y: number;
      text: string;
      transformers: ReadonlyArray<(line: string, index: number) => string>;
    }
  | {type: 'clip'; clip: Clip}
  | {type: 'unclip'};

/** What an Ink `Output` holds once a frame has been rendered into it. */
export type FrameOutput = {
  width: number;
  height: number;
  operations: readonly Operation[];
  caches: {
    getStyledChars(line: string): readonly StyledChar[];
    getStringWidth(text: string): number;
  };
};

/** Ink's own style arithmetic (`@alcalzone/ansi-tokenize`). */
export type StyleCodes = {
  ansiCodesToString(codes: readonly StyleCode[]): string;
  diffAnsiCodes(from: readonly StyleCode[], to: readonly StyleCode[]): StyleCode[];
};

type Row = Array<StyledChar | undefined>;

const NO_STYLES: readonly StyleCode[] = [];
const BLANK: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES};

export class FrameBuilder {
  #rows: Row[] = [];
  #lines: string[] = [];
  readonly #fillers = new WeakMap<StyledChar, StyledChar>();

  constructor(private readonly codes: StyleCodes) {}

  /** The frame as Ink would write it; undefined when it clips horizontally (left to Ink). */
  build(output: FrameOutput): {output: string; height: number} | undefined {
    if (output.operations.some((op) => op.type === 'clip' && clipsHorizontally(op.clip))) {
      return undefined;
    }
    const rows: Row[] = [];
    for (let y = 0; y < output.height; y++)
      rows.push(new Array<StyledChar>(output.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const op of output.operations) {
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else this.#write(rows, output.caches, op, clips.at(-1));
    }
    const lines: string[] = [];
    for (let y = 0; y < rows.length; y++) {
      const before = this.#rows[y];
      const row = rows[y]!;
      lines.push(
        before !== undefined && sameCells(before, row) ? this.#lines[y]! : this.#text(row),
      );
    }
    this.#rows = rows;
    this.#lines = lines;
    return {output: lines.join('\n'), height: rows.length};
  }

  #write(
    rows: Row[],
    caches: FrameOutput['caches'],
    op: Extract<Operation, {type: 'write'}>,
    clip: Clip | undefined,
  ): void {
    let {y} = op;
    let lines = op.text.split('\n');
    if (clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
      const height = lines.length;
      if (y + height < clip.y1 || y > clip.y2) return;
      const from = y < clip.y1 ? clip.y1 - y : 0;
      const to = y + height > clip.y2 ? clip.y2 - y : height;
      lines = lines.slice(from, to);
      if (y < clip.y1) y = clip.y1;
    }
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      const row = rows[y + offsetY];
      // As Ink: a line below the grid is dropped (and so are the ones after it).
      if (row === undefined) continue;
      let line = lines[index]!;
      for (const transform of op.transformers) line = transform(line, index);
      let x = op.x;
      for (const char of caches.getStyledChars(line)) {
        row[x] = char;
        const width = Math.max(1, caches.getStringWidth(char.value));
        for (let cell = 1; cell < width; cell++) row[x + cell] = this.#filler(char);
        x += width;
      }
      offsetY++;
    }
  }

  /** The empty cell after a wide character, with its styles: the same object every frame. */
  #filler(char: StyledChar): StyledChar {
    let filler = this.#fillers.get(char);
    if (filler === undefined) {
      filler = {type: 'char', value: '', fullWidth: false, styles: char.styles};
      this.#fillers.set(char, filler);
    }
    return filler;
  }

  /** A row's text with the least style codes, as Ink's `styledCharsToString` writes it. */
  #text(row: Row): string {
    const cells = row.includes(undefined) ? row.filter((cell) => cell !== undefined) : row;
    const {ansiCodesToString, diffAnsiCodes} = this.codes;
    let text = '';
    let styles = NO_STYLES;
    for (let at = 0; at < cells.length; at++) {
      const cell = cells[at]!;
      if (at === 0) text += ansiCodesToString(cell.styles);
      else if (!sameStyles(styles, cell.styles))
        text += ansiCodesToString(diffAnsiCodes(styles, cell.styles));
      text += cell.value;
      styles = cell.styles;
    }
    if (styles.length > 0) text += ansiCodesToString(diffAnsiCodes(styles, NO_STYLES));
    return text.trimEnd();
  }
}

function clipsHorizontally(clip: Clip): boolean {
  return typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
}

function sameCells(a: Row, b: Row): boolean {
  if (a.length !== b.length) return false;
  for (let at = 0; at < a.length; at++) if (a[at] !== b[at]) return false;
  return true;
}

/** Equal codes in the same order: going from one to the other writes nothing. */
function sameStyles(a: readonly StyleCode[], b: readonly StyleCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let at = 0; at < a.length; at++) if (a[at]!.code !== b[at]!.code) return false;
  return true;
}
