// The X source against a real local HTTP server speaking the filtered-stream wire format.
// Back-off waits are scaled down (statuses keep X's real delays) and the spacing between the
// server's recorded requests is checked against the scaled delays.
import {spawnSync} from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import {PassThrough} from 'node:stream';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import type {Options} from '../../../source/cli/options.js';
import {runServe} from '../../../source/ingest/serve.js';
import {XReconnectPolicy} from '../../../source/ingest/sources/x-backoff.js';
import {ruleForQuery} from '../../../source/ingest/sources/x-rules.js';
import {
  X_IDLE_TIMEOUT_MS,
  createXSource,
  type XSourceTiming,
} from '../../../source/ingest/sources/x.js';
import {
  problems,
  startMockXServer,
  type MockXServer,
  type StreamScript,
} from '../../helpers/mock-x-server.js';
import {runSource, type SourceRun} from '../../helpers/source-events.js';
import {testOptions} from '../../helpers/options.js';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAsecret-bearer-token-for-tests-0123456789';

function options(overrides: Partial<Options> = {}): Options {
  return testOptions({query: ['stan lee'], source: 'x', ...overrides});
}

let nextId = 1_860_000_000_000_000_000n;
/** A stream message shaped like X's (fields as requested by the source). */
function message(text: string, ruleId?: string, extra: Record<string, unknown> = {}) {
  const id = String(nextId++);
  return {
    data: {
      id,
      text,
      author_id: '9876543210',
      created_at: '2026-11-26T12:00:00.000Z',
      lang: 'en',
      edit_history_tweet_ids: [id],
      ...extra,
    },
    includes: {users: [{id: '9876543210', username: 'excelsior'}]},
    matching_rules: [{id: ruleId ?? 'unknown', tag: 'trendtui'}],
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  scripts: StreamScript[],
  {
    timing = {},
    env = {},
    opts = {},
    rules,
  }: {
    timing?: XSourceTiming;
    env?: Record<string, string>;
    opts?: Partial<Options>;
    rules?: MockXServer['rules'];
  } = {},
) {
  const mock = await startMockXServer({token: TOKEN, scripts, rules});
  cleanups.push(() => mock.close());
  const source = createXSource(
    options(opts),
    {X_BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl, ...env},
    {delayScale: 0.01, malformedReportMs: 0, ...timing},
  );
  const run = runSource(source);
  cleanups.push(() => run.stop());
  return {mock, run};
}

/** The rule of the run under test (its query is `stan lee`). */
const ourRuleId = (mock: MockXServer) => mock.rules.find((r) => r.value === 'stan lee')?.id;

/** The tag of a run on this machine whose process has exited. */
const goneRunTag = (() => {
  const {pid} = spawnSync(process.execPath, ['-e', '']);
  return `trendtui:${pid}@${os.hostname()}:0123456789ab`;
})();
/** The tag of another run in a live process (this one). */
const liveRunTag = `trendtui:${process.pid}@${os.hostname()}:ba9876543210`;
const retries = (run: SourceRun) =>
  run.statuses().flatMap((s) => (s.state === 'reconnecting' ? [s.retryInMs] : []));
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

function expectNoTokenLeak(run: SourceRun) {
  expect(JSON.stringify(run.events)).not.toContain(TOKEN);
  expect(JSON.stringify(run.events)).not.toContain(TOKEN.slice(20));
}

describe('ruleForQuery', () => {
  it('ANDs the words and quotes only what the rule language would misread', () => {
    expect(ruleForQuery(['stan lee'])).toBe('stan lee');
    expect(ruleForQuery(['stan', 'lee'])).toBe('stan lee');
    expect(ruleForQuery(['#StanLee', '@marvel', '東京'])).toBe('#StanLee @marvel 東京');
    expect(ruleForQuery(['c++', 'OR', '-spoilers', 'lang:en'])).toBe(
      '"c++" "OR" "-spoilers" "lang:en"',
    );
    expect(ruleForQuery(['say "hi"'])).toBe('say "\\"hi\\""');
    expect(ruleForQuery(['stan lee'], 'en')).toBe('stan lee lang:en');
    expect(ruleForQuery(['stan lee'], 'pt-BR')).toBe('stan lee lang:pt');
    expect(ruleForQuery([], 'en')).toBe('');
  });
});

describe('XReconnectPolicy', () => {
  it("follows X's ladders: immediate once after an established drop, then by failure kind", () => {
    const policy = new XReconnectPolicy();
    expect([1, 2, 3].map(() => policy.nextDelay('network'))).toEqual([250, 500, 750]);
    policy.established();
    expect(policy.nextDelay('network')).toBe(0);
    expect(policy.nextDelay('http')).toBe(5_000);
    expect(policy.nextDelay('http')).toBe(10_000);
    for (let i = 0; i < 10; i++) policy.nextDelay('http');
    expect(policy.nextDelay('http')).toBe(320_000);
    expect(policy.nextDelay('rate-limited')).toBe(60_000);
    expect(policy.nextDelay('rate-limited')).toBe(120_000);
    for (let i = 0; i < 100; i++) policy.nextDelay('network');
    expect(policy.nextDelay('network')).toBe(16_000);
  });
});

describe('X source: rules', () => {
  it("adds its rule under its own run's tag, removes gone runs' rules, spares every other, and takes its rule away when it stops", async () => {
    const scripts: StreamScript[] = [
      async (c) => {
        c.accept();
        const ours = ourRuleId(mock);
        await c.send(message('Excelsior! #StanLee forever', ours));
        // Matched only by somebody else's rule on the same app: not ours to count.
        await c.send({...message('unrelated #Other'), matching_rules: [{id: '1', tag: 'other'}]});
        // Matched by another run's rule: that run counts it, this one does not.
        await c.send({...message('kpop #Other'), matching_rules: mock.matchingRules('kpop')});
        // A message naming no rule at all is nobody's.
        await c.send({...message('stray #Other'), matching_rules: undefined});
        await c.send(message('Stan Lee cameo #Marvel', ours));
      },
    ];
    const {mock, run} = await setup(scripts, {
      rules: [
        {id: '1', value: 'from:someone', tag: 'other'},
        {id: '2', value: 'old query', tag: goneRunTag},
        {id: '3', value: 'kpop', tag: liveRunTag},
        {id: '4', value: 'legacy query', tag: 'trendtui'},
        {id: '5', value: 'elsewhere', tag: 'trendtui:1@another-machine:abcdef'},
      ],
    });
    await run.waitFor((r) => r.posts().length === 2);
    await sleep(100);
    expect(run.posts().map((p) => p.hashtags)).toEqual([['StanLee'], ['Marvel']]);
    expect(run.posts()[0]!.author).toBe('excelsior');
    const ourTag = mock.rules.find((r) => r.value === 'stan lee')?.tag;
    expect(ourTag).toMatch(new RegExp(`^trendtui:${process.pid}@[^:]+:[0-9a-f]+$`));
    expect(ourTag).not.toBe(liveRunTag);
    // The gone run's rule went; the live run's, another machine's, an older trendtui's and
    // another program's stayed.
    expect(mock.rules.map((r) => [r.value, r.tag])).toEqual([
      ['from:someone', 'other'],
      ['kpop', liveRunTag],
      ['legacy query', 'trendtui'],
      ['elsewhere', 'trendtui:1@another-machine:abcdef'],
      ['stan lee', ourTag],
    ]);
    const stream = mock.streamRequests()[0]!;
    expect(stream.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(stream.query)).toEqual({
      'tweet.fields': 'entities,created_at,lang,referenced_tweets,author_id,note_tweet',
      expansions: 'author_id,referenced_tweets.id',
      'user.fields': 'username',
    });
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
    await run.stop();
    // A stopped run leaves no rule of its own for X to keep matching (and billing).
    expect(mock.rules.map((r) => r.value)).toEqual([
      'from:someone',
      'kpop',
      'legacy query',
      'elsewhere',
    ]);

    // The next run adds a rule of its own, under a tag of its own.
    const again = runSource(
      createXSource(options(), {BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl}),
    );
    cleanups.push(() => again.stop());
    await again.waitFor((r) => r.posts().length === 2);
    const againTag = mock.rules.find((r) => r.value === 'stan lee')?.tag;
    expect(againTag).toMatch(/^trendtui:/);
    expect(againTag).not.toBe(ourTag);
    await again.stop();

    // --rule: the raw rule is the run's rule.
    const raw = runSource(
      createXSource(options({rule: '"stan lee" -is:retweet'}), {
        TWITTER_BEARER_TOKEN: TOKEN,
        TRENDTUI_X_API_URL: mock.baseUrl,
      }),
    );
    cleanups.push(() => raw.stop());
    await raw.waitFor((r) => r.statuses().some((s) => s.state === 'live'));
    expect(mock.rules.map((r) => r.value)).toEqual([
      'from:someone',
      'kpop',
      'legacy query',
      'elsewhere',
      '"stan lee" -is:retweet',
    ]);
  });

  it("reuses a gone run's rule with the same value (X refuses twins), counts by it, and removes it when done", async () => {
    const scripts: StreamScript[] = [
      async (c) => {
        c.accept();
        await c.send({
          ...message('Excelsior #StanLee'),
          matching_rules: [{id: '7', tag: goneRunTag}],
        });
      },
    ];
    const {mock, run} = await setup(scripts, {
      rules: [{id: '7', value: 'stan lee', tag: goneRunTag}],
    });
    await run.waitFor((r) => r.posts().length === 1);
    expect(mock.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await run.stop();
    expect(mock.rules).toEqual([]);
  });

  it.each([200, 400] as const)(
    'a rule X refuses (HTTP %i) ends in an error naming it, with no retries',
    async (status) => {
      const mock = await startMockXServer({
        token: TOKEN,
        invalidRules: {values: ['-is:retweet'], status},
      });
      cleanups.push(() => mock.close());
      const run = runSource(
        createXSource(
          options({rule: '-is:retweet'}),
          {X_BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl},
          {delayScale: 0.01},
        ),
      );
      cleanups.push(() => run.stop());
      await run.waitFor((r) => r.statuses().some((s) => s.state === 'error'));
      expect(run.statuses().at(-1)!.detail).toBe(
        'X rejected the rule "-is:retweet" (UnprocessableEntity: Rules must contain a ' +
          'non-negation term (at position 1)): fix the query or pass a valid --rule',
      );
      await sleep(200);
      expect(mock.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
      expect(mock.rules).toEqual([]);
    },
  );

  it('stops at once when aborted while X has not answered the rules request', async () => {
    const hung = http.createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    });
    const {port} = hung.address() as net.AddressInfo;
    const run = runSource(
      createXSource(options(), {
        X_BEARER_TOKEN: TOKEN,
        TRENDTUI_X_API_URL: `http://127.0.0.1:${port}/2/`,
      }),
    );
    await run.waitFor((r) => r.statuses().length === 1);
    const started = performance.now();
    await run.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting']);
  });

  it('without a token or a query it says what to do and makes no request', async () => {
    const mock = await startMockXServer({token: TOKEN});
    cleanups.push(() => mock.close());
    const noToken = runSource(createXSource(options(), {TRENDTUI_X_API_URL: mock.baseUrl}));
    cleanups.push(() => noToken.stop());
    await noToken.waitFor((r) => r.statuses().length > 0);
    expect(noToken.statuses()[0]).toMatchObject({state: 'error'});
    expect(noToken.statuses()[0]!.detail).toContain('X_BEARER_TOKEN');

    const noQuery = runSource(
      createXSource(options({query: []}), {
        X_BEARER_TOKEN: TOKEN,
        TRENDTUI_X_API_URL: mock.baseUrl,
      }),
    );
    cleanups.push(() => noQuery.stop());
    await noQuery.waitFor((r) => r.statuses().length > 0);
    expect(noQuery.statuses()[0]!.detail).toContain('--rule');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('X source: failures', () => {
  it('401: one request, an error that says how to set the token, no retries, no token leak', async () => {
    const {mock, run} = await setup([], {env: {X_BEARER_TOKEN: `${TOKEN}-revoked`}});
    await run.waitFor((r) => r.statuses().some((s) => s.state === 'error'));
    const error = run.statuses().find((s) => s.state === 'error')!;
    expect(error.detail).toContain('401');
    expect(error.detail).toContain('trendtui config set x.token -');
    // Long enough for several retries at the scaled delays, had any been scheduled.
    await sleep(300);
    expect(mock.requests).toHaveLength(1);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'error']);
    expect(JSON.stringify(run.events)).not.toContain(`${TOKEN}-revoked`);
  });

  it('403 client-not-enrolled on the stream: error naming the missing access, no retries', async () => {
    const {mock, run} = await setup([(c) => c.reject(403, problems.clientNotEnrolled)]);
    await run.waitFor((r) => r.statuses().some((s) => s.state === 'error'));
    expect(run.statuses().at(-1)!.detail).toMatch(/client-not-enrolled.*filtered-stream access/);
    await sleep(300);
    expect(mock.streamRequests()).toHaveLength(1);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'error']);
    expectNoTokenLeak(run);
  });

  it('429 TooManyConnections on a reconnect: waits 60 s, then 120 s (scaled), then streams', async () => {
    const {mock, run} = await setup(
      [
        async (c) => {
          c.accept();
          await c.send(message('first #Online', ourRuleId(mock)));
          c.drop();
        },
        // X may not have reaped the dropped connection yet.
        (c) => c.reject(429, problems.tooManyConnections),
        (c) => c.reject(429, problems.tooManyConnections),
        async (c) => {
          c.accept();
          await c.send(message('back #Online', ourRuleId(mock)));
        },
      ],
      {timing: {delayScale: 0.001, stableAfterMs: 0}},
    );
    await run.waitFor((r) => r.posts().length === 2);
    expect(retries(run)).toEqual([0, 60_000, 120_000]);
    expect(run.statuses()[3]!.detail).toContain('TooManyConnections');
    const [, first, second] = gaps(mock.streamRequests().map((r) => r.at));
    expect(first).toBeGreaterThanOrEqual(60 - 1);
    expect(second).toBeGreaterThanOrEqual(120 - 1);
    expectNoTokenLeak(run);
  });

  it('429 TooManyConnections before ever streaming: one line on how to share, no retries, its rule taken away', async () => {
    const {mock, run} = await setup([(c) => c.reject(429, problems.tooManyConnections)], {
      rules: [{id: '3', value: 'kpop', tag: liveRunTag}],
    });
    await run.waitFor((r) => r.statuses().some((s) => s.state === 'error'));
    const error = run.statuses().at(-1)!;
    expect(error.retryInMs).toBeUndefined();
    expect(error.detail).toContain('429 TooManyConnections');
    expect(error.detail).toContain('trendtui --connect');
    expect(error.detail).not.toContain('\n');
    // Long enough for many retries at the scaled delays, had any been scheduled.
    await sleep(300);
    expect(mock.streamRequests()).toHaveLength(1);
    expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'error']);
    expect(mock.rules).toEqual([{id: '3', value: 'kpop', tag: liveRunTag}]);
  });

  it('HTTP 5xx backs off exponentially from 5 s', async () => {
    const {mock, run} = await setup(
      [
        (c) => c.reject(503, {title: 'Service Unavailable'}),
        (c) => c.reject(503, {title: 'Service Unavailable'}),
        (c) => c.accept(),
      ],
      {timing: {delayScale: 0.005}},
    );
    await run.waitFor((r) => r.statuses().at(-1)?.state === 'live');
    expect(retries(run)).toEqual([5_000, 10_000]);
    const [first, second] = gaps(mock.streamRequests().map((r) => r.at));
    expect(first).toBeGreaterThanOrEqual(25 - 1);
    expect(second).toBeGreaterThanOrEqual(50 - 1);
  });

  it('a drop mid-stream: immediate retry, then linear 250 ms steps; the cut line is not glued on', async () => {
    let dropAt = 0;
    const refuse: StreamScript = (c) => c.drop();
    const {mock, run} = await setup(
      [
        async (c) => {
          c.accept();
          await c.send(message('first #One', ourRuleId(mock)));
          const cut = JSON.stringify(message('lost #Two', ourRuleId(mock)));
          await c.write(cut.slice(0, 40));
          dropAt = performance.now();
          c.drop();
        },
        refuse,
        refuse,
        async (c) => {
          c.accept();
          await c.send(message('second #Three', ourRuleId(mock)));
        },
      ],
      {timing: {stableAfterMs: 0}},
    );
    await run.waitFor((r) => r.posts().length === 2);
    expect(run.posts().map((p) => p.text)).toEqual(['first #One', 'second #Three']);
    expect(retries(run)).toEqual([0, 250, 500]);
    const times = mock.streamRequests().map((r) => r.at);
    expect(times[1]!).toBeGreaterThan(dropAt);
    const [, second, third] = gaps(times);
    expect(second).toBeGreaterThanOrEqual(2.5 - 1);
    expect(third).toBeGreaterThanOrEqual(5 - 1);
    expect(run.statuses().at(-1)!.state).toBe('live');
  });

  it('operational-disconnect reconnects at once', async () => {
    const {mock, run} = await setup(
      [
        async (c) => {
          c.accept();
          await c.send(message('before #Maintenance', ourRuleId(mock)));
          await c.send(problems.operationalDisconnect);
          c.end();
        },
        async (c) => {
          c.accept();
          await c.send(message('after #Maintenance', ourRuleId(mock)));
        },
      ],
      {timing: {stableAfterMs: 0}},
    );
    await run.waitFor((r) => r.posts().length === 2);
    const reconnect = run.statuses().find((s) => s.state === 'reconnecting')!;
    expect(reconnect.retryInMs).toBe(0);
    expect(reconnect.detail).toContain('operational-disconnect');
    expect(mock.streamRequests()).toHaveLength(2);
  });

  it('heartbeats keep a quiet stream alive; silence past the timeout reconnects', async () => {
    const idleTimeoutMs = 300;
    let lastHeartbeatAt = 0;
    const {mock, run} = await setup(
      [
        async (c) => {
          c.accept();
          await c.send(message('quiet #Night', ourRuleId(mock)));
          // Heartbeats for twice the timeout, then nothing at all.
          for (let i = 0; i < 12; i++) {
            await sleep(50);
            await c.heartbeat();
            lastHeartbeatAt = performance.now();
          }
        },
        async (c) => {
          c.accept();
          await c.send(message('awake #Morning', ourRuleId(mock)));
        },
      ],
      {timing: {idleTimeoutMs, stableAfterMs: 0}},
    );
    await run.waitFor((r) => r.posts().length === 2);
    const [first, second] = mock.streamRequests().map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(600 + idleTimeoutMs - 5);
    expect(second! - lastHeartbeatAt).toBeGreaterThanOrEqual(idleTimeoutMs - 5);
    const reconnect = run.statuses().find((s) => s.state === 'reconnecting')!;
    expect(reconnect.detail).toContain('no data or heartbeat');
    // The connection had been receiving data (for over `stableAfterMs`): retry at once.
    expect(reconnect.retryInMs).toBe(0);
  });

  it(
    "keeps a stream whose heartbeat comes late: the idle timeout has a margin over X's 20 s",
    {timeout: 45_000},
    async () => {
      // Real time: X's heartbeat interval is 20 s, and this one comes 2 s late.
      const {mock, run} = await setup(
        [
          async (c) => {
            c.accept();
            await c.send(message('evening #Late', ourRuleId(mock)));
            await sleep(22_000);
            await c.heartbeat();
            await c.send(message('still here #Late', ourRuleId(mock)));
          },
        ],
        {timing: {idleTimeoutMs: undefined}},
      );
      await run.waitFor((r) => r.posts().length === 2, 30_000);
      expect(mock.streamRequests()).toHaveLength(1);
      expect(run.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
      expect(X_IDLE_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000);
    },
  );

  it('a connection that drops within 30 s earns no immediate retry: flapping is backed off', async () => {
    const {mock, run} = await setup([
      async (c) => {
        c.accept();
        await c.send(message('brief #Flap', ourRuleId(mock)));
        c.drop();
      },
    ]);
    await run.waitFor((r) => retries(r).length >= 3);
    expect(retries(run).slice(0, 3)).toEqual([250, 500, 750]);
    expect(run.posts().length).toBeGreaterThanOrEqual(3);
  });

  it('a server that accepts and stalls every time gets backed off, not hammered', async () => {
    const {mock, run} = await setup([(c) => c.accept()], {timing: {idleTimeoutMs: 40}});
    await run.waitFor((r) => retries(r).length >= 3);
    expect(retries(run).slice(0, 3)).toEqual([250, 500, 750]);
    expect(mock.streamRequests().length).toBeLessThanOrEqual(4);
  });
});

