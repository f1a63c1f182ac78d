// Options as the CLI would build them for a demo run; tests override what they exercise.
import type {Options} from '../../source/cli/options.js';

export function testOptions(overrides: Partial<Options> = {}): Options {
  return {
    query: ['stan', 'lee'],
    source: 'demo',
    speed: 1,
    windowMs: 20_000,
    slideMs: 10_000,
    timeMode: 'arrival',
    top: 10,
    terms: 'hashtags',
    rank: 'posts',
    baselineMs: 200_000,
    minAccounts: 3,
    empty: false,
    format: 'ndjson',
    pipe: false,
    host: '127.0.0.1',
    port: 0,
    serveFormat: 'ndjson',
    retweets: true,
    rate: 50,
    seed: 7,
    color: false,
    ascii: false,
    ...overrides,
  };
}
