/**
 * The exact texts that are signed. The entry hash already covers seq, content and prevHash, so an
 * entry's signature over it vouches for the whole chain up to that entry. The prefixes keep an entry
 * signature from ever being replayed as an anchor signature and vice versa.
 */
export function auditEntrySignedText(hash: string): string {
  return `audit-entry:v1\n${hash}`;
}

/**
 * unsignedUpTo: the entries 1..unsignedUpTo were written before the trail was signed (0 on a trail
 * signed from its start); the signed anchor vouches for them, and any other unsigned entry is forged.
 */
export function auditAnchorSignedText(anchor: { headSeq: number; headHash: string; anchoredAt: string; unsignedUpTo: number }): string {
  return `audit-anchor:v1\n${anchor.headSeq}\n${anchor.headHash}\n${anchor.anchoredAt}\n${anchor.unsignedUpTo}`;
}
