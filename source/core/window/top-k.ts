// The k most counted keys by partial selection: one pass over the window's counts keeping a
// sorted list of k candidates, so top-10 of 100k tags costs a scan, not a sort. Order: count
// descending, then key ascending (UTF-16 code units), the order `WindowResult.top` promises.

/**
 * Ids of the `k` largest positive counts (all of them, sorted, when `k` is 0).
 * `counts[id]` for id in [0, high); `keyOf(id)` breaks ties.
 */
export function selectTop(
  counts: Int32Array,
  high: number,
  keyOf: readonly string[],
  k: number,
): number[] {
  if (k <= 0) return selectAll(counts, high, keyOf);
  const ids: number[] = [];
  const best: number[] = [];
  let floor = 0; // a count must reach this to enter a full list
  for (let id = 0; id < high; id++) {
    const count = counts[id]!;
    if (count < floor || count <= 0) continue;
    let at = ids.length;
    if (at === k) {
      // Full: equal to the last one enters only with a smaller key.
      if (count === floor && keyOf[id]! >= keyOf[ids[k - 1]!]!) continue;
      at = k - 1;
    } else {
      ids.push(id);
      best.push(count);
    }
    // Insertion: shift weaker candidates down one place.
    while (at > 0) {
      const above = best[at - 1]!;
      if (above > count || (above === count && keyOf[ids[at - 1]!]! < keyOf[id]!)) break;
      ids[at] = ids[at - 1]!;
      best[at] = above;
      at--;
    }
    ids[at] = id;
    best[at] = count;
    if (ids.length === k) floor = best[k - 1]!;
  }
  return ids;
}

function selectAll(counts: Int32Array, high: number, keyOf: readonly string[]): number[] {
  const ids: number[] = [];
  for (let id = 0; id < high; id++) if (counts[id]! > 0) ids.push(id);
  return ids.sort((a, b) => {
    const difference = counts[b]! - counts[a]!;
    if (difference !== 0) return difference;
    const keyA = keyOf[a]!;
    const keyB = keyOf[b]!;
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
}
