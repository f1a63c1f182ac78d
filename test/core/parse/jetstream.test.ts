import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parseLine, type ParsedLine} from '../../../source/core/parse/parse-line.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');

function fixtureLines(name: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.length > 0);
}

const parse = (line: string): ParsedLine => parseLine(line, {now: NOW});

function event(record: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    did: 'did:plc:abc',
    time_us: 1783175888172335,
    kind: 'commit',
    commit: {operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k1', record},
    ...extra,
  });
}

describe('Jetstream events', () => {
  test('golden_v1.jsonl: only the post create is a post; likes, follows, identity… are ignored', () => {
    const results = fixtureLines('jetstream/golden_v1.jsonl').map(parse);
    const posts = results.flatMap((result) => (result.kind === 'posts' ? result.posts : []));
    expect(posts).toEqual([
      expect.objectContaining({
        id: 'did:plc:q235v55g5unth4zjjdpacfdr/3mmoojp4cd223',
        // time_us 1779719009157119, not the record's client-declared createdAt (…:28.757Z).
        createdAt: 1779719009157,
        text: 'Try RSV for a good time !!',
        hashtags: [],
        lang: 'en',
        author: 'did:plc:q235v55g5unth4zjjdpacfdr',
        retweet: false,
      }),
    ]);
    expect(results.filter((result) => result.kind === 'ignored')).toHaveLength(9);
  });

  test('posts_v1.jsonl: hashtags come from tag facets (trailing `!` excluded), time from time_us', () => {
    const [first, second, deleted, identity, account] = fixtureLines(
      'jetstream/posts_v1.jsonl',
    ).map(parse);
    expect(first).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          id: 'did:plc:tn3hni2jpphsgl6amfbb7ja6/3mptbypfywk2v',
          createdAt: 1783175888172,
          hashtags: ['HowToTellAiToShutUp', 'IndieRebellion'],
          lang: 'de',
        }),
      ],
    });
    expect(second).toEqual({
      kind: 'posts',
      posts: [expect.objectContaining({hashtags: ['talesatwonderworld', 'balanwonderworldoc']})],
    });
    expect(deleted?.kind).toBe('ignored');
    expect(identity?.kind).toBe('ignored');
    expect(account?.kind).toBe('ignored');
  });

  test('record.tags are added to facet tags, once per key', () => {
    const line = event({
      text: '#Art today',
      facets: [
        {
          features: [{$type: 'app.bsky.richtext.facet#tag', tag: 'Art'}],
          index: {byteStart: 0, byteEnd: 4},
        },
      ],
      tags: ['art', 'Painting'],
    });
    expect(parse(line)).toMatchObject({kind: 'posts', posts: [{hashtags: ['Art', 'Painting']}]});
  });

  test('a post without tag facets has its text read for hashtags', () => {
    const line = event({
      text: 'Ça va 😂 #Café and #café again, not a#b',
      facets: [
        {
          features: [{$type: 'app.bsky.richtext.facet#link', uri: 'https://x.test'}],
          index: {byteStart: 0, byteEnd: 1},
        },
      ],
    });
    expect(parse(line)).toMatchObject({kind: 'posts', posts: [{hashtags: ['Café']}]});
  });

  test('a post with tag facets is not re-read: the client decided what is a tag', () => {
    const line = event({
      text: '#One #Two',
      facets: [
        {
          features: [{$type: 'app.bsky.richtext.facet#tag', tag: 'One'}],
          index: {byteStart: 0, byteEnd: 4},
        },
      ],
    });
    expect(parse(line)).toMatchObject({kind: 'posts', posts: [{hashtags: ['One']}]});
  });

  test('an image-only post (empty text) is still a post', () => {
    expect(parse(event({text: ''}))).toMatchObject({
      kind: 'posts',
      posts: [{text: '', hashtags: []}],
    });
  });

  test('v2 servers’ extra `cursor` field is ignored', () => {
    expect(parse(event({text: 'hi'}, {cursor: 123})).kind).toBe('posts');
  });

  test('post updates and deletes are not new posts', () => {
    const update = JSON.stringify({
      did: 'did:plc:abc',
      time_us: 1,
      kind: 'commit',
      commit: {
        operation: 'update',
        collection: 'app.bsky.feed.post',
        rkey: 'k',
        record: {text: '#x'},
      },
    });
    expect(parse(update).kind).toBe('ignored');
  });

  test('a create without a record is malformed', () => {
    const line = JSON.stringify({
      did: 'did:plc:abc',
      time_us: 1,
      kind: 'commit',
      commit: {operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k'},
    });
    expect(parse(line).kind).toBe('malformed');
  });
});

describe('Bluesky mentions', () => {
  test('mentions_v1.jsonl: mention facets give the handle as written, found by UTF-8 byte offsets', () => {
    const [result] = fixtureLines('jetstream/mentions_v1.jsonl').map(parse);
    expect(result).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          mentions: [
            'charliemchapman.com',
            'ryanashcraft.com',
            'teamneem.bsky.social',
            'edwardsanchez.bsky.social',
            'launchedfm.com',
          ],
          hashtags: [],
          cashtags: [],
        }),
      ],
    });
  });

  test('without mention facets, twitter-text reads mentions and cashtags from the text', () => {
    expect(parse(event({text: 'ask @jack about $AMD', langs: ['en']}))).toEqual({
      kind: 'posts',
      posts: [expect.objectContaining({mentions: ['jack'], cashtags: ['AMD']})],
    });
  });
});
