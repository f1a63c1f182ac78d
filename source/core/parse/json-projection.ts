// JSON.parse with a projection, straight from UTF-8 bytes: reads one JSON text and builds only
// the parts a shape names, skipping (but fully validating) everything else. Archive lines are
// mostly fields nobody counts (metrics, users, rules, URLs with offsets); decoding the whole
// line to a string and building all of it as objects is most of what JSON.parse costs, and a
// byte loop that only looks at each byte once is several times cheaper.
//
// For every path the shape names, the value built is the one `JSON.parse(utf8 decode of the
// bytes)` would give: the same strings (decoded by the same UTF-8 decoder, piece by piece
// between ASCII quotes and escapes, which no multi-byte sequence can span), the same numbers,
// duplicate keys resolved last-wins. So code that only reads those paths cannot tell the two
// apart. Anything that is not valid JSON gives `undefined`, as does a text nested too deep for
// this reader's recursion.

/**
 * Which parts of a value to build. `keys`: the members kept when the value is an object (each
 * projected by its own shape); `items`: the shape of every element when it is an array (an
 * array without `items` comes out empty, so give `items` wherever a length or an element is
 * read). Strings, numbers, booleans and null are always kept as they are. An empty shape keeps
 * a primitive as is and a container as an empty one of the same kind.
 */
export type Shape = {keys?: Readonly<Record<string, Shape>>; items?: Shape};

/** The leaf shape: a primitive as is (a string decoded), a container as an empty one. */
export const LEAF: Shape = Object.freeze({});

/** A shape prepared for matching keys as bytes; make one per shape, once. */
export type CompiledShape = {
  readonly names: readonly string[];
  readonly nameBytes: readonly Uint8Array[];
  readonly shapes: readonly CompiledShape[];
  /** Whether objects are built at all (else skipped to an empty one). */
  readonly keyed: boolean;
  readonly items: CompiledShape | undefined;
};

export function compileShape(shape: Shape): CompiledShape {
  const names = Object.keys(shape.keys ?? {});
  const encoder = new TextEncoder();
  return {
    names,
    nameBytes: names.map((name) => encoder.encode(name)),
    shapes: names.map((name) => compileShape(shape.keys![name]!)),
    keyed: shape.keys !== undefined,
    items: shape.items === undefined ? undefined : compileShape(shape.items),
  };
}

// The decoders Buffer#toString dispatches to, called directly: for the many short strings of a
// line, toString's argument handling costs as much as the decoding.
type DecodingBuffer = Buffer & {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** 1 for the bytes a string runs on over: all but `"`, `\\` and control characters. */
const PLAIN = new Uint8Array(256).fill(1);
PLAIN.fill(0, 0, 0x20);
PLAIN[QUOTE] = 0;
PLAIN[BACKSLASH] = 0;

// The reader's cursor. Module state rather than an object: the hot loops read it as a context
// slot, and nothing here is re-entered (no callbacks run while a text is read).
let bytes = Buffer.alloc(0) as DecodingBuffer;
let at = 0;
let end = 0;

class Invalid extends Error {}
const INVALID = new Invalid('invalid JSON');

/**
 * The value of the JSON text in `source[from, to)` projected by `shape`, or undefined if it is
 * not valid JSON. White space before and after the value is JSON's own (space, tab, CR, LF).
 */
export function projectJson(
  source: Buffer,
  shape: CompiledShape,
  from = 0,
  to = source.length,
): unknown {
  bytes = source as DecodingBuffer;
  at = from;
  end = to;
  try {
    skipSpace();
    const value = readValue(shape);
    skipSpace();
    // Reading never stops at `to` on its own (a string or number may run on into the next
    // line of a block), so a value that ends anywhere but `to` was not this text's.
    return at === end ? value : undefined;
  } catch {
    // Invalid JSON, or a stack overflow on deep nesting (which JSON.parse may survive): either
    // way this reader cannot say what JSON.parse would, and the caller should ask it.
    return undefined;
  }
}

function skipSpace(): void {
  while (at < end) {
    const c = bytes[at]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    at++;
  }
}

function readValue(shape: CompiledShape): unknown {
  const c = bytes[at];
  if (c === QUOTE) return readString();
  if (c === 0x7b /* { */) {
    if (shape.keyed) return readObject(shape);
    skipObject();
    return {};
  }
  if (c === 0x5b /* [ */) {
    if (shape.items !== undefined) return readArray(shape.items);
    skipArray();
    return [];
  }
  return readLiteral(c, true);
}

function readObject(shape: CompiledShape): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  at++;
  skipSpace();
  if (bytes[at] === 0x7d /* } */) {
    at++;
    return object;
  }
  for (;;) {
    if (bytes[at] !== QUOTE) throw INVALID;
    const index = readKey(shape);
    skipSpace();
    if (bytes[at] !== 0x3a /* : */) throw INVALID;
    at++;
    skipSpace();
    if (index < 0) skipValue();
    else object[shape.names[index]!] = readValue(shape.shapes[index]!);
    if (endOfMember(0x7d /* } */)) return object;
  }
}

