// Writes a synthetic X API v2 filtered-stream archive (one message per line, as twarc2 `stream`
// writes it) for the batch-replay benchmark and tests. Lines look like the real thing: about
// 1 KB, `entities.hashtags` with offsets, mentions and URLs, `includes.users`, retweets whose
// hashtags live only in the original in `includes.tweets`, emoji and non-Latin text, and
// `created_at` in time order with a few seconds of disorder. Deterministic for a seed.
//
//   node scripts/generate-archive.js FILE [--posts N] [--seed N] [--rate N] [--disorder-ms N]
//                                         [--start ISO] [--shuffle]
//
// --shuffle writes the lines in a random order (a worst case for event time: every post must
// still be counted in its window).
import {createWriteStream} from 'node:fs';
import {once} from 'node:events';
import {fileURLToPath} from 'node:url';
// The demo source's seeded generator (run `npm run build` first; `npm run bench` does).
import {createRandom} from '../dist/ingest/sources/demo.js';

const WORDS = (
  'the stream window slide trend count post news live today tonight music game vote city ' +
  'rain coffee morning market launch update team match goal final season watch read think ' +
  'people world story photo video help free best new big small fast slow open close'
).split(' ');
const FLAVOUR = ['🔥', '🚀', '😂', '❤️', '👍🏽', '🇧🇷', 'ありがとう', 'สวัสดี', '你好', 'Ünïcødé', '…'];
const LANGS = ['en', 'en', 'en', 'es', 'pt', 'ja', 'fr', 'de', 'th', 'und'];
const TAG_STEMS = ['Stan', 'Lee', 'Marvel', 'News', 'Tech', 'Vote', 'Live', 'Art', 'Game', 'Café'];

/** A Zipf-like pick over `distinct` tags: a few very common, a long tail. */
function tagFor(random, distinct) {
  const rank = Math.floor(Math.pow(distinct, random()) - 1);
  const stem = TAG_STEMS[rank % TAG_STEMS.length];
  const spelling = random() < 0.2 ? stem.toLowerCase() : stem;
  return rank < TAG_STEMS.length ? spelling : `${spelling}${rank}`;
}

const codePoints = (text) => [...text].length;

/** Text with its hashtags at known code-point offsets, as X reports them. */
function composeText(random, tags) {
  let text = '';
  const entities = [];
  const words = 12 + Math.floor(random() * 18);
  let tagIndex = 0;
  for (let i = 0; i < words; i++) {
    if (tagIndex < tags.length && random() < 0.25) {
      const start = codePoints(text);
      text += `#${tags[tagIndex]} `;
      entities.push({start, end: start + 1 + codePoints(tags[tagIndex]), tag: tags[tagIndex]});
      tagIndex++;
    } else {
      text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    }
    if (random() < 0.08) text += `${FLAVOUR[Math.floor(random() * FLAVOUR.length)]} `;
  }
  for (; tagIndex < tags.length; tagIndex++) {
    const start = codePoints(text);
    text += `#${tags[tagIndex]} `;
    entities.push({start, end: start + 1 + codePoints(tags[tagIndex]), tag: tags[tagIndex]});
  }
  return {text: text.trimEnd(), hashtags: entities};
}

function pickTags(random, distinct) {
  if (random() >= 0.3) return [];
  const count = 1 + Math.floor(random() * 3);
  const tags = [];
  for (let i = 0; i < count; i++) tags.push(tagFor(random, distinct));
  return tags;
}

function user(id, random) {
  return {
    id,
    username: `user_${id.slice(-6)}`,
    name: `User ${id.slice(-4)} ${FLAVOUR[Math.floor(random() * FLAVOUR.length)]}`,
    created_at: '2015-03-02T10:11:12.000Z',
    verified: random() < 0.05,
    public_metrics: {
      followers_count: Math.floor(random() * 50_000),
      following_count: Math.floor(random() * 2_000),
      tweet_count: Math.floor(random() * 90_000),
      listed_count: Math.floor(random() * 40),
    },
  };
}

