import { AuditAnchorScheduler, type AnchorOutcome, type AuditDatabase, type AuditTrail } from '../../../src/audit/index.js';
import { AuditChainAlarm } from './AuditChainAlarm.js';
import type { EngineEventSource } from './follower/EngineEventSource.js';
import { EngineEventFollower, type EngineEventFollowerOptions } from './follower/EngineEventFollower.js';

export interface AuditServicesOptions {
  db: AuditDatabase;
  trail: AuditTrail;
  source: EngineEventSource;
  follower?: EngineEventFollowerOptions;
  /** AUDIT_ANCHOR_INTERVAL_MS; default ten minutes */
  anchorIntervalMs?: number;
  /** AUDIT_TSA_URL: stamp every anchor at this RFC 3161 time-stamping authority */
  tsaUrl?: string;
  /** raised when a verification before an anchor finds the chain broken */
  alarm?: AuditChainAlarm;
  log?: (line: string) => void;
}

export interface AuditServices {
  follower: EngineEventFollower;
  anchors: AuditAnchorScheduler;
  alarm: AuditChainAlarm;
  stop(): Promise<void>;
}

/**
 * What runs beside the web app for the trail: the anchor (verify, then sign the head to the anchor
 * log, the audit_anchors table and, if configured, a TSA) at start, every ten minutes and at stop;
 * and the engine event follower.
 */
export function startAuditServices(options: AuditServicesOptions): AuditServices {
  const log = options.log ?? ((line: string) => console.log(line));
  const alarm = options.alarm ?? new AuditChainAlarm(log);
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
    trail: options.trail,
    tsaUrl: options.tsaUrl,
    onOutcome: (outcome) => reportOutcome(outcome, alarm, log),
    onError: (e) => log(`[audit] anchor failed: ${(e as Error)?.message ?? String(e)}`),
  });
  follower.start();
  anchors.start();
  return {
    follower,
    anchors,
    alarm,
    async stop() {
      await follower.stop();
      await anchors.stop();
      await options.source.close();
    },
  };
}

function reportOutcome(outcome: AnchorOutcome, alarm: AuditChainAlarm, log: (line: string) => void): void {
  if (outcome.status === 'broken') {
    alarm.record({ ok: false, count: outcome.count, brokenAt: outcome.brokenAt });
    return;
  }
  alarm.record(outcome.verification);
  if (outcome.status !== 'anchored') return;
  const a = outcome.anchor;
  const stamp = a.tsaToken ? ', timestamped' : outcome.tsaError ? `, NOT timestamped: ${outcome.tsaError}` : '';
  const adopted = outcome.adoptedUnsigned > 0 ? `; vouches for entries 1..${outcome.adoptedUnsigned}, written before signing began` : '';
  log(`[audit] anchor: entry ${a.headSeq} ${a.headHash.slice(0, 16)}… at ${a.anchoredAt}, key ${a.keyId?.slice(0, 16)}…${stamp}${adopted}`);
}
