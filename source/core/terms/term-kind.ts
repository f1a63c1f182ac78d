// What a trend can be made of: the four kinds of term a post carries, in the order the `t` key
// cycles through them, and how each is shown.

export const TERM_KINDS = ['hashtags', 'words', 'cashtags', 'mentions'] as const;

export type TermKind = (typeof TERM_KINDS)[number];

const SIGILS: Record<TermKind, string> = {hashtags: '#', words: '', cashtags: '$', mentions: '@'};

/** A term as shown and printed: `#StanLee`, `sleep`, `$AMD`, `@jack`. */
export function displayTerm(kind: TermKind, term: string): string {
  return SIGILS[kind] + term;
}

/** The kind after `kind` in the cycle, wrapping round. */
export function nextTermKind(kind: TermKind): TermKind {
  return TERM_KINDS[(TERM_KINDS.indexOf(kind) + 1) % TERM_KINDS.length]!;
}

export function isTermKind(value: unknown): value is TermKind {
  return typeof value === 'string' && (TERM_KINDS as readonly string[]).includes(value);
}
