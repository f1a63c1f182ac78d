// Two runs of the real binary on one X token, against a mock X that, like X, allows one stream
// connection per token: `trendtui kpop` holds the stream; `trendtui brexit` is refused, says in
// one line how to share, and stops without retrying; the first run's rule survives the second,
// neither counts the other's posts, and the first takes its rule away when it stops.
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import type {NdjsonRecord} from '../../source/core/format/records.js';
import {startMockXServer} from '../helpers/mock-x-server.js';
import {cleanEnv, finished, run, start} from './run-binary.js';

const TOKEN = 'one-token-for-two-runs-0123456789abcdef';

let nextId = 1_870_000_000_000_000_000n;
function post(text: string, matchingRules: unknown) {
  const id = String(nextId++);
  return {
    data: {id, text, author_id: '42', created_at: new Date().toISOString(), lang: 'en'},
    matching_rules: matchingRules,
  };
}

describe('two runs on one X token', () => {
  it(
    "do not fight: the second says how to share and stops; neither deletes the other's rule or counts the other's posts",
    {timeout: 60_000},
    async () => {
      let sending = true;
      const mock = await startMockXServer({
        token: TOKEN,
        oneStreamPerToken: true,
        scripts: [
          async (c) => {
            c.accept();
            while (sending) {
              await c.send(post('kpop #KPop', mock.matchingRules('kpop')));
              if (mock.matchingRules('brexit').length > 0) {
                await c.send(post('brexit #Brexit', mock.matchingRules('brexit')));
                await c.send(post('kpop brexit #Both', mock.matchingRules('kpop', 'brexit')));
              }
              await sleep(50);
            }
          },
        ],
      });
      try {
        const env = cleanEnv({X_BEARER_TOKEN: TOKEN, TRENDTUI_X_API_URL: mock.baseUrl});
        const args = ['--pipe', '--window', '1s', '--slide', '1s'];
        const first = start(['kpop', ...args], {env});
        const firstDone = finished(first);
        let out = '';
        first.stdout!.on('data', (chunk: Buffer) => void (out += chunk.toString()));
        const records = () =>
          out
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as NdjsonRecord);
        const tags = () => new Set(records().flatMap((r) => r.top.map((t) => t.tag)));
        const outputHas = (test: () => boolean) =>
          new Promise<void>((resolve) => {
            const check = () => {
              if (!test()) return;
              first.stdout!.off('data', check);
              resolve();
            };
            first.stdout!.on('data', check);
            check();
          });
        await outputHas(() => tags().has('#KPop'));
        const kpopRule = mock.rules.find((r) => r.value === 'kpop');
        expect(kpopRule?.tag).toMatch(/^trendtui:\d+@/);

        const second = await run(['brexit', ...args], {env});
        expect(second.code).toBe(1);
        const refusal = second.stderr
          .split('\n')
          .filter((line) => line.includes('TooManyConnections'));
        expect(refusal).toHaveLength(1);
        expect(refusal[0]).toContain('trendtui --connect');
        expect(second.stdout).toBe('');
        // X goes on matching a deleted rule for a while: the first run's stream carries the
        // brexit posts, and records made after them still hold none.
        const seen = records().length;
        await outputHas(() => records().length >= seen + 3);

        expect(mock.streamRequests()).toHaveLength(2);
        expect(mock.refusedStreams).toBe(1);
        expect(mock.rules).toEqual([kpopRule]);
        expect(tags().has('#Brexit')).toBe(false);
        expect(tags().has('#Both')).toBe(true);
        expect(first.exitCode).toBeNull();

        first.kill('SIGINT');
        const {code, stderr} = await firstDone;
        expect(code).toBe(130);
        expect(stderr).not.toContain('reconnecting');
        // A stopped run leaves no rule behind.
        expect(mock.rules).toEqual([]);
      } finally {
        sending = false;
        await mock.close();
      }
    },
  );
});
