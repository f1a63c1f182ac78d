import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parseLine, type ParsedLine} from '../../../source/core/parse/parse-line.js';
import type {Post} from '../../../source/core/post.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');

function fixtureLines(name: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.length > 0);
}

function postsOf(result: ParsedLine): Post[] {
  if (result.kind !== 'posts') throw new Error(`expected posts, got ${JSON.stringify(result)}`);
  return result.posts;
}

function postsIn(name: string): Post[] {
  return fixtureLines(name).flatMap((line) => postsOf(parseLine(line, {now: NOW})));
}

describe('twarc2 response pages (real archives)', () => {
  test('two_tweets.jsonl: the retweet takes its original’s text and hashtags', () => {
    const [post, ...rest] = postsIn('twarc2/two_tweets.jsonl');
    expect(rest).toHaveLength(0);
    expect(post).toMatchObject({
      id: '1394735776701816833',
      createdAt: Date.parse('2021-05-18T19:24:56.000Z'),
      text: '#POIUYTREWQ',
      hashtags: ['POIUYTREWQ'],
      lang: 'und',
      author: 'LachiVeronica',
      retweet: true,
    });
  });

  test('noflat.jsonl: retweets whose cut text lost the tag count the original’s hashtags', () => {
    const posts = postsIn('twarc2/noflat.jsonl');
    expect(posts).toHaveLength(100);
    expect(posts.filter((post) => post.retweet)).toHaveLength(47);
    const byId = new Map(posts.map((post) => [post.id, post]));

    // The retweet's own entities have no hashtags: its text is cut before `#BarackObama`.
    const obama = byId.get('1380242495091568642');
    expect(obama).toMatchObject({
      retweet: true,
      hashtags: ['BarackObama'],
      author: 'samiamsamh',
      createdAt: Date.parse('2021-04-08T19:33:49.000Z'),
      lang: 'en',
    });
    expect(obama?.text).toMatch(/^In an exclusive interview with @theGrio,.*#BarackObama/s);

    expect(byId.get('1380242289444929536')?.hashtags).toEqual(['Icon', 'Forbes', 'ForbesAfrica']);
    expect(byId.get('1380242239494971392')).toMatchObject({retweet: false, hashtags: ['biden']});
  });

  test('HTML-escaped text comes out as typed', () => {
    const posts = postsIn('twarc2/noflat.jsonl');
    expect(posts.some((post) => post.text.includes('&amp;'))).toBe(false);
    expect(posts.some((post) => post.text.includes('&'))).toBe(true);
  });

  test('flat.jsonl (the same posts flattened) gives exactly the same posts as noflat.jsonl', () => {
    const paged = postsIn('twarc2/noflat.jsonl');
    const flat = postsIn('twarc2/flat.jsonl');
    const byId = new Map(flat.map((post) => [post.id, post]));
    expect(flat).toHaveLength(paged.length);
    for (const post of paged) expect(byId.get(post.id)).toEqual(post);
  });

  test('withheld.jsonl and edited.jsonl parse completely', () => {
    const withheld = postsIn('twarc2/withheld.jsonl');
    expect(withheld).toHaveLength(215);
    expect(new Set(withheld.map((post) => post.id)).size).toBe(215);
    const [edited] = postsIn('twarc2/edited.jsonl');
    expect(edited?.id).toBe('1576994789110992896');
  });

  test('hashtags count once per post in whatever spelling came first', () => {
    const line = JSON.stringify({
      data: [
        {
          id: '1',
          text: '#StanLee #stanlee #Marvel',
          created_at: '2021-04-01T15:53:42.000Z',
          entities: {
            hashtags: [
              {start: 0, end: 8, tag: 'StanLee'},
              {start: 9, end: 17, tag: 'stanlee'},
              {start: 18, end: 25, tag: 'Marvel'},
            ],
          },
        },
      ],
    });
    expect(postsOf(parseLine(line, {now: NOW}))[0]?.hashtags).toEqual(['StanLee', 'Marvel']);
  });

  test('an empty page is ignored, not an error', () => {
    const line = '{"meta": {"result_count": 0}, "data": []}';
    expect(parseLine(line, {now: NOW}).kind).toBe('ignored');
  });
});

// A real filtered-stream line as twarc2 wrote it (twarc-csv streaming_output_with_error.jsonl,
// 2021-04-01), with the rule id as a JSON number as in all 2021 captures.
const STREAM_LINE =
  '{"data": {"author_id": "387869763", "conversation_id": "1377650387579248643", "id": "1377650387579248643", "entities": {"hashtags": [{"start": 41, "end": 55, "tag": "DogsofTwitter"}, {"start": 56, "end": 61, "tag": "dogs"}], "urls": [{"start": 62, "end": 85, "url": "https://t.co/1QpZlXcAkj"}]}, "created_at": "2021-04-01T15:53:42.000Z", "text": "Sometimes I wish she would just relax\\ud83d\\ude05\\ud83d\\ude18\\ud83d\\udc36\\n#DogsofTwitter #dogs https://t.co/1QpZlXcAkj", "lang": "en"}, "matching_rules": [{"id": 1377649934414049282, "tag": null}], "__twarc": {"url": "https://api.twitter.com/2/tweets/search/stream", "retrieved_at": "2021-04-01T15:53:53+00:00"}}';

describe('X v2 stream messages', () => {
  test('a real stream line with emoji and a numeric rule id', () => {
    const [post] = postsOf(parseLine(STREAM_LINE, {now: NOW}));
    expect(post).toMatchObject({
      id: '1377650387579248643',
      createdAt: Date.parse('2021-04-01T15:53:42.000Z'),
      text: 'Sometimes I wish she would just relax😅😘🐶\n#DogsofTwitter #dogs https://t.co/1QpZlXcAkj',
      hashtags: ['DogsofTwitter', 'dogs'],
      lang: 'en',
      author: '387869763',
      retweet: false,
    });
  });

  test('a retweet resolves its original from includes.tweets and its author from includes.users', () => {
    const message = {
      data: {
        id: '20',
        text: 'RT @stan: Excelsior! The best comics of all time are here, and I think you will\u2026',
        created_at: '2026-11-26T11:59:58.000Z',
        author_id: '7',
        lang: 'en',
        entities: {mentions: [{start: 3, end: 8, username: 'stan'}]},
        referenced_tweets: [{type: 'retweeted', id: '10'}],
      },
      includes: {
        users: [{id: '7', username: 'fan'}],
        tweets: [
          {
            id: '10',
            text: 'Excelsior! The best comics of all time are here, and I think you will agree #Marvel #StanLee',
            entities: {
              hashtags: [
                {start: 76, end: 83, tag: 'Marvel'},
                {start: 84, end: 92, tag: 'StanLee'},
              ],
            },
          },
        ],
      },
      matching_rules: [{id: '1', tag: 'trendtui'}],
    };
    const [post] = postsOf(parseLine(JSON.stringify(message), {now: NOW}));
    expect(post).toMatchObject({
      id: '20',
      author: 'fan',
      retweet: true,
      hashtags: ['Marvel', 'StanLee'],
      createdAt: Date.parse('2026-11-26T11:59:58.000Z'),
    });
    expect(post?.text).toMatch(/^Excelsior!.*#StanLee$/);
  });

  test('a retweet whose original was not expanded keeps its own text and tags', () => {
    const message = {
      data: {
        id: '21',
        text: 'RT @stan: hello #Hero',
        entities: {hashtags: [{start: 16, end: 21, tag: 'Hero'}]},
        referenced_tweets: [{type: 'retweeted', id: '404'}],
      },
    };
    const [post] = postsOf(parseLine(JSON.stringify(message), {now: NOW}));
    expect(post).toMatchObject({text: 'RT @stan: hello #Hero', hashtags: ['Hero'], retweet: true});
    // No created_at requested: the receive time stands in.
    expect(post?.createdAt).toBe(NOW);
  });

  test('a long post takes note_tweet’s full text and hashtags', () => {
    const message = {
      data: {
        id: '30',
        text: 'A long story about comics that is cut off before its hashtags\u2026',
        created_at: '2026-11-26T11:00:00.000Z',
        note_tweet: {
          text: 'A long story about comics that is cut off before its hashtags, which are #Comics and #NYCC',
          entities: {
            hashtags: [
              {start: 72, end: 79, tag: 'Comics'},
              {start: 84, end: 89, tag: 'NYCC'},
            ],
          },
        },
      },
    };
    const [post] = postsOf(parseLine(JSON.stringify(message), {now: NOW}));
    expect(post?.hashtags).toEqual(['Comics', 'NYCC']);
    expect(post?.text).toMatch(/#NYCC$/);
  });

  test('the original of a retweet may itself be a long post', () => {
    const message = {
      data: {
        id: '31',
        text: 'RT @a: short\u2026',
        referenced_tweets: [{type: 'retweeted', id: '32'}],
      },
      includes: {
        tweets: [{id: '32', text: 'short\u2026', note_tweet: {text: 'short, then long #Saga'}}],
      },
    };
    // The note has no entities: its text is read by twitter-text rules.
    const [post] = postsOf(parseLine(JSON.stringify(message), {now: NOW}));
    expect(post).toMatchObject({text: 'short, then long #Saga', hashtags: ['Saga'], retweet: true});
  });

  test('entities present without hashtags means no hashtags, without reading the text', () => {
    const message = {data: {id: '40', text: 'not #counted', entities: {urls: []}}};
    expect(postsOf(parseLine(JSON.stringify(message), {now: NOW}))[0]?.hashtags).toEqual([]);
  });

  test('without entities (not requested) hashtags are read from the unescaped text', () => {
    const message = {data: {id: '41', text: 'Tom &amp;#fun and #StanLee: &lt;3'}};
    const [post] = postsOf(parseLine(JSON.stringify(message), {now: NOW}));
    // Unescaped, `&#fun` is no hashtag (twitter-text never starts one after `&`).
    expect(post).toMatchObject({text: 'Tom &#fun and #StanLee: <3', hashtags: ['StanLee']});
  });

  test('quoted and replied-to posts are not retweets and keep their own tags', () => {
    const message = {
      data: {
        id: '50',
        text: 'So true #Marvel',
        entities: {hashtags: [{start: 8, end: 15, tag: 'Marvel'}]},
        referenced_tweets: [{type: 'quoted', id: '51'}],
      },
      includes: {
        tweets: [{id: '51', text: '#DC', entities: {hashtags: [{start: 0, end: 3, tag: 'DC'}]}}],
      },
    };
    expect(postsOf(parseLine(JSON.stringify(message), {now: NOW}))[0]).toMatchObject({
      retweet: false,
      hashtags: ['Marvel'],
    });
  });

  test('operational-disconnect is a stream error, not a post', () => {
    const line =
      '{"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.x.com/2/problems/operational-disconnect"}]}';
    expect(parseLine(line, {now: NOW})).toEqual({
      kind: 'stream-error',
      errors: [
        {
          title: 'operational-disconnect',
          detail: 'This stream has been disconnected upstream for operational reasons.',
          type: 'https://api.x.com/2/problems/operational-disconnect',
        },
      ],
    });
  });

  test('data with partial errors is still a post', () => {
    const line = JSON.stringify({
      data: {id: '60', text: 'hi #there'},
      errors: [
        {title: 'Not Found Error', detail: 'Could not find tweet with referenced_tweets.id'},
      ],
    });
    expect(postsOf(parseLine(line, {now: NOW}))[0]?.hashtags).toEqual(['there']);
  });

  test('a truncated last line (as twarc leaves after a crash) is malformed', () => {
    const result = parseLine('{"data": {"author_id": "1021159080151404544"', {now: NOW});
    expect(result.kind).toBe('malformed');
  });

  test('a post without an id is malformed', () => {
    expect(parseLine('{"data": {"text": "#x"}}', {now: NOW}).kind).toBe('malformed');
  });
});

describe('cashtags and mentions from X entities (real archives)', () => {
  test('cashtags.jsonl: entities.cashtags, each once, as X spelled them', () => {
    const [post] = postsIn('twarc2/cashtags.jsonl');
    expect(post).toMatchObject({
      hashtags: ['business', 'NFT', 'StockMarket', 'option'],
      cashtags: ['AMD', 'BTC', 'TWTR', 'BA', 'doge', 'baba', 'spy', 'SPX', 'NIO', 'ETC', 'META'],
      mentions: [],
    });
  });

  test('mentions_tweet.jsonl: a retweet takes its original’s mentions, not its own `RT @author`', () => {
    const [post] = postsIn('twarc2/mentions_tweet.jsonl');
    expect(post).toMatchObject({
      retweet: true,
      author: 'BaldManGamer',
      mentions: [
        'Xbox',
        'masseffect',
        'Ubisoft',
        'RockstarGames',
        'tombraider',
        'CallofDuty',
        'SonySantaMonica',
        'Naughty_Dog',
      ],
      hashtags: ['Xbox', 'PlayStation', 'gaming'],
    });
  });

  test('a long post’s note_tweet entities; text rules when entities are absent', () => {
    const [long] = postsOf(
      parseLine(
        JSON.stringify({
          data: {
            id: '7',
            text: 'cut short',
            entities: {cashtags: [{start: 0, end: 4, tag: 'AMD'}]},
            note_tweet: {
              text: 'full text $NVDA and @jack',
              entities: {
                cashtags: [{start: 10, end: 15, tag: 'NVDA'}],
                mentions: [{start: 20, end: 25, username: 'jack'}],
              },
            },
          },
        }),
        {now: NOW},
      ),
    );
    expect(long).toMatchObject({cashtags: ['NVDA'], mentions: ['jack']});
    const [bare] = postsOf(
      parseLine(JSON.stringify({id: '8', text: '$amd up, $AMD down, ask @Jack and @jack'}), {
        now: NOW,
      }),
    );
    expect(bare).toMatchObject({cashtags: ['amd'], mentions: ['Jack']});
  });
});
