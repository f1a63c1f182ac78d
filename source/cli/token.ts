// Where the X bearer token comes from: the environment first (as gh and twarc do), then the
// config file. The token is only ever handed on through the environment of the ingest child,
// never argv, and is shown to the user only masked.
import type {SettingsValues} from './settings.js';

/** Checked in this order; the first non-empty one wins. */
export const TOKEN_ENV_VARS = ['X_BEARER_TOKEN', 'TWITTER_BEARER_TOKEN', 'BEARER_TOKEN'] as const;

export type ResolvedToken = {
  token: string;
  /** An environment variable name, or `config` for the config file. */
  from: (typeof TOKEN_ENV_VARS)[number] | 'config';
};

export function resolveToken(
  env: NodeJS.ProcessEnv,
  settings: SettingsValues,
): ResolvedToken | undefined {
  for (const name of TOKEN_ENV_VARS) {
    const value = env[name]?.trim();
    if (value) return {token: value, from: name};
  }
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

/** The environment the ingest child needs to reach X: the token under its canonical name. */
export function tokenEnvironment(resolved: ResolvedToken | undefined): Record<string, string> {
  return resolved ? {X_BEARER_TOKEN: resolved.token} : {};
}
