import type { AuditChainBreak, AuditChainVerification } from '../../../src/audit/index.js';

export type AuditChainState =
  /** not verified yet since the app started */
  | { status: 'UNKNOWN' }
  | { status: 'OK'; checkedAt: string; headSeq: number }
  | { status: 'BROKEN'; checkedAt: string; brokenAt: Pick<AuditChainBreak, 'seq' | 'reason' | 'message'> };

/**
 * The latest verdict on the chain, from the verification before each anchor and from every audit
 * view that verifies: /api/health reports it, and auditors and administrators see it as a banner.
 * A break is also logged the first time it is seen (and again if it moves to another entry).
 */
export class AuditChainAlarm {
  private state: AuditChainState = { status: 'UNKNOWN' };

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  get current(): AuditChainState {
    return this.state;
  }

  record(v: AuditChainVerification, now = new Date()): void {
    const checkedAt = now.toISOString();
    if (v.ok) {
      this.state = { status: 'OK', checkedAt, headSeq: v.headSeq };
      return;
    }
    const { seq, reason, message } = v.brokenAt;
    const previous = this.state;
    this.state = { status: 'BROKEN', checkedAt, brokenAt: { seq, reason, message } };
    if (previous.status !== 'BROKEN' || previous.brokenAt.seq !== seq || previous.brokenAt.reason !== reason) {
      this.log(`[audit] ALERT: audit chain BROKEN at entry ${seq} (${reason}): ${message}; it will not be anchored until an auditor has looked into it`);
    }
  }
}
