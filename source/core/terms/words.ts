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
// Every URL the pattern removes has a `/` or starts with `www.`.
const MAY_HOLD_URL = /\/|www\./i;
// `#tag`, `$AMD`, `@handle.bsky.social` (full-width signs too), removed whole for the same reason.
const MARKED = /[#＃$＄@＠][\p{L}\p{M}\p{N}\p{Cf}_.-]*/gu;
const MAY_HOLD_MARK = /[#＃$＄@＠]/;
// Segments made only of digits, punctuation, symbols or marks (`2026`, `3.5`, `_`, keycap `1️⃣`).
const NOT_A_WORD = /^[\p{N}\p{P}\p{S}\p{M}\p{Cf}\s]*$/u;
// Plain ASCII text (printable, tabs and line breaks) in which no `.`, `,`, `;`, `:` or `'`
// stands between two letters or digits (the only places where Unicode's word rules, which
// Intl.Segmenter follows, join across a character other than a letter, digit or `_`): there the
// word-like segments are exactly the runs of letters, digits and `_` (but a lone `_`, which the
// segmenter does not call word-like), which a regular expression finds in a fraction of the
// segmenter's time. Anything else (accents, emoji, scripts without spaces, `don't`, `3.5`,
// other control characters) is segmented.
const NEEDS_SEGMENTER = /[^\t\n\r -~]|[A-Za-z0-9][.,;:'][A-Za-z0-9]/;
const PLAIN_WORD = /[A-Za-z0-9_]{2,}|[A-Za-z0-9]/g;

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
  let cleaned = scannedPart(text);
  // The two patterns are costly: tried only when what they need is there.
  if (MAY_HOLD_URL.test(cleaned)) cleaned = cleaned.replace(URLS, ' ');
  if (MAY_HOLD_MARK.test(cleaned)) cleaned = cleaned.replace(MARKED, ' ');
  const stopWords = stopWordsFor(language);
  const words: string[] = [];
  const keys = new Set<string>();
  for (const segment of wordLikeSegments(cleaned, language)) {
    if (NOT_A_WORD.test(segment)) continue;
    // Word-like segments holding a dot are domains (`example.com`) or abbreviations (`U.S`).
    if (segment.includes('.')) continue;
    const key = normalizeTag(segment);
    if (stopWords.has(key) || dropped.has(key) || keys.has(key)) continue;
    keys.add(key);
    words.push(segment);
  }
  return words;
}

/** The segments of `text` that `Intl.Segmenter` calls word-like, in order. */
export function wordLikeSegments(text: string, language: string | undefined): string[] {
  if (!NEEDS_SEGMENTER.test(text)) return text.match(PLAIN_WORD) ?? [];
  const segments: string[] = [];
  for (const {segment, isWordLike} of segmenterFor(language).segment(text)) {
    if (isWordLike) segments.push(segment);
  }
  return segments;
}