/** Reads the key at the cursor: the index of the shape's name it is, or -1. */
function readKey(shape: CompiledShape): number {
  const start = at + 1;
  let i = start;
  let escaped = false;
  for (;;) {
    const c = bytes[i]!;
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      i = escapeEnd(i);
    } else if (c >= 0x20) i++;
    else throw INVALID;
  }
  at = i + 1;
  if (escaped) {
    // A key written with escapes (`"\u0074ext"` is `text`) is compared decoded.
    at = start - 1;
    return shape.names.indexOf(readString());
  }
  const length = i - start;
  const {nameBytes} = shape;
  for (let k = 0; k < nameBytes.length; k++) {
    const name = nameBytes[k]!;
    if (name.length !== length) continue;
    let j = 0;
    while (j < length && name[j] === bytes[start + j]) j++;
    if (j === length) return k;
  }
  return -1;
}

function readArray(items: CompiledShape): unknown[] {
  const array: unknown[] = [];
  at++;
  skipSpace();
  if (bytes[at] === 0x5d /* ] */) {
    at++;
    return array;
  }
  for (;;) {
    array.push(readValue(items));
    if (endOfMember(0x5d /* ] */)) return array;
  }
}

/** After a member: true at the container's end, false after a comma (at the next member). */
function endOfMember(close: number): boolean {
  skipSpace();
  const c = bytes[at];
  at++;
  if (c === close) return true;
  if (c !== 0x2c /* , */) throw INVALID;
  skipSpace();
  return false;
}

function skipValue(): void {
  const c = bytes[at];
  if (c === QUOTE) skipString();
  else if (c === 0x7b) skipObject();
  else if (c === 0x5b) skipArray();
  else readLiteral(c, false);
}

function skipObject(): void {
  at++;
  skipSpace();
  if (bytes[at] === 0x7d) {
    at++;
    return;
  }
  for (;;) {
    if (bytes[at] !== QUOTE) throw INVALID;
    skipString();
    skipSpace();
    if (bytes[at] !== 0x3a) throw INVALID;
    at++;
    skipSpace();
    skipValue();
    if (endOfMember(0x7d)) return;
  }
}

function skipArray(): void {
  at++;
  skipSpace();
  if (bytes[at] === 0x5d) {
    at++;
    return;
  }
  for (;;) {
    skipValue();
    if (endOfMember(0x5d)) return;
  }
}

/**
 * Past a string, checked as JSON.parse checks it: no raw control characters, valid escapes.
 * Bytes of multi-byte UTF-8 sequences are all 0x80 or above, so they never look like a quote,
 * a backslash or a control character; past the end of the buffer a read is undefined, which
 * fails the `>= 0x20` test and ends the loop.
 */
function skipString(): void {
  const b = bytes;
  let i = at + 1;
  for (;;) {
    // One table look-up per byte: most of a line is string contents.
    while (PLAIN[b[i]!] === 1) i++;
    const c = b[i];
    if (c === QUOTE) break;
    if (c === BACKSLASH) i = escapeEnd(i);
    else throw INVALID;
  }
  at = i + 1;
}

