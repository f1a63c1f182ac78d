// Where the X bearer token comes from: the environment first (as gh and twarc do), then the
// config file. The token is only ever handed on through the environment of the ingest child,
// never argv, and is shown to the user only masked.
import {sourceCapabilities} from '../ingest/source-capabilities.js';
import type {SourceName} from '../ingest/source.js';
import {tokenFromEnvironment, type TokenVariable} from '../ingest/sources/x-token.js';
import type {SettingsValues} from './settings.js';

export type ResolvedToken = {
  token: string;
  /** An environment variable name, or `config` for the config file. */
  from: TokenVariable | 'config';
};

export function resolveToken(
  env: NodeJS.ProcessEnv,
  settings: SettingsValues,
): ResolvedToken | undefined {
  const fromEnvironment = tokenFromEnvironment(env);
  if (fromEnvironment) return fromEnvironment;
  // A hand-edited file may hold anything there.
  const stored = typeof settings.x?.token === 'string' ? settings.x.token.trim() : undefined;
  return stored ? {token: stored, from: 'config'} : undefined;
}

/**
 * Enough of a token to tell two apart, never enough to use: the length and the last four
 * characters (a bearer token is 100+ characters, so four reveal nothing useful).
 */
export function maskToken(token: string): string {
  if (token.length < 16) return `(set, ${token.length} characters)`;
  return `…${token.slice(-4)} (${token.length} characters)`;
}

/**
 * The environment the ingest child needs to reach X: the token under its canonical name, for
 * a source that uses one. Any other source is not handed a token from the config file.
 */
export function tokenEnvironment(
  resolved: ResolvedToken | undefined,
  source: SourceName,
): Record<string, string> {
  return resolved && sourceCapabilities(source).usesToken ? {X_BEARER_TOKEN: resolved.token} : {};
}
