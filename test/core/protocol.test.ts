import {describe, expect, it} from 'vitest';
import type {Post} from '../../source/core/post.js';
import {
  decodeMessage,
  encodeHello,
  encodePost,
  encodeStatus,
  encodeTextLine,
} from '../../source/core/protocol.js';
import {parseLine} from '../../source/core/parse/parse-line.js';

const post: Post = {
  id: '1',
  createdAt: Date.UTC(2026, 10, 26, 12, 0, 0),
  receivedAt: Date.UTC(2026, 10, 26, 12, 0, 1, 250),
  text: 'Excelsior! #StanLee\nline two',
  hashtags: ['StanLee'],
  cashtags: [],
  mentions: [],
  lang: 'en',
  author: 'marvel',
  retweet: false,
};

describe('wire protocol v1', () => {
  it('encodes a post exactly as the README ingest server section shows it, one line', () => {
    const line = encodePost(post);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      type: 'post',
      id: '1',
      created_at: '2026-11-26T12:00:00.000Z',
      received_at: '2026-11-26T12:00:01.250Z',
      text: 'Excelsior! #StanLee\nline two',
      hashtags: ['StanLee'],
      lang: 'en',
      author: 'marvel',
      retweet: false,
    });
  });

  it('round-trips posts, statuses and hello', () => {
    expect(decodeMessage(encodePost(post).trimEnd())).toEqual({type: 'post', post});
    const bare: Post = {
      id: 'x',
      createdAt: 0,
      text: '',
      hashtags: [],
      cashtags: [],
      mentions: [],
      retweet: true,
    };
    expect(decodeMessage(encodePost(bare).trimEnd())).toEqual({type: 'post', post: bare});
    expect(
      decodeMessage(encodeStatus({state: 'reconnecting', detail: 'drop', retryInMs: 250})),
    ).toEqual({type: 'status', status: {state: 'reconnecting', detail: 'drop', retryInMs: 250}});
    expect(decodeMessage(encodeStatus({state: 'lagging'}, 7))).toEqual({
      type: 'status',
      status: {state: 'lagging'},
      dropped: 7,
    });
    const hello = encodeHello({source: 'x', query: 'stan lee', server: 'trendtui/0.1.0'});
    expect(JSON.parse(hello)).toEqual({
      type: 'hello',
      protocol: 1,
      source: 'x',
      query: 'stan lee',
      server: 'trendtui/0.1.0',
    });
    expect(decodeMessage(hello)).toEqual({
      type: 'hello',
      hello: {protocol: 1, source: 'x', query: 'stan lee', server: 'trendtui/0.1.0'},
    });
  });

  it('carries cashtags and mentions; lines from older servers, without them, still decode', () => {
    const tagged: Post = {...post, cashtags: ['AMD'], mentions: ['jack', 'alice.bsky.social']};
    const wire = JSON.parse(encodePost(tagged)) as Record<string, unknown>;
    expect(wire).toMatchObject({cashtags: ['AMD'], mentions: ['jack', 'alice.bsky.social']});
    expect(decodeMessage(encodePost(tagged).trimEnd())).toEqual({type: 'post', post: tagged});
    // An empty list is left off, as an older server would send it.
    expect(JSON.parse(encodePost(post))).not.toHaveProperty('cashtags');
    const old =
      '{"type":"post","id":"1","created_at":"2026-11-26T12:00:00.000Z","text":"hi $AMD","hashtags":[],"retweet":false}';
    expect(decodeMessage(old)).toMatchObject({type: 'post', post: {cashtags: [], mentions: []}});
    expect(decodeMessage(old.replace('"retweet"', '"mentions":[1],"retweet"'))).toEqual({
      type: 'malformed',
      reason: 'post mentions not strings',
    });
  });

  it('uses retry_in_ms on the wire', () => {
    expect(JSON.parse(encodeStatus({state: 'reconnecting', retryInMs: 5000}))).toEqual({
      type: 'status',
      state: 'reconnecting',
      retry_in_ms: 5000,
    });
  });

  it("carries a live source's count of posts that did not match the query, both ways", () => {
    const line = encodeStatus({state: 'live', detail: 'Bluesky Jetstream', unmatched: 523});
    expect(JSON.parse(line)).toEqual({
      type: 'status',
      state: 'live',
      detail: 'Bluesky Jetstream',
      unmatched: 523,
    });
    expect(decodeMessage(line)).toEqual({
      type: 'status',
      status: {state: 'live', detail: 'Bluesky Jetstream', unmatched: 523},
    });
  });

  it("carries a replay's progress, and drops one outside 0 to 1", () => {
    const line = encodeStatus({state: 'live', progress: 0.25});
    expect(JSON.parse(line)).toEqual({type: 'status', state: 'live', progress: 0.25});
    expect(decodeMessage(line)).toEqual({type: 'status', status: {state: 'live', progress: 0.25}});
    expect(decodeMessage('{"type":"status","state":"live","progress":7}')).toEqual({
      type: 'status',
      status: {state: 'live'},
    });
  });

  it('ignores unknown message types and flags malformed lines without throwing', () => {
    expect(decodeMessage('{"type":"metrics","cpu":3}').type).toBe('ignored');
    expect(decodeMessage('{"no":"type"}').type).toBe('ignored');
    expect(decodeMessage('not json').type).toBe('malformed');
    expect(decodeMessage('[1,2]').type).toBe('malformed');
    expect(decodeMessage('null').type).toBe('malformed');
    expect(decodeMessage('{"type":"post","id":"1"}').type).toBe('malformed');
    expect(
      decodeMessage('{"type":"post","id":"1","created_at":"yesterday","text":"","hashtags":[]}')
        .type,
    ).toBe('malformed');
    expect(decodeMessage('{"type":"status","state":"sleeping"}').type).toBe('malformed');
  });

  it('a client and a replay of a recording read a post line alike, by the same rules', () => {
    const base = '"type":"post","created_at":"2026-11-26T12:00:00.000Z"';
    const lines = [
      encodePost(post).trimEnd(),
      // An old archive's numeric id; a tag given twice in two spellings counts once.
      `{${base},"id":7,"text":"#a #A","hashtags":["a","A"],"retweet":true}`,
      `{${base},"id":"1","hashtags":[]}`,
      `{${base},"id":"1","text":"","hashtags":["a",2]}`,
      `{${base},"id":"","text":"","hashtags":[]}`,
    ];
    const viaClient = lines.map((line) => {
      const message = decodeMessage(line);
      return message.type === 'post' ? [message.post] : message.type;
    });
    const viaReplay = lines.map((line) => {
      const parsed = parseLine(line, {now: 0});
      return parsed.kind === 'posts' ? parsed.posts : parsed.kind;
    });
    expect(viaClient).toEqual(viaReplay);
    expect(viaClient.slice(0, 2)).toEqual([
      [post],
      [
        {
          ...post,
          id: '7',
          text: '#a #A',
          hashtags: ['a'],
          receivedAt: undefined,
          lang: undefined,
          author: undefined,
          retweet: true,
        },
      ],
    ]);
    expect(viaClient.slice(2)).toEqual(['malformed', 'malformed', 'malformed']);
  });

  it('text mode puts each post on exactly one line', () => {
    const text = 'a\nb\r\nc\rd\u2028e';
    const line = encodeTextLine({...post, text});
    expect(line).toBe('a b c d e\n');
  });

  it('sends no escape sequence or control character to whoever reads the text (nc on a tty)', () => {
    const text = 'red \u001b[31malert\u001b[0m \u001b]0;PWNED\u0007title\u0008!';
    expect(encodeTextLine({...post, text})).toBe('red alert title!\n');
  });
});
