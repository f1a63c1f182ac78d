// The X source against a real local HTTP server speaking the filtered-stream wire format.
// Back-off waits are scaled down (statuses keep X's real delays) and the spacing between the
// server's recorded requests is checked against the scaled delays.
import http from 'node:http';
import net from 'node:net';
import {PassThrough} from 'node:stream';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import type {Options} from '../../../source/cli/options.js';
import {runServe} from '../../../source/ingest/serve.js';
import {XReconnectPolicy} from '../../../source/ingest/sources/x-backoff.js';
import {ruleForQuery} from '../../../source/ingest/sources/x-rules.js';
import {createXSource, type XSourceTiming} from '../../../source/ingest/sources/x.js';
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

const ourRuleId = (mock: MockXServer) => mock.rules.find((r) => r.tag === 'trendtui')?.id;
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
  it('keeps exactly one trendtui rule across restarts, removing stale ones and sparing others', async () => {
    const scripts: StreamScript[] = [
      async (c) => {
        c.accept();
        const ours = ourRuleId(mock);
        await c.send(message('Excelsior! #StanLee forever', ours));
        // Matched only by somebody else's rule on the same app: not ours to count.
        await c.send({...message('unrelated #Other'), matching_rules: [{id: '1', tag: 'other'}]});
        await c.send(message('Stan Lee cameo #Marvel', ours));
      },
    ];
    const {mock, run} = await setup(scripts, {
      rules: [
        {id: '1', value: 'from:someone', tag: 'other'},
        {id: '2', value: 'old query', tag: 'trendtui'},
      ],
    });
    await run.waitFor((r) => r.posts().length === 2);
    expect(run.posts().map((p) => p.hashtags)).toEqual([['StanLee'], ['Marvel']]);
    expect(run.posts()[0]!.author).toBe('excelsior');
    expect(mock.rules.map((r) => [r.value, r.tag])).toEqual([
      ['from:someone', 'other'],
      ['stan lee', 'trendtui'],
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

    // A restart with the same query finds its rule and adds nothing.
    const postsBefore = mock.requests.filter((r) => r.method === 'POST').length;
    const again = runSource(
      createXSource(options(), {BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl}),
    );
    cleanups.push(() => again.stop());
    await again.waitFor((r) => r.posts().length === 2);
    expect(mock.requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    expect(mock.rules.filter((r) => r.tag === 'trendtui')).toHaveLength(1);
    await again.stop();

    // --rule replaces the query's rule; the old one goes.
    const raw = runSource(
      createXSource(options({rule: '"stan lee" -is:retweet'}), {
        TWITTER_BEARER_TOKEN: TOKEN,
        TRENDTUI_X_API_URL: mock.baseUrl,
      }),
    );
    cleanups.push(() => raw.stop());
    await raw.waitFor((r) => r.statuses().some((s) => s.state === 'live'));
    expect(mock.rules.map((r) => [r.value, r.tag])).toEqual([
      ['from:someone', 'other'],
      ['"stan lee" -is:retweet', 'trendtui'],
    ]);
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

  it('429 TooManyConnections: waits 60 s, then 120 s (scaled), then streams', async () => {
    const {mock, run} = await setup(
      [
        (c) => c.reject(429, problems.tooManyConnections),
        (c) => c.reject(429, problems.tooManyConnections),
        async (c) => {
          c.accept();
          await c.send(message('back #Online', ourRuleId(mock)));
        },
      ],
      {timing: {delayScale: 0.001}},
    );
    await run.waitFor((r) => r.posts().length === 1);
    expect(retries(run)).toEqual([60_000, 120_000]);
    expect(run.statuses()[1]!.detail).toContain('TooManyConnections');
    const [first, second] = gaps(mock.streamRequests().map((r) => r.at));
    expect(first).toBeGreaterThanOrEqual(60 - 1);
    expect(second).toBeGreaterThanOrEqual(120 - 1);
    expectNoTokenLeak(run);
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
