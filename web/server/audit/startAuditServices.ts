import { AuditAnchorScheduler, type AuditDatabase, type AuditTrail } from '../../../src/audit/index.js';
import type { EngineEventSource } from './follower/EngineEventSource.js';
import { EngineEventFollower, type EngineEventFollowerOptions } from './follower/EngineEventFollower.js';

export interface AuditServicesOptions {
  db: AuditDatabase;
  trail: AuditTrail;
  source: EngineEventSource;
  follower?: EngineEventFollowerOptions;
  /** default one day */
  anchorIntervalMs?: number;
  log?: (line: string) => void;
}

export interface AuditServices {
  follower: EngineEventFollower;
  anchors: AuditAnchorScheduler;
  stop(): Promise<void>;
}

/**
 * What runs beside the web app for the trail: the daily anchor (head hash and time, to the
 * audit_anchors table and DATA_DIR/audit-anchors.log) and the engine event follower.
 */
export function startAuditServices(options: AuditServicesOptions): AuditServices {
  const log = options.log ?? ((line: string) => console.log(line));
  let lastError = '';
  const onError = (error: unknown) => {
    // An engine that is down is logged once per kind of failure, not every poll.
    const text = (error as Error)?.message ?? String(error);
    if (text !== lastError) log(`[audit] engine event follower: ${text}`);
    lastError = text;
  };
  const follower = new EngineEventFollower(options.db, options.trail, options.source, { onError, ...options.follower });
  const anchors = new AuditAnchorScheduler(options.db, {
    intervalMs: options.anchorIntervalMs,
    onAnchor: (a) => log(`[audit] anchor: entry ${a.headSeq} ${a.headHash.slice(0, 16)}… at ${a.anchoredAt}`),
    onError: (e) => log(`[audit] anchor failed: ${(e as Error)?.message ?? String(e)}`),
  });
  follower.start();
  anchors.start();
  return {
    follower,
    anchors,
    async stop() {
      await follower.stop();
      await anchors.stop();
      await options.source.close();
    },
  };
}
