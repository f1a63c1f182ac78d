// The words of a post as trends count them: the text cut into words by `Intl.Segmenter` in the
// post's language (which finds words in Japanese, Chinese and Thai, written without spaces),
// keeping word-like segments that say something: no stop words, no numbers or punctuation, no
// URLs, no hashtags, cashtags or mentions (each kind has a view of its own), none of the query's
// own words (every post matching `stan lee` carries them).
import {scannedPart} from '../hashtags.js';
import {normalizeTag} from '../normalize-tag.js';
import {primaryLanguage, stopWordsFor} from './stop-words.js';

// Scheme URLs, `www.` URLs, and bare domains followed by a path (`tumblr.com/tempo-tales/...`,
// as Bluesky shortens links in the text): removed whole, so their parts are not read as words.
const URLS = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\/\S*/giu;
// `#tag`, `$AMD`, `@handle.bsky.social` (full-width signs too), removed whole for the same reason.
const MARKED = /[#＃$＄@＠][\p{L}\p{M}\p{N}\p{Cf}_.-]*/gu;
// Segments made only of digits, punctuation, symbols or marks (`2026`, `3.5`, `_`, keycap `1️⃣`).
const NOT_A_WORD = /^[\p{N}\p{P}\p{S}\p{M}\p{Cf}\s]*$/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string | undefined): Intl.Segmenter {
  // Keyed by the languages the stop lists know, so a stream of odd tags cannot grow the cache.
  const primary = primaryLanguage(language);
  let segmenter = segmenters.get(primary);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(primary, {granularity: 'word'});
    segmenters.set(primary, segmenter);
  }
  return segmenter;
}

/**
 * The words of `text` in display form (as written), one per key (NFKC + lower case) in order of
 * first appearance. `dropped` holds keys never to return (the query's own words).
 */
export function extractWords(
  text: string,
  language: string | undefined,
  dropped: ReadonlySet<string>,
): string[] {
  const cleaned = scannedPart(text).replace(URLS, ' ').replace(MARKED, ' ');
  const stopWords = stopWordsFor(language);
  const words: string[] = [];
  const keys = new Set<string>();
  for (const {segment, isWordLike} of segmenterFor(language).segment(cleaned)) {
    if (!isWordLike || NOT_A_WORD.test(segment)) continue;
    // Word-like segments holding a dot are domains (`example.com`) or abbreviations (`U.S`).
    if (segment.includes('.')) continue;
    const key = normalizeTag(segment);
    if (stopWords.has(key) || dropped.has(key) || keys.has(key)) continue;
    keys.add(key);
    words.push(segment);
  }
  return words;
}
