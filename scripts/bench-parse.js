// Parse + normalise throughput of X API v2 stream lines against a bare JSON.parse loop over the
// same lines in the same run: parseLine (the JSON.parse path) on the decoded lines, and
// scanLine (the projection scanner batch replay uses) on their UTF-8 bytes, which it reads
// without decoding the whole line; then each tag's key. Goal: parseLine >= 0.7x, scanLine well
// above 1x. Also counts the lines the scanner left to parseLine (fallbacks): none expected.
// Lines are generated in memory: realistic size (~1 KB), a third with hashtags in entities,
// retweets with their original in includes.tweets, emoji and CJK text, 2021-style numeric rule ids.
import {parseLine} from '../dist/core/parse/parse-line.js';
import {normalizeTag} from '../dist/core/normalize-tag.js';
import {scanLine, scanXLine} from '../dist/core/parse/scan-x-v2.js';

const LINES = Number(process.env.BENCH_PARSE_LINES ?? 200_000);
const ROUNDS = 3;

// Small deterministic PRNG (mulberry32) so every run measures the same lines.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const pick = (list) => list[Math.floor(random() * list.length)];

const TAGS = [
  'StanLee',
  'Marvel',
  'stanlee',
  'Excelsior',
  'MCU',
  'Avengers',
  'ComicCon',
  'RIPStanLee',
  'SpiderMan',
  'Comics',
  'NYCC',
  'マーベル',
  'スタン・リー',
  'Café',
  'Hero',
  'DC',
  'XMen',
  'BlackPanther',
];
const WORDS = [
  'the',
  'legend',
  'comics',
  'today',
  'amazing',
  'never',
  'forget',
  'hero',
  'story',
  'thank',
  'you',
  'for',
  'everything',
  'cameo',
  'movie',
  '日本',
  'ありがとう',
  '😢',
  '🦸',
  '❤️',
];

function sentence(count) {
  const words = [];
  for (let i = 0; i < count; i++) words.push(pick(WORDS));
  // About 1 post in 20 has an escaped `&` (5 of 100 in the real noflat.jsonl archive).
  if (random() < 0.05) words.push('&amp;', 'more');
  return words.join(' ');
}

/** Text with `tags` appended, and the v2 entities X would send (code-point offsets). */
function textWithTags(tags) {
  let text = sentence(8 + Math.floor(random() * 20));
  const hashtags = [];
  for (const tag of tags) {
    text += ' ';
    const start = [...text].length;
    text += '#' + tag;
    hashtags.push({start, end: start + 1 + [...tag].length, tag});
  }
  return {text, hashtags};
}

function post(id, tags, extra = {}) {
  const {text, hashtags} = textWithTags(tags);
  const entities = {
    urls: [
      {
        start: 0,
        end: 23,
        url: 'https://t.co/1QpZlXcAkj',
        expanded_url: 'https://example.com/a',
        display_url: 'example.com/a',
      },
    ],
  };
  if (hashtags.length > 0) entities.hashtags = hashtags;
  return {
    author_id: String(100000 + Math.floor(random() * 1e6)),
    conversation_id: id,
    id,
    entities,
    created_at: new Date(Date.UTC(2026, 10, 26, 12) + Math.floor(random() * 3.6e6)).toISOString(),
    text,
    reply_settings: 'everyone',
    possibly_sensitive: false,
    source: 'Twitter for Android',
    lang: 'en',
    public_metrics: {
      retweet_count: Math.floor(random() * 100),
      reply_count: 0,
      like_count: 3,
      quote_count: 0,
    },
    edit_history_tweet_ids: [id],
    ...extra,
  };
}

function randomTags() {
  const r = random();
  const count = r < 0.6 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 4;
  const tags = [];
  for (let i = 0; i < count; i++) tags.push(pick(TAGS));
  return tags;
}

