/**
 * How many of `total` matches `pick` selects: a count (`2`, capped at `total`) or a share
 * (`'30%'`, rounded up, at least 1). No `pick` selects all. Returns 0 only when `total` is 0.
 */
export function pickCount(pick: number | string | undefined, total: number): number {
  if (total === 0) return 0;
  if (pick === undefined) return total;
  if (typeof pick === 'number') return Math.min(pick, total);
  const share = Number(pick.replace(/%$/, '')) / 100;
  return Math.min(total, Math.max(1, Math.ceil(share * total - 1e-9)));
}

/**
 * Picks `count` items with a shuffle driven by `seed` (mulberry32 + Fisher–Yates): the same
 * items in the same order and the same seed always give the same pick. The picked items keep
 * their input order. Pure.
 */
export function seededPick<T>(items: readonly T[], count: number, seed: number): T[] {
  const random = mulberry32(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const chosen = new Set(order.slice(0, Math.max(0, count)));
  return items.filter((_, i) => chosen.has(i));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
