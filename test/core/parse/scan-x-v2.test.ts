// The X v2 scanner must give exactly what parseLine gives (the JSON.parse path) for every line
// it reads, and leave every line it cannot read with certainty (invalid JSON, other formats)
// to parseLine: on the fixtures, and on generated lines with escapes, surrogates, nesting,
// unknown fields, duplicate keys, shuffled field orders and white space between tokens.
import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {parseLine, type ParsedLine} from '../../../source/core/parse/parse-line.js';
import {scanLine, scanXLine} from '../../../source/core/parse/scan-x-v2.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const context = () => ({now: NOW, nextId: () => 'plain'});

/** parseLine on the line as batch replay hands it over: UTF-8 bytes decoded. */
function viaJsonParse(line: string): ParsedLine {
  return parseLine(Buffer.from(line).toString('utf8'), context());
}

function viaScanner(line: string | Buffer): ParsedLine | undefined {
  const bytes = typeof line === 'string' ? Buffer.from(line) : line;
  return scanXLine(bytes, 0, bytes.length, context());
}

function fixtureLines(): {name: string; line: string}[] {
  const root = new URL('../../fixtures/', import.meta.url);
  const found: {name: string; line: string}[] = [];
  for (const entry of readdirSync(root, {recursive: true, encoding: 'utf8'})) {
    if (!entry.endsWith('.jsonl')) continue;
    const text = readFileSync(new URL(entry, root), 'utf8');
    for (const line of text.split('\n')) if (line.length > 0) found.push({name: entry, line});
  }
  return found;
}

describe('the X v2 scanner on the fixtures', () => {
  const lines = fixtureLines();

  test('gives the JSON.parse path its posts exactly, line by line', () => {
    let scanned = 0;
    for (const {name, line} of lines) {
      const fast = viaScanner(line);
      if (fast === undefined) continue;
      scanned++;
      expect({name, result: fast}).toStrictEqual({name, result: viaJsonParse(line)});
    }
    // Stream messages and pages (twarc2's unflattened output) are the scanner's to read.
    const messages = lines.filter(({line}) => line.startsWith('{"data":'));
    expect(messages.length).toBeGreaterThan(5);
    expect(scanned).toBe(messages.length);
  });

  test('leaves other formats to parseLine, and scanLine gives its result for every line', () => {
    for (const {line} of lines.filter(({line}) => !line.includes('"data"'))) {
      expect(viaScanner(line)).toBeUndefined();
    }
    for (const {line} of lines) {
      const bytes = Buffer.from(`  ${line}\r\n`);
      expect(scanLine(bytes, 2, bytes.length - 2, context())).toStrictEqual(viaJsonParse(line));
    }
  });
});

describe('the X v2 scanner on hand-picked lines', () => {
  test.each([
    ['a truncated line', '{"data":{"id":"1","text":"hi #a"'],
    ['a raw control character in a skipped string', '{"data":{"id":"1","text":"x","z":"a\tb"}}'],
    ['a bad escape in a skipped string', '{"data":{"id":"1","text":"x"},"z":"\\x"}'],
    ['a leading zero in a skipped number', '{"data":{"id":"1","text":"x"},"n":01}'],
    ['trailing garbage', '{"data":{"id":"1","text":"x"}} x'],
    ['a trailing comma', '{"data":{"id":"1","text":"x",}}'],
  ])('%s is invalid JSON: not read', (_name, line) => {
    expect(viaJsonParse(line).kind).toBe('malformed');
    expect(viaScanner(line)).toBeUndefined();
  });

  test('the last of duplicate keys wins, as in JSON.parse', () => {
    const line =
      '{"data":{"id":"1","text":"first #one","text":"second #two","entities":{"hashtags":[{"tag":"one"}]},' +
      '"entities":{"hashtags":[{"tag":"two"},{"tag":"Two"},{"tag":""}]}}}';
    expect(viaScanner(line)).toStrictEqual(viaJsonParse(line));
    expect(viaScanner(line)).toMatchObject({posts: [{text: 'second #two', hashtags: ['two']}]});
  });

  test('keys and text written with escapes decode as JSON.parse decodes them', () => {
    const line =
      '{"d\\u0061ta":{"\\u0069d":1.5e3,"text":"caf\\u00e9 \\ud83d\\ude00 \\ud800 lone \\"q\\" \\\\ \\/ \\n",' +
      '"created_at":"2026-11-26T12:00:01.000Z"}}';
    const fast = viaScanner(line);
    expect(fast).toStrictEqual(viaJsonParse(line));
    expect(fast).toMatchObject({posts: [{id: '1500', text: 'café 😀 \ud800 lone "q" \\ / \n'}]});
  });

  test('invalid UTF-8 decodes to the same replacement characters', () => {
    const head = Buffer.from('{"data":{"id":"1","text":"a');
    const tail = Buffer.from(' #b"}}');
    const bytes = Buffer.concat([head, Buffer.from([0xe2, 0x82, 0xff, 0xc0]), tail]);
    expect(viaScanner(bytes)).toStrictEqual(viaJsonParse(bytes.toString('utf8')));
  });
});