function line(n) {
  const id = String(1377650387579248643n + BigInt(n));
  const user = {id: '0', username: `user${n % 5000}`, name: 'Some Name'};
  if (random() < 0.4) {
    const originalId = String(1300000000000000000n + BigInt(n));
    const original = post(originalId, randomTags());
    const data = post(id, [], {referenced_tweets: [{type: 'retweeted', id: originalId}]});
    data.text = `RT @someone: ${original.text.slice(0, 100)}…`;
    user.id = data.author_id;
    // 2021 captures wrote rule ids as JSON numbers too large for a double.
    const message = JSON.stringify({data, includes: {users: [user], tweets: [original]}});
    return message.slice(0, -1) + ',"matching_rules":[{"id":1377649934414049282,"tag":null}]}';
  }
  const data = post(id, randomTags());
  user.id = data.author_id;
  return JSON.stringify({
    data,
    includes: {users: [user]},
    matching_rules: [{id: '1377649934414049282', tag: 'trendtui'}],
  });
}

const lines = Array.from({length: LINES}, (_, n) => line(n));
const encoded = lines.map((l) => Buffer.from(l));
const bytes = encoded.reduce((sum, l) => sum + l.length, 0);
console.log(`${LINES.toLocaleString('en')} lines, mean ${Math.round(bytes / LINES)} B`);

let sink = 0;
function baseline(from, to) {
  for (let i = from; i < to; i++) sink += JSON.parse(lines[i]).data.id.length;
}
const context = {now: Date.now()};
function parseAndNormalise(from, to) {
  for (let i = from; i < to; i++) {
    const result = parseLine(lines[i], context);
    if (result.kind !== 'posts') throw new Error(`unexpected ${result.kind}`);
    for (const p of result.posts) for (const tag of p.hashtags) sink += normalizeTag(tag).length;
  }
}

function scanAndNormalise(from, to) {
  for (let i = from; i < to; i++) {
    const line = encoded[i];
    const result = scanLine(line, 0, line.length, context);
    if (result.kind !== 'posts') throw new Error(`unexpected ${result.kind}`);
    for (const p of result.posts) for (const tag of p.hashtags) sink += normalizeTag(tag).length;
  }
}

// The machine is shared and noisy: the two loops alternate over small slices of the lines, so
// any slow spell hits both alike, and each is timed by this process's CPU time (not wall time,
// which counts the moments another process had the core).
const SLICE = 5_000;
function measure(rounds) {
  const cpu = {base: 0, parse: 0, scan: 0};
  const wall = {base: 0, parse: 0, scan: 0};
  const run = (fn, key, from, to) => {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    fn(from, to);
    wall[key] += Number(process.hrtime.bigint() - w0) / 1e9;
    const c = process.cpuUsage(c0);
    cpu[key] += (c.user + c.system) / 1e6;
  };
  for (let round = 0; round < rounds; round++) {
    for (let from = 0; from < lines.length; from += SLICE) {
      const to = Math.min(lines.length, from + SLICE);
      // Alternate which goes first, so neither always inherits the other's garbage.
      if ((from / SLICE + round) % 2 === 0) {
        run(baseline, 'base', from, to);
        run(parseAndNormalise, 'parse', from, to);
        run(scanAndNormalise, 'scan', from, to);
      } else {
        run(scanAndNormalise, 'scan', from, to);
        run(parseAndNormalise, 'parse', from, to);
        run(baseline, 'base', from, to);
      }
    }
  }
  return {cpu, wall};
}

measure(1); // warm-up: both loops optimised before anything counts
const {cpu, wall} = measure(ROUNDS);
const total = LINES * ROUNDS;
const fmt = (n) => Math.round(n).toLocaleString('en');
console.log(`bare JSON.parse loop     ${fmt(total / cpu.base)} lines/s of CPU (baseline)`);
console.log(`parseLine + tag keys     ${fmt(total / cpu.parse)} lines/s of CPU`);
console.log(
  `ratio ${(cpu.base / cpu.parse).toFixed(2)}x of the baseline by CPU time ` +
    `(${(wall.base / wall.parse).toFixed(2)}x by wall time; goal >= 0.70x)`,
);
const fallbacks = encoded.filter((line) => scanXLine(line, 0, line.length, context) === undefined);
console.log(`scanLine + tag keys      ${fmt(total / cpu.scan)} lines/s of CPU (from bytes)`);
console.log(
  `ratio ${(cpu.base / cpu.scan).toFixed(2)}x of the baseline by CPU time ` +
    `(${(wall.base / wall.scan).toFixed(2)}x by wall time); ` +
    `${fallbacks.length} of ${LINES.toLocaleString('en')} lines fell back to parseLine`,
);
if (sink === 0) console.log('(nothing was parsed)');
