import {describe, expect, test} from 'vitest';
import {parseLine, type ParsedLine} from '../../../source/core/parse/parse-line.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const parse = (value: unknown): ParsedLine => parseLine(JSON.stringify(value), {now: NOW});

// X's data-dictionary example of an extended tweet (v1.1 stream, 2018), whitespace compacted.
const EXTENDED = {
  created_at: 'Thu May 10 17:41:57 +0000 2018',
  id_str: '994633657141813248',
  text: 'Just another Extended Tweet with more than 140 characters, generated as a documentation example, showing that ["tru… https://t.co/U7Se4NM7Eu',
  display_text_range: [0, 140],
  truncated: true,
  user: {id_str: '944480690', screen_name: 'FloodSocial'},
  extended_tweet: {
    full_text:
      'Just another Extended Tweet with more than 140 characters, generated as a documentation example, showing that ["truncated": true] and the presence of an "extended_tweet" object with complete text and "entities" #documentation #parsingJSON #GeoTagged https://t.co/e9yhQTJSIA',
    display_text_range: [0, 249],
    entities: {
      hashtags: [
        {text: 'documentation', indices: [211, 225]},
        {text: 'parsingJSON', indices: [226, 238]},
        {text: 'GeoTagged', indices: [239, 249]},
      ],
    },
  },
  entities: {hashtags: []},
};

describe('X v1.1 tweets', () => {
  test('an extended tweet takes extended_tweet’s full text and entities, and parses created_at', () => {
    expect(parse(EXTENDED)).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          id: '994633657141813248',
          createdAt: Date.parse('2018-05-10T17:41:57.000Z'),
          text: EXTENDED.extended_tweet.full_text,
          hashtags: ['documentation', 'parsingJSON', 'GeoTagged'],
          author: 'FloodSocial',
          retweet: false,
        }),
      ],
    });
  });

  test('a retweet takes retweeted_status’s text and tags; timestamp_ms gives the time', () => {
    const retweet = {
      created_at: 'Fri Aug 10 10:31:12 +0000 2018',
      timestamp_ms: '1533897072281',
      id: 1027877011567636480,
      id_str: '1027877011567636481',
      text: 'RT @FloodSocial: Just another Extended Tweet with more than 140 characters, generated as a documentation…',
      user: {screen_name: 'retweeter'},
      lang: 'en',
      filter_level: 'low',
      retweeted_status: EXTENDED,
      entities: {hashtags: []},
    };
    expect(parse(retweet)).toEqual({
      kind: 'posts',
      posts: [
        expect.objectContaining({
          // id_str, never the rounded numeric id
          id: '1027877011567636481',
          createdAt: 1533897072281,
          hashtags: ['documentation', 'parsingJSON', 'GeoTagged'],
          author: 'retweeter',
          lang: 'en',
          retweet: true,
        }),
      ],
    });
  });

  test('tweet_mode=extended search results use full_text and its entities', () => {
    const tweet = {
      id_str: '5',
      created_at: 'Wed Oct 10 20:19:24 +0000 2018',
      full_text: 'Cats &amp; dogs #Pets',
      entities: {hashtags: [{text: 'Pets', indices: [16, 21]}]},
    };
    expect(parse(tweet)).toMatchObject({
      kind: 'posts',
      posts: [{text: 'Cats & dogs #Pets', hashtags: ['Pets']}],
    });
  });

  test('stream notices are ignored; disconnect is a stream error', () => {
    expect(parse({limit: {track: 1234, timestamp_ms: '1533897072281'}})).toMatchObject({
      kind: 'ignored',
    });
    expect(parse({delete: {status: {id_str: '1'}}})).toMatchObject({kind: 'ignored'});
    expect(parse({disconnect: {code: 7, stream_name: 'x', reason: 'admin logout'}})).toEqual({
      kind: 'stream-error',
      errors: [{title: 'disconnect', detail: 'admin logout'}],
    });
  });
});

describe('X v1.1 cashtags and mentions', () => {
  test('entities.symbols and entities.user_mentions', () => {
    expect(
      parse({
        id_str: '9',
        text: '$AMD beats, says @jack',
        entities: {
          hashtags: [],
          symbols: [{text: 'AMD', indices: [0, 4]}],
          user_mentions: [{screen_name: 'jack', indices: [17, 22]}],
        },
      }),
    ).toEqual({
      kind: 'posts',
      posts: [expect.objectContaining({cashtags: ['AMD'], mentions: ['jack']})],
    });
  });
});
