import {describe, expect, test} from 'vitest';
import {parseLine, type ParsedLine} from '../../../source/core/parse/parse-line.js';
import {htmlToText} from '../../../source/core/parse/mastodon.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const parse = (value: unknown): ParsedLine => parseLine(JSON.stringify(value), {now: NOW});

// Shaped like the Status entity in Mastodon's API documentation.
const STATUS = {
  id: '103270115826048975',
  created_at: '2019-12-08T03:48:33.901Z',
  language: 'en',
  visibility: 'public',
  uri: 'https://mastodon.social/users/Gargron/statuses/103270115826048975',
  content:
    '<p>Caturday &amp; coffee <a href="https://mastodon.social/tags/Caturday" class="mention hashtag" rel="tag">#<span>Caturday</span></a><br />line two</p><p>para &lt;3 &#39;quoted&#39;</p>',
  reblog: null,
  account: {id: '1', username: 'Gargron', acct: 'Gargron'},
  tags: [
    {name: 'caturday', url: 'https://mastodon.social/tags/caturday'},
    {name: 'Caturday', url: 'https://mastodon.social/tags/caturday'},
    {name: 'qualitätskatzen', url: 'https://mastodon.social/tags/qualit%C3%A4tskatzen'},
  ],
};

describe('Mastodon statuses', () => {
  test('tags[].name give the hashtags (once per key); content HTML becomes text', () => {
    expect(parse(STATUS)).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          id: '103270115826048975',
          createdAt: Date.parse('2019-12-08T03:48:33.901Z'),
          text: "Caturday & coffee #Caturday\nline two\n\npara <3 'quoted'",
          hashtags: ['caturday', 'qualitätskatzen'],
          lang: 'en',
          author: 'Gargron',
          retweet: false,
        }),
      ],
    });
  });

  test('a boost counts the original’s tags and text, at the boost’s own time', () => {
    const boost = {
      ...STATUS,
      id: '2',
      created_at: '2019-12-09T00:00:00.000Z',
      content: '',
      tags: [],
      account: {acct: 'booster@example.social'},
      reblog: STATUS,
    };
    expect(parse(boost)).toMatchObject({
      kind: 'posts',
      posts: [
        {
          id: '2',
          createdAt: Date.parse('2019-12-09T00:00:00.000Z'),
          hashtags: ['caturday', 'qualitätskatzen'],
          author: 'booster@example.social',
          retweet: true,
        },
      ],
    });
  });

  test('a streaming `update` message carries the status as a JSON string', () => {
    const message = {stream: ['public'], event: 'update', payload: JSON.stringify(STATUS)};
    expect(parse(message)).toMatchObject({kind: 'posts', posts: [{id: STATUS.id}]});
    expect(parse({stream: ['public'], event: 'delete', payload: '123'}).kind).toBe('ignored');
  });

  test('a REST timeline page (a JSON array of statuses) gives every post', () => {
    const page = [STATUS, {...STATUS, id: '9'}];
    expect(parse(page)).toMatchObject({kind: 'posts', posts: [{id: STATUS.id}, {id: '9'}]});
  });

  test('htmlToText decodes numeric references and leaves unknown ones', () => {
    expect(htmlToText('<p>&#x1F600; &#128512; &bogus; &amp;amp;</p>')).toBe('😀 😀 &bogus; &amp;');
  });
});

describe('Mastodon mentions and cashtags', () => {
  test('mentions[].acct tells apart equal user names; cashtags come from the text', () => {
    const status = {
      ...STATUS,
      content: '<p>@<span>jack</span> @<span>jack</span> on $AMD</p>',
      mentions: [
        {username: 'jack', acct: 'jack'},
        {username: 'jack', acct: 'jack@example.social'},
      ],
    };
    expect(parse(status)).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({mentions: ['jack', 'jack@example.social'], cashtags: ['AMD']}),
      ],
    });
  });
});
