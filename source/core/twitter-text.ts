// twitter-text, loaded when a text is first read rather than when a module that may read one is
// imported: it is the largest module trendtui loads (measured 150–300 ms on a busy 2-core
// machine), and the dashboard's own process draws its first frame without ever needing it (the
// ingest child finds the entities). It ships CommonJS only, so `require` loads it synchronously,
// as the callers (per-post, synchronous) need.
// Loading a module later is not the I/O core/ keeps out (files, sockets).
// eslint-disable-next-line no-restricted-imports
import {createRequire} from 'node:module';

type TwitterText = typeof import('twitter-text');

let loaded: TwitterText | undefined;

export function twitterText(): TwitterText {
  loaded ??= createRequire(import.meta.url)('twitter-text') as TwitterText;
  return loaded;
}