describe('X source: framing', () => {
  it('decodes characters whose bytes are split across TCP chunks', async () => {
    const text = 'Stan Lee 🦸 héros #Excelsior 日本 #マーベル';
    const {mock, run} = await setup([
      async (c) => {
        c.accept();
        const bytes = Buffer.from(`${JSON.stringify(message(text, ourRuleId(mock)))}\r\n`);
        // Cut inside the emoji (4 bytes), inside é (2 bytes) and inside 日 (3 bytes).
        const cuts = [
          bytes.indexOf(Buffer.from('🦸')) + 2,
          bytes.indexOf(Buffer.from('é')) + 1,
          bytes.indexOf(Buffer.from('日')) + 1,
          bytes.length - 1, // the `\n` of the delimiter alone
        ];
        let from = 0;
        for (const cut of cuts) {
          await c.write(bytes.subarray(from, cut));
          await sleep(15); // lets each piece leave as its own TCP segment
          from = cut;
        }
        await c.write(bytes.subarray(from));
      },
    ]);
    await run.waitFor((r) => r.posts().length === 1);
    expect(run.posts()[0]!.text).toBe(text);
    expect(run.posts()[0]!.hashtags).toEqual(['Excelsior', 'マーベル']);
  });

  it('skips and counts malformed and oversized lines, and carries a 2 MiB message intact', async () => {
    const huge = `#Huge ${'x'.repeat(2 * 1024 * 1024)}`;
    const hugeEntities = {entities: {hashtags: [{start: 0, end: 5, tag: 'Huge'}]}};
    const {mock, run} = await setup([
      async (c) => {
        c.accept();
        const rule = ourRuleId(mock);
        await c.write('{"data": {"id": "1", "text": \r\n');
        await c.send(message('one #Fine', rule));
        const big = Buffer.from(`${JSON.stringify(message(huge, rule, hugeEntities))}\r\n`);
        for (let i = 0; i < big.length; i += 64 * 1024)
          await c.write(big.subarray(i, i + 64 * 1024));
        // Past the 4 MiB line limit: dropped without being held whole.
        const monster = Buffer.alloc(5 * 1024 * 1024, 'y'.charCodeAt(0));
        for (let i = 0; i < monster.length; i += 256 * 1024) {
          await c.write(monster.subarray(i, i + 256 * 1024));
        }
        await c.write('\r\n');
        await c.send(message('two #Fine', rule));
      },
    ]);
    await run.waitFor((r) => r.posts().length === 3);
    const posts = run.posts();
    expect(posts.map((p) => p.hashtags)).toEqual([['Fine'], ['Huge'], ['Fine']]);
    expect(posts[1]!.text).toBe(huge);
    await run.waitFor((r) => r.statuses().some((s) => s.detail?.includes('2 malformed messages')));
    expect(run.statuses().filter((s) => s.state !== 'live' && s.state !== 'connecting')).toEqual(
      [],
    );
  });
});

