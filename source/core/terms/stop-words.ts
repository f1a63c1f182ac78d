// Stop words, from the stopwords-iso collection (58 languages, keyed by ISO 639-1 codes as X's
// `lang` and Bluesky's `langs` are, so no table of language codes is kept here). English stop
// words are dropped from every post as well: posts in every language mix English in, and the
// English list holds no word that is a meaningful trend in another language.
// Loading a module later is not the I/O core/ keeps out (files, sockets).
// eslint-disable-next-line no-restricted-imports
import {createRequire} from 'node:module';
import {normalizeTag} from '../normalize-tag.js';

// Read when words are first counted, not when the dashboard starts: the lists are 200 kB of
// JSON that only the words view needs.
let lists: Record<string, string[]> | undefined;
function listsByLanguage(): Record<string, string[]> {
  lists ??= createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as Record<
    string,
    string[]
  >;
  return lists;
}

const sets = new Map<string, ReadonlySet<string>>();

function build(language: string): ReadonlySet<string> {
  // Keyed as terms are (NFKC + lower case), so full-width forms in the lists match too.
  const byLanguage = listsByLanguage();
  const words = new Set<string>();
  for (const word of byLanguage['en']!) words.add(normalizeTag(word));
  // Typographic apostrophes are how phones type `don't`.
  for (const word of byLanguage['en']!) if (word.includes("'")) words.add(word.replace(/'/g, '’'));
  if (language !== 'en') {
    for (const word of byLanguage[language] ?? []) words.add(normalizeTag(word));
  }
  return words;
}

/**
 * The stop words of a post in `language` (a BCP 47 tag, e.g. `pt-BR`; undefined when the post
 * declares none), plus English ones.
 */
export function stopWordsFor(language: string | undefined): ReadonlySet<string> {
  const primary = primaryLanguage(language);
  let set = sets.get(primary);
  if (set === undefined) {
    set = build(primary);
    sets.set(primary, set);
  }
  return set;
}

/** `pt-BR` → `pt`; X's old `iw`/`in` codes → `he`/`id`; anything unlisted → `en`. */
export function primaryLanguage(language: string | undefined): string {
  if (language === undefined) return 'en';
  const dash = language.indexOf('-');
  let primary = (dash === -1 ? language : language.slice(0, dash)).toLowerCase();
  if (primary === 'iw') primary = 'he';
  else if (primary === 'in') primary = 'id';
  // Only listed languages get a set: the cache stays as small as the collection.
  return Object.hasOwn(listsByLanguage(), primary) ? primary : 'en';
}
