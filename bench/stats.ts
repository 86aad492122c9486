/** Small numeric helpers for the benchmark report. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface MemorySample {
  rss: number;
  heapUsed: number;
  /** Peak resident set since the process started (resourceUsage().maxRSS, bytes). */
  maxRss: number;
}

export function sampleMemory(): MemorySample {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight. */
export async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await task(next++);
  });
  await Promise.all(lanes);
}

/** Runs `task(i)` for i in [0, n) at `perSecond` starts a second, not waiting for one to finish before the next. */
export async function atFixedRate(n: number, perSecond: number, task: (i: number) => Promise<void>): Promise<{ seconds: number }> {
  const started = performance.now();
  const running: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(n, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
      while (next < due) running.push(task(next++));
      if (next >= n) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(running);
  return { seconds };
}
