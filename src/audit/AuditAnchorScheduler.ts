import type { AuditDatabase } from './AuditDatabase.js';
import { writeAuditAnchor, type AuditAnchor } from './auditAnchors.js';

export interface AuditAnchorSchedulerOptions {
  /** default: one day */
  intervalMs?: number;
  onAnchor?: (anchor: AuditAnchor) => void;
  onError?: (error: unknown) => void;
}

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes an anchor at start and then every interval while the app runs. The timer is unref'd so it
 * never keeps a process alive; a deployment may instead run `npm run audit:anchor` from cron.
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
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? ONE_DAY_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for an anchor being written, so none lands after stop() resolves. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private tick(): void {
    // A slow database must not pile up overlapping anchor writes.
    if (this.inFlight) return;
    this.inFlight = this.anchorNow().finally(() => (this.inFlight = undefined));
  }

  private async anchorNow(): Promise<void> {
    try {
      this.options.onAnchor?.(await writeAuditAnchor(this.db));
    } catch (error) {
      (this.options.onError ?? ((e) => console.error('[audit] anchor failed', e)))(error);
    }
  }
}