/** One stream message for post number `index` created at `createdAt` (epoch ms). */
export function createMessage(random, index, createdAt, distinct = 50_000) {
  const id = String(1_600_000_000_000_000_000n + BigInt(index) * 7919n);
  const authorId = String(100_000_000 + Math.floor(random() * 9_000_000));
  const lang = LANGS[Math.floor(random() * LANGS.length)];
  const metrics = {
    retweet_count: Math.floor(random() * 500),
    reply_count: Math.floor(random() * 50),
    like_count: Math.floor(random() * 2_000),
    quote_count: Math.floor(random() * 20),
  };
  const users = [user(authorId, random)];
  const isRetweet = random() < 0.25;
  let data;
  const includes = {users};
  if (isRetweet) {
    // The retweet's own text is cut off and carries no hashtag entities: only the original's
    // (in includes.tweets) count.
    const originalId = String(1_500_000_000_000_000_000n + BigInt(index) * 104729n);
    const originalAuthor = String(200_000_000 + Math.floor(random() * 9_000_000));
    const original = composeText(random, pickTags(random, distinct));
    const cut = `RT @user_${originalAuthor.slice(-6)}: ${[...original.text].slice(0, 90).join('')}…`;
    data = {
      id,
      text: cut,
      created_at: new Date(createdAt).toISOString(),
      author_id: authorId,
      lang,
      conversation_id: id,
      edit_history_tweet_ids: [id],
      referenced_tweets: [{type: 'retweeted', id: originalId}],
      entities: {
        mentions: [{start: 3, end: 10 + originalAuthor.slice(-6).length, username: 'someone'}],
      },
      possibly_sensitive: false,
      public_metrics: metrics,
    };
    includes.tweets = [
      {
        id: originalId,
        text: original.text,
        created_at: new Date(createdAt - 60_000 - Math.floor(random() * 3_600_000)).toISOString(),
        author_id: originalAuthor,
        lang,
        edit_history_tweet_ids: [originalId],
        ...(original.hashtags.length > 0 ? {entities: {hashtags: original.hashtags}} : {}),
        public_metrics: metrics,
      },
    ];
    users.push(user(originalAuthor, random));
  } else {
    const own = composeText(random, pickTags(random, distinct));
    const entities = {};
    if (own.hashtags.length > 0) entities.hashtags = own.hashtags;
    if (random() < 0.3) {
      entities.urls = [
        {
          start: 0,
          end: 23,
          url: 'https://t.co/AbCdEf1234',
          expanded_url: `https://example.com/story/${index}`,
          display_url: `example.com/story/${index}`,
        },
      ];
    }
    data = {
      id,
      text: own.text,
      created_at: new Date(createdAt).toISOString(),
      author_id: authorId,
      lang,
      conversation_id: id,
      edit_history_tweet_ids: [id],
      ...(Object.keys(entities).length > 0 ? {entities} : {}),
      possibly_sensitive: false,
      reply_settings: 'everyone',
      public_metrics: metrics,
    };
  }
  return {
    data,
    includes,
    matching_rules: [{id: '1712345678901234567', tag: 'trendtui'}],
  };
}

/**
 * Yields `posts` lines. Event times advance at `rate` posts/s from `start`; each post is shifted
 * by up to ±disorderMs/2, so a time-ordered capture with a little disorder comes out.
 */
export function* generateLines({
  posts,
  seed = 1,
  rate = 1_000,
  disorderMs = 4_000,
  start = Date.parse('2026-11-26T12:00:00.000Z'),
}) {
  const random = createRandom(seed);
  for (let index = 0; index < posts; index++) {
    const jitter = disorderMs > 0 ? Math.floor((random() - 0.5) * disorderMs) : 0;
    const createdAt = start + Math.floor((index * 1_000) / rate) + jitter;
    yield JSON.stringify(createMessage(random, index, createdAt));
  }
}

function parseArguments(argv) {
  const [file, ...rest] = argv;
  if (!file || file.startsWith('--')) {
    throw new Error('usage: generate-archive.js FILE [--posts N] [--seed N] [--rate N] ...');
  }
  const settings = {file, posts: 1_000_000, seed: 1, rate: 1_000, disorderMs: 4_000};
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (flag === '--shuffle') {
      settings.shuffle = true;
      continue;
    }
    i++;
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--posts') settings.posts = Number(value);
    else if (flag === '--seed') settings.seed = Number(value);
    else if (flag === '--rate') settings.rate = Number(value);
    else if (flag === '--disorder-ms') settings.disorderMs = Number(value);
    else if (flag === '--start') settings.start = Date.parse(value);
    else throw new Error(`unknown flag ${flag}`);
  }
  return settings;
}

async function main() {
  const settings = parseArguments(process.argv.slice(2));
  const out = createWriteStream(settings.file);
  let lines = generateLines(settings);
  if (settings.shuffle) {
    const all = [...lines];
    const random = createRandom(settings.seed ^ 0x5bd1e995);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    lines = all;
  }
  let pending = '';
  for (const line of lines) {
    pending += line + '\n';
    if (pending.length >= 1 << 20) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  out.end(pending);
  await once(out, 'finish');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`generate-archive: ${error.message}`);
    process.exitCode = 2;
  });
}
