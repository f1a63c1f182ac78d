import {describe, expect, it} from 'vitest';
import {createAdmission} from '../../source/ingest/admission.js';
import {sourceCapabilities} from '../../source/ingest/source-capabilities.js';
import {testPost} from '../helpers/post.js';

const post = testPost;

describe('the server’s admission of a post', () => {
  it('stamps each kept post once, with the server’s clock, on the post the source yielded', () => {
    let now = 5_000;
    const admit = createAdmission(
      sourceCapabilities('bluesky'),
      {query: [], retweets: true},
      () => now++,
    );
    const first = post('one', {receivedAt: 42});
    expect(admit(first)).toBe(true);
    // The source's (or an archive's) arrival time is replaced: arrival means arrival here.
    expect(first.receivedAt).toBe(5_000);
    const second = post('two');
    expect(admit(second)).toBe(true);
    expect(second.receivedAt).toBe(5_001);
  });

  it('keeps only posts with every query word, in the asked language, retweets as switched', () => {
    const admit = createAdmission(
      sourceCapabilities('demo'),
      {query: ['stan lee'], lang: 'en', retweets: false},
      () => 1,
    );
    const dropped = post('Lee and Stan, a retweet', {lang: 'en', retweet: true});
    expect(admit(post('Stan Lee lives', {lang: 'en-GB'}))).toBe(true);
    expect(admit(post('Stan only', {lang: 'en'}))).toBe(false);
    expect(admit(post('Stan Lee, no language'))).toBe(false);
    expect(admit(post('Stan Lee auf Deutsch', {lang: 'de'}))).toBe(false);
    expect(admit(dropped)).toBe(false);
    expect(dropped.receivedAt).toBeUndefined();
  });

  it('leaves the words to a network that matched them itself (X), not the language or retweets', () => {
    const admit = createAdmission(
      sourceCapabilities('x'),
      {query: ['stan lee'], lang: 'en', retweets: false},
      () => 1,
    );
    // X's rule matched it (say, by an operator); a local word match would wrongly drop it.
    expect(admit(post('Excelsior!', {lang: 'en'}))).toBe(true);
    expect(admit(post('Excelsior!', {lang: 'fr'}))).toBe(false);
    expect(admit(post('Excelsior!', {lang: 'en', retweet: true}))).toBe(false);
  });
});
