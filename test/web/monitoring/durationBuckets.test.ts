import { describe, expect, it } from 'vitest';
import { bucketOf, bucketUpperMs, quantileOfBuckets, romeMonthOf } from '../../../web/server/monitoring/durationBuckets.js';

describe('the duration histogram', () => {
  it('puts each duration in a bucket whose upper bound is at most 19% above it', () => {
    // given
    const durations = [1_000, 1_500, 60_000, 3_600_000, 2 * 86_400_000, 45 * 86_400_000];
    // then
    for (const ms of durations) {
      const upper = bucketUpperMs(bucketOf(ms));
      expect(upper).toBeGreaterThanOrEqual(ms);
      expect(upper).toBeLessThanOrEqual(ms * 2 ** 0.25 + 1);
    }
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(2_000)).toBe(5); // one doubling above a second: 4 buckets further
  });

  it('reads the nearest-rank quantile: of 1, 2, ..., 10 days the median is day 5 and p90 day 9', () => {
    // given
    const counts = new Map<number, number>();
    for (let d = 1; d <= 10; d++) counts.set(bucketOf(d * 86_400_000), (counts.get(bucketOf(d * 86_400_000)) ?? 0) + 1);
    const buckets = [...counts].map(([bucket, count]) => ({ bucket, count }));
    // then
    expect(quantileOfBuckets(buckets, 0.5)).toBe(bucketUpperMs(bucketOf(5 * 86_400_000)));
    expect(quantileOfBuckets(buckets, 0.9)).toBe(bucketUpperMs(bucketOf(9 * 86_400_000)));
    expect(quantileOfBuckets([], 0.5)).toBeUndefined();
  });

  it('counts a case in its Rome month: 31 January 23:30 UTC is already February in Rome', () => {
    expect(romeMonthOf('2026-01-31T23:30:00.000Z')).toBe('2026-02');
    expect(romeMonthOf('2026-07-31T21:30:00.000Z')).toBe('2026-07');
  });
});