describe('X source behind `trendtui serve`', () => {
  it('posts and statuses reach a TCP client as protocol lines; the token reaches neither wire nor log', async () => {
    let clientReady = () => {};
    const ready = new Promise<void>((resolve) => (clientReady = resolve));
    const mock = await startMockXServer({
      token: TOKEN,
      scripts: [
        async (c) => {
          c.accept();
          await ready;
          await c.send(message('Excelsior 🦸 #StanLee #Marvel', ourRuleId(mock)));
        },
      ],
    });
    cleanups.push(() => mock.close());

    let stop = (_code: number) => {};
    const stopRequested = new Promise<number>((resolve) => (stop = resolve));
    const stderr = new PassThrough();
    let log = '';
    stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const served = runServe(options(), {
      env: {X_BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl},
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr,
      stopRequested,
    });
    cleanups.push(async () => {
      stop(0);
      await served;
    });
    while (!/listening on [\d.]+:\d+/.test(log)) await new Promise((r) => stderr.once('data', r));
    const port = Number(/listening on [\d.]+:(\d+)/.exec(log)![1]);

    const socket = net.connect(port, '127.0.0.1');
    cleanups.push(async () => void socket.destroy());
    let received = '';
    const lines = () =>
      received
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if (lines().some((l) => l.type === 'hello')) clientReady();
        if (lines().some((l) => l.type === 'post')) resolve();
      });
    });
    const wire = lines();
    expect(wire[0]).toMatchObject({type: 'hello', protocol: 1, source: 'x', query: 'stan lee'});
    const states = wire.filter((l) => l.type === 'status').map((l) => l.state);
    expect(states.at(-1)).toBe('live');
    expect(wire.find((l) => l.type === 'post')).toMatchObject({
      text: 'Excelsior 🦸 #StanLee #Marvel',
      hashtags: ['StanLee', 'Marvel'],
      author: 'excelsior',
    });
    stop(0);
    expect(await served).toBe(0);
    for (const text of [received, log]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(20));
    }
    expect(log).toContain('source x live');
  });
});

