// How trends are ordered, in the order the dashboard's `o` key cycles through them: by posts
// carrying the term, by distinct accounts, or by growth against the term's own past.

export const RANK_ORDERS = ['posts', 'accounts', 'rising'] as const;

export type RankOrder = (typeof RANK_ORDERS)[number];
