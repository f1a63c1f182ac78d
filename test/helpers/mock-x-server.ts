// A local HTTP server speaking the X API v2 filtered-stream wire format, for tests: the rules
// endpoints (GET/POST /2/tweets/search/stream/rules, kept in memory) and the stream itself
// (`\r\n`-framed JSON, lone `\r\n` heartbeats), with every request recorded. Each stream
// connection is handed to a script the test provides, which decides what that connection does.
// Like X, it can allow one stream connection per token: a second, while the first is open, gets
// 429 TooManyConnections.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
  /** `performance.now()` when the request arrived. */
  at: number;
};

export type StoredRule = {id: string; value: string; tag?: string};

/** One stream connection, as the test script sees it. */
export type StreamConnection = {
  /** 0 for the first stream request, 1 for the second… */
  index: number;
  request: RecordedRequest;
  /** Answers 200 with the stream's headers; the body stays open. */
  accept(): void;
  /** Writes one message followed by the `\r\n` delimiter. */
  send(message: unknown): Promise<void>;
  /** The keep-alive: a lone `\r\n`. */
  heartbeat(): Promise<void>;
  /** Raw bytes, exactly as given (to split characters or frames across TCP segments). */
  write(bytes: Uint8Array | string): Promise<void>;
  /** Answers with an HTTP error and a JSON problem body. */
  reject(status: number, body: unknown, headers?: http.OutgoingHttpHeaders): void;
  /** Kills the TCP connection without finishing the response: a drop mid-stream. */
  drop(): void;
  /** Ends the response cleanly (X closing the stream). */
  end(): void;
  /** Resolves when the client goes away. */
  closed: Promise<void>;
};

export type StreamScript = (connection: StreamConnection) => void | Promise<void>;

