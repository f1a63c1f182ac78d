// Where the X source finds its bearer token: environment variables, checked in this order, the
// first non-empty one winning (as gh and twarc do). Declared once: the CLI resolves the token
// with it, the server redacts tokens from statuses with it, the X source reads it.

export const TOKEN_ENV_VARS = ['X_BEARER_TOKEN', 'TWITTER_BEARER_TOKEN', 'BEARER_TOKEN'] as const;

export type TokenVariable = (typeof TOKEN_ENV_VARS)[number];

/** The token the environment holds and the variable it came from, if any. */
export function tokenFromEnvironment(
  env: NodeJS.ProcessEnv,
): {token: string; from: TokenVariable} | undefined {
  for (const name of TOKEN_ENV_VARS) {
    const token = env[name]?.trim();
    if (token) return {token, from: name};
  }
  return undefined;
}
