import type * as pkijs from 'pkijs';
import type { AuditAnchor } from './auditAnchors.js';
import { auditAnchorSignedText } from './auditSignedText.js';
import { verifyTimestampToken, type TimestampCheck } from './timestampAuthority.js';

export interface AnchorTimestampOptions {
  /** 'latest' (default): the newest stamped anchor; 'all': every one (slower, for offline audits) */
  check?: 'latest' | 'all' | 'none';
  /** TSA root certificates; without them only the token's own signature is checked */
  trustedCerts?: pkijs.Certificate[];
}

export interface AnchorTimestampResult {
  anchor: AuditAnchor;
  check: TimestampCheck;
}

/** The RFC 3161 tokens of stamped anchors: each must stamp exactly the anchor's signed text. */
export async function checkAnchorTimestamps(anchors: AuditAnchor[], options: AnchorTimestampOptions = {}): Promise<AnchorTimestampResult[]> {
  const mode = options.check ?? 'latest';
  if (mode === 'none') return [];
  const stamped = anchors.filter((a) => a.tsaToken && a.signature).sort((a, b) => a.headSeq - b.headSeq || a.anchoredAt.localeCompare(b.anchoredAt));
  const chosen = mode === 'all' ? stamped : stamped.slice(-1);
  const results: AnchorTimestampResult[] = [];
  for (const anchor of chosen) {
    const text = auditAnchorSignedText({ ...anchor, unsignedUpTo: anchor.unsignedUpTo ?? 0 });
    results.push({ anchor, check: await verifyTimestampToken(anchor.tsaToken as string, text, options.trustedCerts) });
  }
  return results;
}