describe('X source: two runs on one token', () => {
  it("the second run neither takes the stream nor touches the first's rule; neither counts the other's posts", async () => {
    let stopSending = false;
    let tick = 0;
    let brexitSent = 0;
    const mock = await startMockXServer({
      token: TOKEN,
      oneStreamPerToken: true,
      scripts: [
        async (c) => {
          c.accept();
          while (!stopSending) {
            tick++;
            await c.send({
              ...message(`kpop ${tick} #KPop`),
              matching_rules: mock.matchingRules('kpop'),
            });
            const brexit = mock.matchingRules('brexit');
            if (brexit.length > 0) {
              await c.send({...message(`brexit ${tick} #Brexit`), matching_rules: brexit});
              brexitSent++;
              await c.send({
                ...message(`kpop brexit ${tick} #Both`),
                matching_rules: mock.matchingRules('kpop', 'brexit'),
              });
            }
            await sleep(20);
          }
        },
      ],
    });
    cleanups.push(async () => {
      stopSending = true;
      await mock.close();
    });
    const env = {X_BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl};
    const timing = {delayScale: 0.001};
    const kpop = runSource(createXSource(options({query: ['kpop']}), env, timing));
    cleanups.push(() => kpop.stop());
    await kpop.waitFor((r) => r.posts().length >= 3);
    const kpopRule = mock.rules.find((r) => r.value === 'kpop');

    const brexit = runSource(createXSource(options({query: ['brexit']}), env, timing));
    cleanups.push(() => brexit.stop());
    await brexit.waitFor((r) => r.statuses().some((s) => s.state === 'error'));
    const said = brexit.statuses().at(-1)!.detail!;
    expect(said).toContain('TooManyConnections');
    expect(said).toContain('trendtui --connect');
    // The brexit rule lived for a moment, and X goes on matching a deleted rule for a while:
    // the kpop run's stream carries the brexit run's posts.
    await kpop.waitFor(() => brexitSent >= 3);
    // Room for many reconnects at the scaled delays, had any been made.
    await sleep(500);
    const count = kpop.posts().length;
    await kpop.waitFor((r) => r.posts().length > count + 3);

    // One stream request each: the second was refused once and never tried again; the first
    // never lost its connection.
    expect(mock.streamRequests()).toHaveLength(2);
    expect(mock.refusedStreams).toBe(1);
    expect(kpop.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
    expect(brexit.statuses().map((s) => s.state)).toEqual(['connecting', 'error']);
    // The first run's rule survived the second; the second's rule went with it.
    expect(mock.rules).toEqual([kpopRule]);
    expect(brexit.posts()).toEqual([]);
    const texts = kpop.posts().map((p) => p.text);
    expect(texts.every((t) => t.startsWith('kpop '))).toBe(true);
  });
});
