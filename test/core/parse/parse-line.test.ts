import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {parseLine, parseValue, type ParsedLine} from '../../../source/core/parse/parse-line.js';
import type {Post} from '../../../source/core/post.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');

function fixtureLines(name: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.length > 0);
}

/** A post in the wire form (the README's ingest server section), as the ingest server writes it and `--record` saves it. */
function toWire(post: Post, receivedAt: number): string {
  return JSON.stringify({
    type: 'post',
    id: post.id,
    created_at: new Date(post.createdAt).toISOString(),
    received_at: new Date(receivedAt).toISOString(),
    text: post.text,
    hashtags: post.hashtags,
    cashtags: post.cashtags,
    mentions: post.mentions,
    lang: post.lang,
    author: post.author,
    retweet: post.retweet,
  });
}

describe('plain text lines', () => {
  test('are posts at the receive time with twitter-text hashtags and a fresh id', () => {
    let n = 0;
    const result = parseLine('Excelsior! #StanLee #Marvel #stanlee', {
      now: NOW,
      nextId: () => `t${++n}`,
    });
    expect(result).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          id: 't1',
          createdAt: NOW,
          text: 'Excelsior! #StanLee #Marvel #stanlee',
          hashtags: ['StanLee', 'Marvel'],
          retweet: false,
        }),
      ],
    });
  });

  test('without nextId, ids are still unique', () => {
    const ids = ['a #b', 'a #b'].map((line) => {
      const result = parseLine(line, {now: NOW});
      return result.kind === 'posts' ? result.posts[0]?.id : undefined;
    });
    expect(ids[0]).toBeDefined();
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('a sentence starting with `[` is text, a broken `{` record is malformed', () => {
    expect(parseLine('[BREAKING] #News at ten', {now: NOW})).toMatchObject({
      kind: 'posts',
      posts: [{hashtags: ['News']}],
    });
    expect(parseLine('{"data": {"id": "1", "te', {now: NOW}).kind).toBe('malformed');
  });

  test('blank lines are ignored', () => {
    expect(parseLine('   \t ', {now: NOW}).kind).toBe('ignored');
  });
});

describe('trendtui wire form', () => {
  test('a recorded session replays to the very same posts', () => {
    const original = fixtureLines('twarc2/noflat.jsonl').flatMap((line) => {
      const result = parseLine(line, {now: NOW});
      return result.kind === 'posts' ? result.posts : [];
    });
    const receivedAt = NOW + 1500;
    const replayed = original.flatMap((post) => {
      const result = parseLine(toWire(post, receivedAt), {now: 0});
      return result.kind === 'posts' ? result.posts : [];
    });
    expect(replayed).toEqual(original.map((post) => ({...post, receivedAt})));
  });

  test('hello, status and future message types are ignored', () => {
    for (const line of [
      '{"type":"hello","protocol":1,"source":"x","query":"stan lee","server":"trendtui/0.1.0"}',
      '{"type":"status","state":"reconnecting","detail":"network error","retry_in_ms":250}',
      '{"type":"something-new","x":1}',
    ]) {
      expect(parseLine(line, {now: NOW}).kind).toBe('ignored');
    }
  });

  test('a post with an unreadable created_at is malformed', () => {
    const line =
      '{"type":"post","id":"1","created_at":"yesterday","text":"x","hashtags":[],"retweet":false}';
    expect(parseLine(line, {now: NOW}).kind).toBe('malformed');
  });
});

describe('X problem documents', () => {
  test('an error body such as TooManyConnections is a stream error, not a wire message', () => {
    const line =
      '{"title":"ConnectionException","detail":"This stream is currently at the maximum allowed connection limit.","connection_issue":"TooManyConnections","type":"https://api.x.com/2/problems/streaming-connection"}';
    expect(parseLine(line, {now: NOW})).toEqual({
      kind: 'stream-error',
      errors: [
        {
          title: 'ConnectionException',
          detail: 'This stream is currently at the maximum allowed connection limit.',
          type: 'https://api.x.com/2/problems/streaming-connection',
        },
      ],
    });
  });
});

describe('robustness', () => {
  test('a line starting with a byte-order mark still parses as JSON', () => {
    expect(parseLine('\ufeff{"type":"hello","protocol":1}', {now: NOW}).kind).toBe('ignored');
  });

  test('unknown JSON objects and scalars are malformed, never thrown', () => {
    expect(parseLine('{"hello": "world"}', {now: NOW}).kind).toBe('malformed');
    expect(parseValue(42, {now: NOW}).kind).toBe('malformed');
    expect(parseValue(null, {now: NOW}).kind).toBe('malformed');
  });

  test('never throws on arbitrary JSON values, and every post is well formed', () => {
    fc.assert(
      fc.property(fc.jsonValue({maxDepth: 4}), (value) => {
        checkResult(parseValue(value, {now: NOW}));
        checkResult(parseLine(JSON.stringify(value) ?? '', {now: NOW}));
      }),
      {numRuns: 500},
    );
  });

  test('never throws on real lines with fields mangled or cut short', () => {
    const lines = [
      ...fixtureLines('twarc2/two_tweets.jsonl'),
      ...fixtureLines('twarc2/flat.jsonl').slice(0, 5),
      ...fixtureLines('jetstream/posts_v1.jsonl'),
    ];
    const mangle = fc.oneof(
      fc.constant(null),
      fc.constant(7),
      fc.constant('x'),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.nat(), mangle, (line, seed, junk) => {
        checkResult(parseLine(line.slice(0, seed % line.length), {now: NOW}));
        const value = JSON.parse(line) as Record<string, unknown>;
        replaceSomeField(value, seed, junk);
        checkResult(parseValue(value, {now: NOW}));
      }),
      {numRuns: 500},
    );
  });
});

function checkResult(result: ParsedLine): void {
  expect(['posts', 'stream-error', 'ignored', 'malformed']).toContain(result.kind);
  if (result.kind !== 'posts') return;
  for (const post of result.posts) {
    expect(typeof post.id).toBe('string');
    expect(Number.isFinite(post.createdAt)).toBe(true);
    expect(typeof post.text).toBe('string');
    expect(post.hashtags.every((tag) => typeof tag === 'string' && tag.length > 0)).toBe(true);
  }
}

/** Replaces one field somewhere in the tree (chosen by `seed`) with `junk`. */
function replaceSomeField(root: Record<string, unknown>, seed: number, junk: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown, depth: number) => {
    if (typeof node !== 'object' || node === null || depth > 6) return;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, key]);
      walk((node as Record<string, unknown>)[key], depth + 1);
    }
  };
  walk(root, 0);
  const slot = slots[seed % Math.max(1, slots.length)];
  if (slot) slot[0][slot[1]] = junk;
}