/** The string at the cursor, decoded; in one piece when it has no escapes. */
function readString(): string {
  const b = bytes;
  const start = at + 1;
  let i = start;
  while (PLAIN[b[i]!] === 1) i++;
  const c = b[i];
  if (c === QUOTE) {
    at = i + 1;
    return b.utf8Slice(start, i);
  }
  if (c === BACKSLASH) return readEscapedString(start, i);
  throw INVALID;
}

function readEscapedString(start: number, firstEscape: number): string {
  let value = bytes.utf8Slice(start, firstEscape);
  let i = firstEscape;
  let runStart = i;
  for (;;) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      at = i + 1;
      return value + bytes.utf8Slice(runStart, i);
    }
    if (c === BACKSLASH) {
      value += bytes.utf8Slice(runStart, i) + unescape(i);
      i = escapeEnd(i);
      runStart = i;
    } else if (c >= 0x20) {
      i++;
    } else {
      throw INVALID;
    }
  }
}

/** Where the escape sequence starting at `i` (its backslash) ends; throws if it is not one. */
function escapeEnd(i: number): number {
  const c = bytes[i + 1];
  if (c === 0x75 /* u */) {
    if (hex4(i + 2) < 0) throw INVALID;
    return i + 6;
  }
  if (
    c === QUOTE ||
    c === BACKSLASH ||
    c === 0x2f /* / */ ||
    c === 0x62 /* b */ ||
    c === 0x66 /* f */ ||
    c === 0x6e /* n */ ||
    c === 0x72 /* r */ ||
    c === 0x74 /* t */
  ) {
    return i + 2;
  }
  throw INVALID;
}

/**
 * The character an escape stands for. `\uXXXX` is one UTF-16 code unit, as in JSON.parse: a
 * surrogate pair written as two escapes joins when concatenated, and a lone one stays lone.
 */
function unescape(i: number): string {
  switch (bytes[i + 1]) {
    case 0x75:
      return String.fromCharCode(hex4(i + 2));
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      // `\"`, `\\` and `\/` stand for themselves.
      return String.fromCharCode(bytes[i + 1]!);
  }
}

/** The value of four hex digits at `i`, or -1. */
function hex4(i: number): number {
  let value = 0;
  for (let k = i; k < i + 4; k++) {
    const c = bytes[k]!;
    let digit: number;
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) digit = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) digit = c - 0x37;
    else return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** `true`, `false`, `null` or a number, read by JSON's grammar (no `+1`, `01`, `.5` or `1.`). */
function readLiteral(c: number | undefined, keep: boolean): unknown {
  if (c === 0x74 /* t */ && word(0x72, 0x75, 0x65)) {
    at += 4;
    return true;
  }
  if (c === 0x66 /* f */ && word(0x61, 0x6c, 0x73) && bytes[at + 4] === 0x65) {
    at += 5;
    return false;
  }
  if (c === 0x6e /* n */ && word(0x75, 0x6c, 0x6c)) {
    at += 4;
    return null;
  }
  const start = at;
  let i = at;
  if (c === 0x2d /* - */) i++;
  let d = bytes[i]!;
  if (d === 0x30) {
    i++;
  } else if (d >= 0x31 && d <= 0x39) {
    do d = bytes[++i]!;
    while (d >= 0x30 && d <= 0x39);
  } else {
    throw INVALID;
  }
  if (bytes[i] === 0x2e /* . */) i = digitsEnd(i + 1);
  d = bytes[i]!;
  if (d === 0x65 /* e */ || d === 0x45 /* E */) {
    d = bytes[++i]!;
    if (d === 0x2b /* + */ || d === 0x2d /* - */) i++;
    i = digitsEnd(i);
  }
  at = i;
  // JSON's number grammar is a subset of Number's, and both round to the nearest double.
  return keep ? Number(bytes.latin1Slice(start, i)) : undefined;
}

/** Whether the three bytes after the cursor are these. */
function word(a: number, b: number, c: number): boolean {
  return bytes[at + 1] === a && bytes[at + 2] === b && bytes[at + 3] === c;
}

/** The end of one or more digits starting at `i`; throws when there is none. */
function digitsEnd(i: number): number {
  let d = bytes[i]!;
  if (!(d >= 0x30 && d <= 0x39)) throw INVALID;
  do d = bytes[++i]!;
  while (d >= 0x30 && d <= 0x39);
  return i;
}
