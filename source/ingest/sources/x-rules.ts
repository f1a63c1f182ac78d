// Keeps this run's filtered-stream rule on the X app and takes it away again. Rules live on X's
// side, outlive the process and are shared by every run using the same token: each run adds its
// rule under its own tag, reuses a rule that already has its value (X refuses a twin), removes
// rules of its own runs that are provably gone, and leaves every other rule alone.
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
import {isProvablyGone, isRunTag} from './x-run-tag.js';
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

/** The rule this run counts by; `owned` when this run added it (and so removes it). */
export type RunRule = {rule: StreamingV2Rule; owned: boolean};

export type RuleSyncResult = ({ok: true} & RunRule) | {ok: false; failure: XFailure};

/**
 * Makes the app's rules hold `value` for this run (tagged `runTag`), and removes the rules of
 * trendtui runs on this machine that are gone. A rule with the same value, whoever's it is, is
 * reused rather than duplicated: X refuses a second rule with the same value.
 */
export async function syncStreamRule(
  client: TwitterApi,
  value: string,
  runTag: string,
): Promise<RuleSyncResult> {
  try {
    const existing = (await client.v2.streamRules()).data ?? [];
    const twin = existing.find((r) => r.value === value);
    const stale = existing.filter((r) => r !== twin && isProvablyGone(r.tag));
    if (stale.length > 0) {
      await client.v2.updateStreamRules({delete: {ids: stale.map((r) => r.id)}});
    }
    if (twin) return {ok: true, rule: twin, owned: twin.tag === runTag};
    const added = await addRule(client, value, runTag);
    return added.ok ? {...added, owned: true} : added;
  } catch (error) {
    return {ok: false, failure: requestFailure(error)};
  }
}

/**
 * Takes the run's rule away when it ends, so X stops sending (and billing) posts nobody counts:
 * its own rule, or a reused one whose owner is provably gone. Best effort: a rule left behind
 * is removed by the next run on this machine.
 */
export async function releaseStreamRule(client: TwitterApi, held: RunRule): Promise<void> {
  if (!held.owned && !isProvablyGone(held.rule.tag)) return;
  try {
    await client.v2.updateStreamRules({delete: {ids: [held.rule.id]}});
  } catch {
    // Offline or refused: nothing more to do on the way out.
  }
}

/** Whether a streamed message was matched by `rule` (X lists every rule that matched it). */
export function matchedBy(message: unknown, rule: StreamingV2Rule): boolean {
  const rules = (message as {matching_rules?: unknown}).matching_rules;
  if (!Array.isArray(rules)) return false;
  return rules.some((matched: {id?: unknown; tag?: unknown} | null) => {
    if (matched === null || typeof matched !== 'object') return false;
    // A run's tag is unique to it; a plain tag may be any number of rules'.
    return String(matched.id) === rule.id || (isRunTag(rule.tag) && matched.tag === rule.tag);
  });
}

function requestFailure(error: unknown): XFailure {
  if (error instanceof ApiResponseError) {
    return httpFailure(error.code, parseProblem(error.data));
  }
  const cause = (error as {requestError?: unknown}).requestError ?? error;
  return networkFailure(cause);
}

/**
 * Adds the rule. X reports a rule it cannot accept either as an HTTP 400 or as a 200 listing
 * `errors`; both are final (retrying the same text cannot succeed), unlike a 5xx.
 */
async function addRule(
  client: TwitterApi,
  value: string,
  tag: string,
): Promise<{ok: true; rule: StreamingV2Rule} | {ok: false; failure: XFailure}> {
  const rejected = (body: unknown): {ok: false; failure: XFailure} => {
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
    const added = await client.v2.updateStreamRules({add: [{value, tag}]});
    const rule = added.data?.find((r) => r.value === value);
    return rule ? {ok: true, rule} : rejected({errors: added.errors});
  } catch (error) {
    if (error instanceof ApiResponseError && (error.code === 400 || error.code === 422)) {
      return rejected(error.data);
    }
    throw error;
  }
}
