// One trend per tag however it is spelled: `#StanLee`, `#stanlee` and full-width `＃ＳｔａｎＬｅｅ`
// share a key. NFKC first (folds full-width, ligatures, math letters), then lower case, the order
// Mastodon uses. No accent folding: `café` and `cafe` stay two tags.

/** The counting key of a hashtag given without its `#`. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').toLowerCase();
}
