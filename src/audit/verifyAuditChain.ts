import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry } from './AuditEntry.js';
import { readFileAnchors, readTableAnchors, type AuditAnchor } from './auditAnchors.js';
import { AUDIT_ENTRIES_TABLE, auditEntryFromRow, type AuditEntryRow } from './auditEntryRow.js';
import { GENESIS_HASH, hashAuditEntry } from './hashAuditEntry.js';

export type AuditChainBreakReason =
  /** an entry number is missing: deleted, or seq values rewritten */
  | 'missing-entry'
  /** the entry's prevHash is not the previous entry's hash: reordered or inserted */
  | 'broken-link'
  /** the stored hash does not match the entry's content: a field was changed */
  | 'content-altered'
  /** the row cannot be read back as an entry (e.g. data is not JSON) */
  | 'unreadable-entry'
  /** an anchor recorded another hash for this entry: the chain was rewritten after anchoring */
  | 'anchor-mismatch'
  /** an anchor names entries past the current head: the tail was cut off */
  | 'truncated';

export interface AuditChainBreak {
  /** the number of the first entry that is missing or wrong */
  seq: number;
  reason: AuditChainBreakReason;
  expectedHash: string;
  foundHash: string;
  message: string;
  anchor?: AuditAnchor;
}

export type AuditChainVerification =
  | { ok: true; count: number; headSeq: number; headHash: string; anchorsChecked: number; latestAnchor?: AuditAnchor }
  | { ok: false; count: number; brokenAt: AuditChainBreak };

export interface VerifyAuditChainOptions {
  /** rows read per query */
  batchSize?: number;
}

/**
 * Walks the whole chain from entry 1 and reports the first entry that breaks it, checking every
 * anchor (table and file) on the way: an anchor must match the entry it names, and no anchor may
 * name an entry beyond the head.
 */
export async function verifyAuditChain(db: AuditDatabase, options: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  // Read anchors first: entries appended during the walk are then newer than every anchor.
  const anchors = [...(await readTableAnchors(db)), ...(await readFileAnchors(db))];
  const anchorsBySeq = groupBySeq(anchors);
  const fail = (count: number, brokenAt: AuditChainBreak): AuditChainVerification => ({ ok: false, count, brokenAt });

  for (const anchor of anchorsBySeq.get(0) ?? []) {
    if (anchor.headHash !== GENESIS_HASH) return fail(0, anchorBreak(0, anchor, GENESIS_HASH));
  }

  let prev = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    const rows = (await db.knex(AUDIT_ENTRIES_TABLE).where('seq', '>', prev.seq).orderBy('seq').limit(batchSize)) as AuditEntryRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      let entry: AuditEntry;
      try {
        entry = auditEntryFromRow(row);
      } catch (error) {
        // The content cannot be rebuilt, so there is no recomputed hash: expected is left empty.
        return fail(count, { seq: Number(row.seq), reason: 'unreadable-entry', expectedHash: '', foundHash: row.hash, message: `entry ${String(row.seq)} cannot be read back: ${(error as Error).message}` });
      }
      const broken = checkLink(prev, entry) ?? checkAnchors(entry, anchorsBySeq.get(entry.seq));
      if (broken) return fail(count, broken);
      prev = { seq: entry.seq, hash: entry.hash };
      count++;
    }
  }

  const latestAnchor = anchors.reduce<AuditAnchor | undefined>((latest, a) => (!latest || a.headSeq > latest.headSeq ? a : latest), undefined);
  if (latestAnchor && latestAnchor.headSeq > prev.seq) {
    return fail(count, {
      seq: prev.seq + 1,
      reason: 'truncated',
      expectedHash: latestAnchor.headHash,
      foundHash: prev.hash,
      message: `entries ${prev.seq + 1}..${latestAnchor.headSeq} are missing: the ${latestAnchor.source} anchor of ${latestAnchor.anchoredAt} recorded head ${latestAnchor.headSeq}, the chain ends at ${prev.seq}`,
      anchor: latestAnchor,
    });
  }
  return { ok: true, count, headSeq: prev.seq, headHash: prev.hash, anchorsChecked: anchors.length, latestAnchor };
}

function checkLink(prev: { seq: number; hash: string }, entry: AuditEntry): AuditChainBreak | undefined {
  const seq = prev.seq + 1;
  if (entry.seq !== seq) {
    return { seq, reason: 'missing-entry', expectedHash: prev.hash, foundHash: entry.prevHash, message: `entry ${seq} is missing: entry ${prev.seq} is followed by entry ${entry.seq}` };
  }
  if (entry.prevHash !== prev.hash) {
    return { seq, reason: 'broken-link', expectedHash: prev.hash, foundHash: entry.prevHash, message: `entry ${seq} does not link to entry ${prev.seq}: its prevHash differs from that entry's hash` };
  }
  const recomputed = hashAuditEntry(entry);
  if (recomputed !== entry.hash) {
    return { seq, reason: 'content-altered', expectedHash: recomputed, foundHash: entry.hash, message: `entry ${seq} was altered: its content no longer matches its hash` };
  }
  return undefined;
}

function checkAnchors(entry: AuditEntry, anchors: AuditAnchor[] | undefined): AuditChainBreak | undefined {
  const wrong = anchors?.find((a) => a.headHash !== entry.hash);
  return wrong ? anchorBreak(entry.seq, wrong, entry.hash) : undefined;
}

function anchorBreak(seq: number, anchor: AuditAnchor, foundHash: string): AuditChainBreak {
  return {
    seq,
    reason: 'anchor-mismatch',
    expectedHash: anchor.headHash,
    foundHash,
    message: `entry ${seq} differs from the ${anchor.source} anchor of ${anchor.anchoredAt}: the chain was rewritten after it was anchored`,
    anchor,
  };
}

function groupBySeq(anchors: AuditAnchor[]): Map<number, AuditAnchor[]> {
  const map = new Map<number, AuditAnchor[]>();
  for (const a of anchors) map.set(a.headSeq, [...(map.get(a.headSeq) ?? []), a]);
  return map;
}
