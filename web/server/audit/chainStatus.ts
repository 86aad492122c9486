import type { AuditChainVerification } from '../../../src/audit/index.js';

/** What the web app shows about the chain: intact up to entry N, or broken at entry N and why. */
export type ChainStatus =
  | { status: 'ok'; entries: number; headSeq: number; headHash: string; anchorsChecked: number; latestAnchor: { headSeq: number; anchoredAt: string } | null; checkedAt: string }
  | { status: 'broken'; entries: number; brokenAt: { seq: number; reason: string; message: string; expectedHash: string; foundHash: string }; checkedAt: string };

export function chainStatusOf(v: AuditChainVerification, now = new Date()): ChainStatus {
  const checkedAt = now.toISOString();
  if (v.ok) {
    return {
      status: 'ok',
      entries: v.count,
      headSeq: v.headSeq,
      headHash: v.headHash,
      anchorsChecked: v.anchorsChecked,
      latestAnchor: v.latestAnchor ? { headSeq: v.latestAnchor.headSeq, anchoredAt: v.latestAnchor.anchoredAt } : null,
      checkedAt,
    };
  }
  const { seq, reason, message, expectedHash, foundHash } = v.brokenAt;
  return { status: 'broken', entries: v.count, brokenAt: { seq, reason, message, expectedHash, foundHash }, checkedAt };
}
