import type { AuditChainVerification } from '../../../src/audit/index.js';

/** What the web app shows about the chain: intact up to entry N (signed, anchored), or broken at entry N and why. */
export type ChainStatus =
  | {
      status: 'ok';
      entries: number;
      headSeq: number;
      headHash: string;
      anchorsChecked: number;
      latestAnchor: { headSeq: number; anchoredAt: string; timestamped: boolean } | null;
      /** fingerprints (SHA-256 of the public key) the signatures were checked with */
      keyIds: string[];
      signedEntries: number;
      unsignedUpTo: number;
      anchorLog: boolean;
      /** the latest RFC 3161 timestamp checked: time and authority */
      timestamp: { genTime: string; tsa: string; headSeq: number } | null;
      checkedAt: string;
    }
  | { status: 'broken'; entries: number; brokenAt: { seq: number; reason: string; message: string; expectedHash: string; foundHash: string }; checkedAt: string };

export function chainStatusOf(v: AuditChainVerification, now = new Date()): ChainStatus {
  const checkedAt = now.toISOString();
  if (v.ok) {
    const stamp = [...v.timestamps].reverse().find((t) => t.check.ok);
    return {
      status: 'ok',
      entries: v.count,
      headSeq: v.headSeq,
      headHash: v.headHash,
      anchorsChecked: v.anchorsChecked,
      latestAnchor: v.latestAnchor ? { headSeq: v.latestAnchor.headSeq, anchoredAt: v.latestAnchor.anchoredAt, timestamped: Boolean(v.latestAnchor.tsaToken) } : null,
      keyIds: v.keyIds,
      signedEntries: v.signedEntries,
      unsignedUpTo: v.unsignedUpTo,
      anchorLog: v.anchorLog,
      timestamp: stamp?.check.ok ? { genTime: stamp.check.genTime, tsa: stamp.check.tsa, headSeq: stamp.anchor.headSeq } : null,
      checkedAt,
    };
  }
  const { seq, reason, message, expectedHash, foundHash } = v.brokenAt;
  return { status: 'broken', entries: v.count, brokenAt: { seq, reason, message, expectedHash, foundHash }, checkedAt };
}