// Lines built from a value with every freedom JSON allows: keys in any order, any member
// written twice, unknown members holding any JSON, characters escaped or not, white space.

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type Writer = {
  space: () => string;
  escape: (unit: number) => boolean;
  upperHex: boolean;
};

/** `value` as JSON text, with the writer's choices of escapes, white space and key order. */
function write(value: Json, writer: Writer, order: (keys: string[]) => string[]): string {
  const s = writer.space;
  if (typeof value === 'string') return writeString(value, writer);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${s()}${value.map((item) => write(item, writer, order)).join(`${s()},${s()}`)}${s()}]`;
  }
  const members = order(Object.keys(value)).map(
    (key) => `${writeString(key, writer)}${s()}:${s()}${write(value[key]!, writer, order)}`,
  );
  return `{${s()}${members.join(`${s()},${s()}`)}${s()}}`;
}

function writeString(text: string, writer: Writer): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const short = {0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x09: '\\t', 0x0d: '\\r'}[unit];
    if (short !== undefined && (unit === 0x22 || unit === 0x5c || !writer.escape(unit))) {
      out += short;
    } else if (unit < 0x20 || writer.escape(unit)) {
      const hex = unit.toString(16).padStart(4, '0');
      out += `\\u${writer.upperHex ? hex.toUpperCase() : hex}`;
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
}

// Text with what makes decoding hard: escapes, astral characters, lone surrogates, controls.
const unit = fc.oneof(
  fc.string({unit: 'grapheme', minLength: 1, maxLength: 1}),
  fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '&amp;', '&lt;', '#', '$', '@'),
  fc.constantFrom('😀', '👍🏽', 'é', '東京', '\u2028'),
  fc.integer({min: 0xd800, max: 0xdfff}).map((code) => String.fromCharCode(code)),
);
const text = fc.string({unit, maxLength: 30});
const tag = fc.oneof(fc.constantFrom('StanLee', 'stanlee', 'Café', 'ＳｔａｎＬｅｅ', ''), text);
const id = fc.oneof(
  fc.constantFrom('1600000000000000001', '1500000000000000001', '42'),
  fc.constantFrom(42, 1.5e3, -0, 1e21, 160000000000000),
);
const junk = fc.jsonValue({maxDepth: 3}) as fc.Arbitrary<Json>;
const entityList = (field: string) =>
  fc.array(
    fc.oneof(
      {weight: 4, arbitrary: tag.map((value) => ({[field]: value, start: 0, end: 3}))},
      {weight: 1, arbitrary: junk},
    ),
    {maxLength: 4},
  );
const entities = fc.record(
  {hashtags: entityList('tag'), cashtags: entityList('tag'), mentions: entityList('username')},
  {requiredKeys: []},
);
const content = {
  text,
  entities: fc.oneof({weight: 4, arbitrary: entities}, {weight: 1, arbitrary: junk}),
  note_tweet: fc.record({text, entities}, {requiredKeys: []}),
};
const post = fc.record(
  {
    ...content,
    id,
    created_at: fc.oneof(
      fc.constantFrom(
        '2026-11-26T12:00:01.000Z',
        '2026-11-26T12:00:01Z',
        'Thu May 10 17:41:57 +0000 2018',
      ),
      text,
    ),
    lang: fc.oneof(fc.constantFrom('en', 'ja', 'und', ''), junk),
    author_id: id,
    author: fc.record({username: tag}, {requiredKeys: []}),
    referenced_tweets: fc.array(
      fc.record(
        {type: fc.constantFrom('retweeted', 'quoted', 'replied_to'), id, text},
        {requiredKeys: ['type']},
      ),
      {maxLength: 2},
    ),
    public_metrics: junk,
    context_annotations: junk,
  },
  {requiredKeys: ['id']},
);
const message = fc.record(
  {
    data: fc.oneof({weight: 5, arbitrary: post}, {weight: 1, arbitrary: fc.array(post)}),
    includes: fc.record(
      {
        tweets: fc.array(fc.record({...content, id}, {requiredKeys: ['id']}), {maxLength: 2}),
        users: fc.array(fc.record({id, username: tag, name: text}), {maxLength: 2}),
        media: junk,
      },
      {requiredKeys: []},
    ),
    matching_rules: junk,
    errors: junk,
  },
  {requiredKeys: ['data']},
);

const writer = fc.record({
  spaces: fc.array(fc.constantFrom('', '', '', ' ', '\t', '\r\n', '  '), {minLength: 1}),
  escapeRate: fc.constantFrom(0, 0.1, 1),
  upperHex: fc.boolean(),
  seed: fc.integer(),
});

/** Duplicates of one member, written first so the value's own (last) one wins. */
const duplicate = fc.option(fc.constantFrom('text', 'id', 'entities', 'lang', 'note_tweet'));

describe('the X v2 scanner on generated lines', () => {
  test('reads what JSON.parse reads, or leaves the line to it', () => {
    fc.assert(
      fc.property(message, writer, duplicate, text, (value, choices, duplicateKey, decoy) => {
        let state = choices.seed;
        const next = () => ((state = (Math.imul(state, 1103515245) + 12345) | 0) >>> 8) / 2 ** 24;
        const pickWriter: Writer = {
          space: () => choices.spaces[Math.floor(next() * choices.spaces.length)]!,
          escape: () => next() < choices.escapeRate,
          upperHex: choices.upperHex,
        };
        const shuffle = (keys: string[]) => {
          const order = [...keys];
          for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(next() * (i + 1));
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          return order;
        };
        let line = write(value as Json, pickWriter, shuffle);
        const data = value.data as Json;
        if (duplicateKey !== null && !Array.isArray(data) && data !== null) {
          // `{"data":{"text":"decoy", …` — JSON.parse keeps the later value.
          const first = `"${duplicateKey}":${writeString(decoy, pickWriter)},`;
          line = line.replace(/"data"\s*:\s*\{/, (opening) => opening + first);
        }
        const fast = viaScanner(line);
        expect(fast).toBeDefined();
        expect(fast).toStrictEqual(viaJsonParse(line));
      }),
      {numRuns: 400},
    );
  });

  test('a damaged line is never read differently from JSON.parse', () => {
    fc.assert(
      fc.property(
        message,
        fc.nat(),
        fc.constantFrom('', '"', '{', ']', ',', '\\', '\u0001', 'x'),
        (value, cut, insert) => {
          const line = JSON.stringify(value);
          const at = cut % (line.length + 1);
          for (const damaged of [line.slice(0, at), line.slice(0, at) + insert + line.slice(at)]) {
            const fast = viaScanner(damaged);
            if (fast !== undefined) expect(fast).toStrictEqual(viaJsonParse(damaged));
            if (viaJsonParse(damaged).kind === 'malformed' && fast !== undefined) {
              expect(fast.kind).toBe('malformed');
            }
          }
        },
      ),
      {numRuns: 300},
    );
  });
});
