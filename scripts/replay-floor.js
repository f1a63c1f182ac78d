// The floor the batch-replay benchmark is measured against: the loop a researcher would write
// by hand instead of using trendtui. Stream the file, split lines, JSON.parse each, take
// `data.entities.hashtags`, and count lower-cased tags in one Map per slide. No retweet
// resolution, no normalisation, no windows, no output: strictly less work than trendtui does.
//
//   node scripts/replay-floor.js FILE [SLIDE_MS]
// Prints one JSON line: {"posts":N,"tags":N,"slides":N}.
import {createReadStream} from 'node:fs';

const [file, slideArgument = '10000'] = process.argv.slice(2);
if (!file) {
  console.error('usage: replay-floor.js FILE [SLIDE_MS]');
  process.exit(2);
}
const slideMs = Number(slideArgument);

const slides = new Map();
let posts = 0;
let tags = 0;

function countLine(line) {
  if (line.length === 0) return;
  const message = JSON.parse(line);
  const data = message.data;
  if (!data) return;
  posts++;
  const slide = Math.floor(Date.parse(data.created_at) / slideMs);
  let counts = slides.get(slide);
  if (!counts) {
    counts = new Map();
    slides.set(slide, counts);
  }
  const hashtags = data.entities?.hashtags;
  if (!hashtags) return;
  for (const hashtag of hashtags) {
    const key = hashtag.tag.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    tags++;
  }
}

let carry = '';
const stream = createReadStream(file, {encoding: 'utf8', highWaterMark: 1 << 20});
for await (const chunk of stream) {
  const text = carry + chunk;
  let start = 0;
  let newline = text.indexOf('\n', start);
  while (newline !== -1) {
    countLine(text.slice(start, newline));
    start = newline + 1;
    newline = text.indexOf('\n', start);
  }
  carry = text.slice(start);
}
countLine(carry);
console.log(JSON.stringify({posts, tags, slides: slides.size}));
