import type { AuditDatabase } from './AuditDatabase.js';
import { anchorAuditChain, type AnchorAuditChainOptions, type AnchorOutcome } from './anchorAuditChain.js';

export interface AuditAnchorSchedulerOptions extends AnchorAuditChainOptions {
  /** AUDIT_ANCHOR_INTERVAL_MS; default ten minutes */
  intervalMs?: number;
  /** every outcome: anchored, unchanged, or broken (then nothing was anchored) */
  onOutcome?: (outcome: AnchorOutcome) => void;
  onError?: (error: unknown) => void;
}

export const DEFAULT_ANCHOR_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Verifies and anchors the chain at start, every interval while the app runs, and once more at
 * stop (so a clean shutdown leaves no unanchored tail). The timer is unref'd so it never keeps a
 * process alive; a deployment may also run `npm run audit:anchor` from cron.
 */
export class AuditAnchorScheduler {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly db: AuditDatabase,
    private readonly options: AuditAnchorSchedulerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? DEFAULT_ANCHOR_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer, waits for an anchor being written, then writes the shutdown anchor. */
  async stop(): Promise<void> {
    const wasRunning = this.timer !== undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (wasRunning) await this.anchorNow();
  }

  /** One verify-then-anchor now (also what the timer runs). */
  async anchorNow(): Promise<AnchorOutcome | undefined> {
    try {
      const outcome = await anchorAuditChain(this.db, this.options);
      this.options.onOutcome?.(outcome);
      return outcome;
    } catch (error) {
      (this.options.onError ?? ((e) => console.error('[audit] anchor failed', e)))(error);
      return undefined;
    }
  }

  private tick(): void {
    // A slow database must not pile up overlapping anchor writes.
    if (this.inFlight) return;
    this.inFlight = this.anchorNow().then(
      () => undefined,
      () => undefined,
    ).finally(() => (this.inFlight = undefined));
  }
}
