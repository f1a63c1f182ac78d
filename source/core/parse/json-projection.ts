// JSON.parse with a projection: reads one JSON text and builds only the parts a shape names,
// skipping (but fully validating) everything else. Archive lines are mostly fields nobody
// counts (metrics, users, rules, URLs with offsets); building them as objects is most of what
// JSON.parse costs. For every path the shape names, the value built is the one JSON.parse
// would give (same strings, numbers, duplicate keys resolved last-wins), so code that only
// reads those paths cannot tell the two apart. Anything that is not valid JSON gives
// `undefined`, as does a text nested too deep for this reader's recursion.

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// The reader's cursor. Module state rather than an object: the hot loops read it as a context
// slot, and nothing here is re-entered (no callbacks run while a text is read).
let text = '';
let at = 0;

class Invalid extends Error {}
const INVALID = new Invalid('invalid JSON');

/** The value of the JSON text `source[from…]` projected by `shape`, or undefined if invalid. */
export function projectJson(source: string, shape: Shape, from = 0): unknown {
  text = source;
  at = from;
  try {
    skipSpace();
    const value = readValue(shape);
    skipSpace();
    return at === text.length ? value : undefined;
  } catch {
    // Invalid JSON, or a stack overflow on deep nesting (which JSON.parse may survive): either
    // way this reader cannot say what JSON.parse would, and the caller should ask it.
    return undefined;
  } finally {
    text = '';
  }
}

function skipSpace(): void {
  let c = text.charCodeAt(at);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++at);
}

function readValue(shape: Shape): unknown {
  const c = text.charCodeAt(at);
  if (c === QUOTE) return readString();
  if (c === 0x7b /* { */) return shape.keys === undefined ? skipObject({}) : readObject(shape.keys);
  if (c === 0x5b /* [ */) return shape.items === undefined ? skipArray([]) : readArray(shape.items);
  return readLiteral(c, true);
}

function readObject(keys: Readonly<Record<string, Shape>>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  at++;
  skipSpace();
  if (text.charCodeAt(at) === 0x7d /* } */) {
    at++;
    return object;
  }
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) throw INVALID;
    const key = readString();
    skipSpace();
    if (text.charCodeAt(at) !== 0x3a /* : */) throw INVALID;
    at++;
    skipSpace();
    // Own members only: a key such as `constructor` must not find Object.prototype's.
    const shape = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (shape === undefined) skipValue();
    else object[key] = readValue(shape);
    if (endOfMember(0x7d /* } */)) return object;
  }
}

function readArray(items: Shape): unknown[] {
  const array: unknown[] = [];
  at++;
  skipSpace();
  if (text.charCodeAt(at) === 0x5d /* ] */) {
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
  const c = text.charCodeAt(at);
  at++;
  if (c === close) return true;
  if (c !== 0x2c /* , */) throw INVALID;
  skipSpace();
  return false;
}

function skipValue(): void {
  const c = text.charCodeAt(at);
  if (c === QUOTE) skipString();
  else if (c === 0x7b) skipObject(undefined);
  else if (c === 0x5b) skipArray(undefined);
  else readLiteral(c, false);
}

function skipObject<T>(result: T): T {
  at++;
  skipSpace();
  if (text.charCodeAt(at) === 0x7d) {
    at++;
    return result;
  }
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) throw INVALID;
    skipString();
    skipSpace();
    if (text.charCodeAt(at) !== 0x3a) throw INVALID;
    at++;
    skipSpace();
    skipValue();
    if (endOfMember(0x7d)) return result;
  }
}

function skipArray<T>(result: T): T {
  at++;
  skipSpace();
  if (text.charCodeAt(at) === 0x5d) {
    at++;
    return result;
  }
  for (;;) {
    skipValue();
    if (endOfMember(0x5d)) return result;
  }
}

/** Past a string, checked as JSON.parse checks it: no raw control characters, valid escapes. */
function skipString(): void {
  let i = at + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) break;
    if (c === BACKSLASH) i = escapeEnd(i);
    else if (c < 0x20 || Number.isNaN(c)) throw INVALID;
    else i++;
  }
  at = i + 1;
}

/** The string at the cursor, decoded; sliced straight from the text when it has no escapes. */
function readString(): string {
  const start = at + 1;
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      at = i + 1;
      return text.slice(start, i);
    }
    if (c === BACKSLASH) return readEscapedString(start, i);
    if (c < 0x20 || Number.isNaN(c)) throw INVALID;
    i++;
  }
}

function readEscapedString(start: number, firstEscape: number): string {
  let value = text.slice(start, firstEscape);
  let i = firstEscape;
  let runStart = i;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      at = i + 1;
      return value + text.slice(runStart, i);
    }
    if (c === BACKSLASH) {
      value += text.slice(runStart, i) + unescape(i);
      i = escapeEnd(i);
      runStart = i;
    } else if (c < 0x20 || Number.isNaN(c)) {
      throw INVALID;
    } else {
      i++;
    }
  }
}

/** Where the escape sequence starting at `i` (its backslash) ends; throws if it is not one. */
function escapeEnd(i: number): number {
  const c = text.charCodeAt(i + 1);
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
  switch (text.charCodeAt(i + 1)) {
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
      return text[i + 1]!;
  }
}

/** The value of four hex digits at `i`, or -1. */
function hex4(i: number): number {
  let value = 0;
  for (let k = i; k < i + 4; k++) {
    const c = text.charCodeAt(k);
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
function readLiteral(c: number, keep: boolean): unknown {
  if (c === 0x74 /* t */ && text.startsWith('true', at)) {
    at += 4;
    return true;
  }
  if (c === 0x66 /* f */ && text.startsWith('false', at)) {
    at += 5;
    return false;
  }
  if (c === 0x6e /* n */ && text.startsWith('null', at)) {
    at += 4;
    return null;
  }
  const start = at;
  let i = at;
  if (c === 0x2d /* - */) i++;
  let d = text.charCodeAt(i);
  if (d === 0x30) {
    i++;
  } else if (d >= 0x31 && d <= 0x39) {
    do d = text.charCodeAt(++i);
    while (d >= 0x30 && d <= 0x39);
  } else {
    throw INVALID;
  }
  if (text.charCodeAt(i) === 0x2e /* . */) i = digitsEnd(i + 1);
  d = text.charCodeAt(i);
  if (d === 0x65 /* e */ || d === 0x45 /* E */) {
    d = text.charCodeAt(++i);
    if (d === 0x2b /* + */ || d === 0x2d /* - */) i++;
    i = digitsEnd(i);
  }
  at = i;
  // JSON's number grammar is a subset of Number's, and both round to the nearest double.
  return keep ? Number(text.slice(start, i)) : undefined;
}

/** The end of one or more digits starting at `i`; throws when there is none. */
function digitsEnd(i: number): number {
  let d = text.charCodeAt(i);
  if (!(d >= 0x30 && d <= 0x39)) throw INVALID;
  do d = text.charCodeAt(++i);
  while (d >= 0x30 && d <= 0x39);
  return i;
}
