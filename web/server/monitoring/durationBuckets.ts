/**
 * Durations are kept as a log-scale histogram: four buckets per doubling above one second, so a
 * percentile read from it is the upper bound of the bucket that holds it, at most 19% (2^¼) above
 * the exact value. That keeps p50/p90 of any procedure, step, Comune and period to a sum over a
 * few hundred rows, whatever the number of cases.
 */
const PER_DOUBLING = 4;
const BASE_MS = 1000;

/** The bucket a duration falls in: 0 for under a second, then 1, 2, ... */
export function bucketOf(durationMs: number): number {
  if (!(durationMs >= BASE_MS)) return 0;
  return 1 + Math.floor(PER_DOUBLING * Math.log2(durationMs / BASE_MS) + 1e-9);
}

/** The largest duration the bucket holds (ms). */
export function bucketUpperMs(bucket: number): number {
  return bucket <= 0 ? BASE_MS : Math.round(BASE_MS * 2 ** (bucket / PER_DOUBLING));
}

/** The q-th quantile (0 < q ≤ 1) of the durations counted in these buckets, as its bucket's upper bound; undefined when empty. */
export function quantileOfBuckets(counts: ReadonlyArray<{ bucket: number; count: number }>, q: number): number | undefined {
  const sorted = [...counts].sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, c) => n + c.count, 0);
  if (total === 0) return undefined;
  // Nearest rank: the smallest value with at least q of the values at or below it.
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const c of sorted) {
    seen += c.count;
    if (seen >= rank) return bucketUpperMs(c.bucket);
  }
  return bucketUpperMs(sorted[sorted.length - 1].bucket);
}

const ROME_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit' });

/** 'YYYY-MM' of an instant, in Rome time (the month an office counts a case in). */
export function romeMonthOf(iso: string): string {
  const parts = ROME_MONTH.formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
