// The `o` key's cycle through the orders: posts → accounts → rising → posts.
import {RANK_ORDERS, type RankOrder} from './rank-order.js';

export type {RankOrder};

export function nextRankOrder(rank: RankOrder): RankOrder {
  return RANK_ORDERS[(RANK_ORDERS.indexOf(rank) + 1) % RANK_ORDERS.length]!;
}
