import {describe, expect, test} from 'vitest';
import {extractCashtags, extractMentions} from '../../source/core/text-entities.js';

describe('cashtags and mentions in free text (twitter-text rules)', () => {
  test.each([
    ['$AMD to the moon', ['AMD']],
    ['$amd $AMD $Amd', ['amd']],
    ['costs $5 or $5.99', []],
    ['price$AMD', []],
    ['$TOOLONGX', []],
    ['$BRK.A and $RDS_A', ['BRK.A', 'RDS_A']],
  ])('cashtags in %j', (text, expected) => {
    expect(extractCashtags(text)).toEqual(expected);
  });

  test.each([
    ['@jack hi @Jack and @biz', ['jack', 'biz']],
    ['mail me at jack@example.com', []],
    ['full-width ＠jack', ['jack']],
    ['RT @marvel: Excelsior', ['marvel']],
  ])('mentions in %j', (text, expected) => {
    expect(extractMentions(text)).toEqual(expected);
  });
});