export type MockXServer = {
  /** Base URL in the form the client takes, e.g. `http://127.0.0.1:PORT/2/`. */
  baseUrl: string;
  requests: RecordedRequest[];
  streamRequests(): RecordedRequest[];
  rules: StoredRule[];
  /** The bearer token the server accepts; other tokens get 401 on every endpoint. */
  token: string;
  /** Scripts for successive stream connections; the last one repeats. */
  scripts: StreamScript[];
  /**
   * `matching_rules` as X would send them for a post matched by the rules with these values,
   * deleted ones included: X applies rule changes within about 20 s, not at once.
   */
  matchingRules(...values: string[]): {id: string; tag?: string}[];
  /** Stream requests refused because another connection held the stream. */
  refusedStreams: number;
  /** Resolves when the stream has been requested `count` times in total. */
  waitForStreamRequests(count: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
};

export const problems = {
  unauthorized: {title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized'},
  clientNotEnrolled: {
    client_id: '27347717',
    detail:
      'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
    registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
    title: 'Client Forbidden',
    required_enrollment: 'Appropriate Level of API Access',
    reason: 'client-not-enrolled',
    type: 'https://api.twitter.com/2/problems/client-forbidden',
  },
  tooManyConnections: {
    title: 'ConnectionException',
    detail: 'This stream is currently at the maximum allowed connection limit.',
    connection_issue: 'TooManyConnections',
    type: 'https://api.x.com/2/problems/streaming-connection',
  },
  operationalDisconnect: {
    errors: [
      {
        title: 'operational-disconnect',
        disconnect_type: 'UpstreamOperationalDisconnect',
        detail: 'This stream has been disconnected upstream for operational reasons.',
        type: 'https://api.x.com/2/problems/operational-disconnect',
      },
    ],
  },
};

const STREAM_PATH = '/2/tweets/search/stream';
const RULES_PATH = '/2/tweets/search/stream/rules';

export async function startMockXServer(
  options: {
    token?: string;
    rules?: StoredRule[];
    scripts?: StreamScript[];
    /** Rule values X would refuse, and the HTTP status it answers them with (200 or 400). */
    invalidRules?: {values: string[]; status: 200 | 400};
    /** As X does: while one stream connection is open, another gets 429 TooManyConnections. */
    oneStreamPerToken?: boolean;
  } = {},
): Promise<MockXServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const waiters: {count: number; resolve: () => void}[] = [];
  let nextRuleId = 1_700_000_000_000_000_000n;
  let streamCount = 0;
  let openStreams = 0;
  const everStored: StoredRule[] = [...(options.rules ?? [])];

  const mock: MockXServer = {
    baseUrl: '',
    requests,
    streamRequests: () => requests.filter((r) => r.path === STREAM_PATH),
    rules: options.rules ?? [],
    token: options.token ?? 'test-bearer-token-0123456789',
    scripts: options.scripts ?? [(c) => c.accept()],
    matchingRules: (...values) =>
      everStored
        .filter((rule) => values.includes(rule.value))
        .map((rule) => ({id: rule.id, ...(rule.tag === undefined ? {} : {tag: rule.tag})})),
    refusedStreams: 0,
    waitForStreamRequests(count) {
      return new Promise((resolve) => {
        const done = () => resolve(mock.streamRequests());
        if (mock.streamRequests().length >= count) done();
        else waiters.push({count, resolve: done});
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    };
    res.writeHead(status, headers).end(JSON.stringify(body));
  };

  const handleRules = (req: RecordedRequest, res: http.ServerResponse) => {
    const sent = new Date().toISOString();
    if (req.method === 'GET') {
      const data = mock.rules.map((rule) => ({...rule}));
      // X omits `data` when there are no rules.
      json(res, 200, {
        ...(data.length > 0 ? {data} : {}),
        meta: {sent, result_count: data.length},
      });
      return;
    }
    const body = (req.body ?? {}) as {
      add?: {value: string; tag?: string}[];
      delete?: {ids?: string[]};
    };
    if (body.add) {
      const created: StoredRule[] = [];
      const errors: unknown[] = [];
      for (const rule of body.add) {
        if (options.invalidRules?.values.includes(rule.value)) {
          errors.push({
            value: rule.value,
            details: ['Rules must contain a non-negation term (at position 1)'],
            title: 'UnprocessableEntity',
            type: 'https://api.twitter.com/2/problems/invalid-rules',
          });
          continue;
        }
        const existing = mock.rules.find((r) => r.value === rule.value);
        if (existing) {
          errors.push({
            value: rule.value,
            id: existing.id,
            title: 'DuplicateRule',
            type: 'https://api.twitter.com/2/problems/duplicate-rules',
          });
          continue;
        }
        const stored: StoredRule = {id: String(nextRuleId++), value: rule.value};
        if (rule.tag !== undefined) stored.tag = rule.tag;
        mock.rules.push(stored);
        everStored.push(stored);
        created.push(stored);
      }
      const refused = options.invalidRules?.status === 400 && created.length === 0;
      json(res, created.length > 0 ? 201 : refused ? 400 : 200, {
        ...(created.length > 0 ? {data: created} : {}),
        meta: {
          sent,
          summary: {
            created: created.length,
            not_created: errors.length,
            valid: created.length,
            invalid: errors.length,
          },
        },
        ...(errors.length > 0 ? {errors} : {}),
      });
      return;
    }
    if (body.delete) {
      const ids = new Set(body.delete.ids ?? []);
      const before = mock.rules.length;
      mock.rules = mock.rules.filter((r) => !ids.has(r.id));
      const deleted = before - mock.rules.length;
      json(res, 200, {meta: {sent, summary: {deleted, not_deleted: ids.size - deleted}}});
      return;
    }
    json(res, 400, {title: 'Invalid Request', detail: 'One of add or delete is required'});
  };

  const handleStream = (
    req: RecordedRequest,
    raw: http.IncomingMessage,
    res: http.ServerResponse,
  ) => {
    for (const waiter of waiters.splice(0)) {
      if (mock.streamRequests().length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
    if (options.oneStreamPerToken && openStreams > 0) {
      mock.refusedStreams++;
      json(res, 429, problems.tooManyConnections);
      return;
    }
    const index = streamCount++;
    openStreams++;
    const closed = new Promise<void>((resolve) =>
      raw.socket.once('close', () => {
        openStreams--;
        resolve();
      }),
    );
    const write = (bytes: Uint8Array | string) =>
      new Promise<void>((resolve) => {
        if (res.destroyed || res.writableEnded) return resolve();
        res.write(bytes, () => resolve());
      });
    const connection: StreamConnection = {
      index,
      request: req,
      accept: () => {
        res.socket?.setNoDelay(true);
        res.writeHead(200, {'content-type': 'application/json'});
        res.flushHeaders();
      },
      send: (message) => write(`${JSON.stringify(message)}\r\n`),
      heartbeat: () => write('\r\n'),
      write,
      reject: (status, body, headers = {}) => {
        res
          .writeHead(status, {'content-type': 'application/problem+json', ...headers})
          .end(JSON.stringify(body));
      },
      drop: () => raw.socket.destroy(),
      end: () => res.end(),
      closed,
    };
    const script = mock.scripts[Math.min(index, mock.scripts.length - 1)];
    void Promise.resolve(script?.(connection)).catch(() => raw.socket.destroy());
  };

  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const req: RecordedRequest = {
        method: raw.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        authorization: raw.headers.authorization,
        body,
        at: performance.now(),
      };
      requests.push(req);
      if (req.authorization !== `Bearer ${mock.token}`) {
        json(res, 401, problems.unauthorized);
        return;
      }
      if (url.pathname === RULES_PATH) handleRules(req, res);
      else if (url.pathname === STREAM_PATH && req.method === 'GET') handleStream(req, raw, res);
      else json(res, 404, {title: 'Not Found Error', detail: url.pathname});
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  mock.baseUrl = `http://127.0.0.1:${port}/2/`;
  return mock;
}
