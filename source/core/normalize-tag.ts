// One trend per tag however it is spelled: `#StanLee`, `#stanlee` and full-width `＃ＳｔａｎＬｅｅ`
// share a key. NFKC first (folds full-width, ligatures, math letters), then lower case, the order
// Mastodon uses. No accent folding: `café` and `cafe` stay two tags. The one owner of this rule:
// tags, cashtags, mentions, words and query matching all fold through here (the README's "How it
// counts").

/** The counting key of a hashtag given without its `#` (or of any term or text). */
export function normalizeTag(tag: string): string {
  // NFKC leaves ASCII unchanged, so an ASCII tag's key is just its lower case: this skips the
  // Unicode normaliser for most tags, and is measurably faster than it even for short strings.
  for (let i = 0; i < tag.length; i++) {
    if (tag.charCodeAt(i) > 0x7f) return tag.normalize('NFKC').toLowerCase();
  }
  return tag.toLowerCase();
}
