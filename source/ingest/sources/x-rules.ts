// Keeps exactly one filtered-stream rule for trendtui on the X app: the rule is tagged as
// trendtui's, reused when it already exists (so restarts never duplicate it), and any other
// trendtui rule left from an earlier query is removed. Rules live on X's side and outlive the
// process; rules that are not trendtui's are left alone.
import http from 'node:http';
import https from 'node:https';
import {
  ApiResponseError,
  TwitterApi,
  type ITwitterApiBeforeRequestConfigHookArgs,
  type ITwitterApiClientPlugin,
  type StreamingV2Rule,
} from 'twitter-api-v2';
import {httpFailure, networkFailure, parseProblem, type XFailure} from './x-problems.js';

export const TRENDTUI_RULE_TAG = 'trendtui';
const RULES_TIMEOUT_MS = 30_000;

const X_API_V2_PREFIX = /^https:\/\/api\.(?:x|twitter)\.com\/2\//;

// A word the rule language would read as something else (an operator, a negation, a group, a
// phrase) is quoted; plain words, #hashtags, @mentions and $cashtags stay as they are.
const PLAIN_WORD = /^[#@$]?[\p{L}\p{M}\p{N}_]+$/u;
const OPERATOR_WORDS = new Set(['OR', 'AND']);

/**
 * Builds a rule from query words, ANDed: `["stan lee"]` → `stan lee`, `["c++"]` → `"c++"`.
 * With `--lang`, the language goes into the rule too: X bills every post it delivers, so posts
 * the language filter would drop anyway are better not sent.
 */
export function ruleForQuery(query: readonly string[], lang?: string): string {
  const words = query
    .flatMap((arg) => arg.split(/\s+/u))
    .filter((word) => word !== '')
    .map((word) =>
      PLAIN_WORD.test(word) && !OPERATOR_WORDS.has(word)
        ? word
        : `"${word.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    );
  // `lang:` cannot stand alone in a rule; without words there is no rule to narrow.
  const primary = lang?.split('-')[0]?.toLowerCase();
  if (words.length > 0 && primary && /^[a-z]{2,3}$/.test(primary)) words.push(`lang:${primary}`);
  return words.join(' ');
}

/**
 * A client for the rules endpoints. The library has no base-URL setting, so a plugin rewrites
 * each request's URL; it always calls `https.request`, which accepts an `http:` URL only when
 * given an `http.Agent`. Keep-alive is off (the library's listeners leak on kept-alive sockets
 * under Node ≥ 19, and rule calls are rare).
 */
export function createRulesClient(token: string, baseUrl: string): TwitterApi {
  const rewrite = ({params}: ITwitterApiBeforeRequestConfigHookArgs) => {
    params.url = params.url.replace(X_API_V2_PREFIX, baseUrl);
    // The wrappers take no request options; without a timeout a hung call would leave the
    // source `connecting` for ever.
    params.timeout ??= RULES_TIMEOUT_MS;
  };
  const plugin: ITwitterApiClientPlugin = {
    onBeforeRequestConfig: rewrite,
    onBeforeStreamRequestConfig: rewrite,
  };
  const agent = baseUrl.startsWith('http://')
    ? new http.Agent({keepAlive: false})
    : new https.Agent({keepAlive: false});
  return new TwitterApi(token, {plugins: [plugin], httpAgent: agent});
}

export type RuleSyncResult = {ok: true; rule: StreamingV2Rule} | {ok: false; failure: XFailure};

/** Makes the app's rules hold `value` once, tagged trendtui's, and no other trendtui rule. */
export async function syncStreamRule(client: TwitterApi, value: string): Promise<RuleSyncResult> {
  try {
    const existing = (await client.v2.streamRules()).data ?? [];
    let rule =
      existing.find((r) => r.tag === TRENDTUI_RULE_TAG && r.value === value) ??
      // X refuses a second rule with the same value; an untagged twin already does the job.
      existing.find((r) => r.value === value);
    if (!rule) {
      const added = await addRule(client, value);
      if (!added.ok) return added;
      rule = added.rule;
    }
    const keptId = rule.id;
    const stale = existing.filter((r) => r.tag === TRENDTUI_RULE_TAG && r.id !== keptId);
    if (stale.length > 0) {
      await client.v2.updateStreamRules({delete: {ids: stale.map((r) => r.id)}});
    }
    return {ok: true, rule};
  } catch (error) {
    if (error instanceof ApiResponseError) {
      return {ok: false, failure: httpFailure(error.code, parseProblem(error.data))};
    }
    const cause = (error as {requestError?: unknown}).requestError ?? error;
    return {ok: false, failure: networkFailure(cause)};
  }
}

/**
 * Adds the rule. X reports a rule it cannot accept either as an HTTP 400 or as a 200 listing
 * `errors`; both are final (retrying the same text cannot succeed), unlike a 5xx.
 */
async function addRule(client: TwitterApi, value: string): Promise<RuleSyncResult> {
  const rejected = (body: unknown): RuleSyncResult => {
    const problem = parseProblem(body);
    const why = [problem.title, problem.detail].filter(Boolean).join(': ');
    return {
      ok: false,
      failure: {
        kind: 'fatal',
        detail: `X rejected the rule ${JSON.stringify(value)}${why ? ` (${why})` : ''}: fix the query or pass a valid --rule`,
      },
    };
  };
  try {
    const added = await client.v2.updateStreamRules({add: [{value, tag: TRENDTUI_RULE_TAG}]});
    const rule = added.data?.find((r) => r.value === value);
    return rule ? {ok: true, rule} : rejected({errors: added.errors});
  } catch (error) {
    if (error instanceof ApiResponseError && (error.code === 400 || error.code === 422)) {
      return rejected(error.data);
    }
    throw error;
  }
}
