import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry } from './AuditEntry.js';
import type { AuditAnchor } from './auditAnchors.js';
import { anchorInFile, readAuditChainEvidence, type AuditChainEvidence, type EvidenceOptions } from './auditChainEvidence.js';
import { AUDIT_ENTRIES_TABLE, auditEntryFromRow, type AuditEntryRow } from './auditEntryRow.js';
import { auditEntrySignedText } from './auditSignedText.js';
import { verifyAuditSignature } from './auditSigningKey.js';
import { checkAnchorTimestamps, type AnchorTimestampOptions, type AnchorTimestampResult } from './checkAnchorTimestamps.js';
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
  /** the entry's signature does not verify with a trusted key: rewritten and re-hashed, or forged */
  | 'bad-signature'
  /** the entry has no signature although it was written after signing began */
  | 'unsigned-entry'
  /** an anchor recorded another hash for this entry: the chain was rewritten after anchoring */
  | 'anchor-mismatch'
  /** an anchor's own signature does not verify: the anchor table or log was edited */
  | 'anchor-forged'
  /** anchors were written (the chain or the table says so) but the anchor log does not exist */
  | 'anchor-log-missing'
  /** an anchor that was written is not in the anchor log: lines were removed or changed */
  | 'anchor-log-edited'
  /** an anchor's RFC 3161 timestamp token does not verify */
  | 'anchor-timestamp-invalid'
  /** signed entries exist but the head log that vouches for the tail does not */
  | 'head-log-missing'
  /** an anchor or the head log names entries past the current head: the tail was cut off */
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

export interface AuditChainVerified {
  ok: true;
  count: number;
  headSeq: number;
  headHash: string;
  anchorsChecked: number;
  latestAnchor?: AuditAnchor;
  /** fingerprints of the keys the signatures were checked with */
  keyIds: string[];
  signedEntries: number;
  /** entries 1..n were written before signing began (vouched for by a signed anchor) */
  unsignedUpTo: number;
  /** the anchor log outside the database exists */
  anchorLog: boolean;
  /** the RFC 3161 timestamps checked (the latest anchor's, or all) */
  timestamps: AnchorTimestampResult[];
}

export type AuditChainVerification = AuditChainVerified | { ok: false; count: number; brokenAt: AuditChainBreak };

export interface VerifyAuditChainOptions extends EvidenceOptions {
  /** rows read per query */
  batchSize?: number;
  timestamps?: AnchorTimestampOptions;
  /** only for the first signed anchor of a trail begun before signing: entries 1..n may be unsigned */
  legacyUnsignedUpTo?: number;
}

/**
 * Walks the whole chain from entry 1 and reports the first entry that breaks it: its link, hash and
 * signature, every anchor (table and log, each signed) that names it, and for an `audit.anchor` entry
 * that the log holds that anchor. Afterwards no anchor and no head-log line may name an entry past the head.
 */
export async function verifyAuditChain(db: AuditDatabase, options: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  // Read evidence first: entries appended during the walk are then newer than all of it.
  const ev = await readAuditChainEvidence(db, options);
  const unsignedUpTo = Math.max(ev.unsignedUpTo, options.legacyUnsignedUpTo ?? 0);
  const problems = problemsBySeq(ev);
  const anchorsBySeq = groupBySeq(ev.trusted);
  const fail = (count: number, brokenAt: AuditChainBreak): AuditChainVerification => ({ ok: false, count, brokenAt });

  for (const anchor of anchorsBySeq.get(0) ?? []) {
    if (anchor.headHash !== GENESIS_HASH) return fail(0, anchorBreak(0, anchor, GENESIS_HASH));
  }
  const atGenesis = problems.get(0);
  if (atGenesis) return fail(0, atGenesis);

  let prev = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  let signedEntries = 0;
  let firstSigned: number | undefined;
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
      const broken =
        checkLink(prev, entry) ??
        checkSignature(ev, entry, unsignedUpTo) ??
        checkAnchors(entry, anchorsBySeq.get(entry.seq)) ??
        problems.get(entry.seq) ??
        checkAnchorEntry(ev, entry);
      if (broken) return fail(count, broken);
      if (entry.signature) {
        signedEntries++;
        firstSigned ??= entry.seq;
      }
      prev = { seq: entry.seq, hash: entry.hash };
      count++;
    }
  }

  const beyond = [...problems.keys()].filter((seq) => seq > prev.seq).sort((a, b) => a - b)[0];
  if (beyond !== undefined) return fail(count, problems.get(beyond) as AuditChainBreak);
  const latestAnchor = ev.trusted.reduce<AuditAnchor | undefined>((latest, a) => (!latest || a.headSeq > latest.headSeq ? a : latest), undefined);
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
  if (ev.headLogSeq !== undefined && ev.headLogSeq > prev.seq) {
    return fail(count, {
      seq: prev.seq + 1,
      reason: 'truncated',
      expectedHash: '',
      foundHash: prev.hash,
      message: `entries ${prev.seq + 1}..${ev.headLogSeq} are missing: the head log ${ev.headLogFile} holds the signed hash of entry ${ev.headLogSeq}, the chain ends at ${prev.seq}`,
    });
  }
  if (ev.headLogSeq === undefined && firstSigned !== undefined) {
    // The first entry that nothing but the head log protects: the one after the latest anchor.
    const seq = Math.max(firstSigned, (latestAnchor?.headSeq ?? 0) + 1);
    return fail(count, {
      seq: Math.min(seq, prev.seq),
      reason: 'head-log-missing',
      expectedHash: '',
      foundHash: '',
      message: `the head log ${ev.headLogFile} is missing: entries after the latest anchor (${latestAnchor?.headSeq ?? 0}) cannot be shown complete`,
    });
  }
  const timestamps = await checkAnchorTimestamps(ev.trusted, options.timestamps);
  const badStamp = timestamps.find((t) => !t.check.ok);
  if (badStamp) {
    const problem = badStamp.check.ok ? '' : badStamp.check.problem;
    return fail(count, {
      seq: badStamp.anchor.headSeq,
      reason: 'anchor-timestamp-invalid',
      expectedHash: badStamp.anchor.headHash,
      foundHash: badStamp.anchor.headHash,
      message: `the timestamp of the ${badStamp.anchor.source} anchor of ${badStamp.anchor.anchoredAt} (entry ${badStamp.anchor.headSeq}) does not verify: ${problem}`,
      anchor: badStamp.anchor,
    });
  }
  return {
    ok: true,
    count,
    headSeq: prev.seq,
    headHash: prev.hash,
    anchorsChecked: ev.trusted.length,
    latestAnchor,
    keyIds: [...ev.keys.keys()],
    signedEntries,
    unsignedUpTo: Math.min(unsignedUpTo, prev.seq),
    anchorLog: ev.fileAnchors !== undefined,
    timestamps,
  };
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

function checkSignature(ev: AuditChainEvidence, entry: AuditEntry, unsignedUpTo: number): AuditChainBreak | undefined {
  const base = { seq: entry.seq, expectedHash: entry.hash, foundHash: entry.hash };
  if (!entry.signature) {
    if (entry.seq <= unsignedUpTo) return undefined;
    return { ...base, reason: 'unsigned-entry', message: `entry ${entry.seq} has no signature, but only entries up to ${unsignedUpTo} were written before the trail was signed` };
  }
  if (verifyAuditSignature(ev.keys, entry.keyId, auditEntrySignedText(entry.hash), entry.signature)) return undefined;
  const why = entry.keyId && !ev.keys.has(entry.keyId) ? `it names key ${entry.keyId}, which is not a trusted key` : 'it does not verify with the signing key';
  return { ...base, reason: 'bad-signature', message: `entry ${entry.seq} is not signed by the trail's key (${why}): it was rewritten or forged without the key` };
}

function checkAnchors(entry: AuditEntry, anchors: AuditAnchor[] | undefined): AuditChainBreak | undefined {
  const wrong = anchors?.find((a) => a.headHash !== entry.hash);
  return wrong ? anchorBreak(entry.seq, wrong, entry.hash) : undefined;
}

/** An `audit.anchor` entry is the chain's own, signed, statement that an anchor went to the log. */
function checkAnchorEntry(ev: AuditChainEvidence, entry: AuditEntry): AuditChainBreak | undefined {
  if (entry.action !== 'audit.anchor' || !entry.signature) return undefined;
  const { headSeq, headHash, anchoredAt } = entry.data as { headSeq?: number; headHash?: string; anchoredAt?: string };
  if (typeof headSeq !== 'number' || typeof headHash !== 'string' || typeof anchoredAt !== 'string') return undefined;
  if (anchorInFile(ev, { headSeq, headHash, anchoredAt })) return undefined;
  return logBreak(ev, entry.seq, { headSeq, headHash, anchoredAt }, `entry ${entry.seq} records`);
}

function logBreak(ev: AuditChainEvidence, seq: number, a: { headSeq: number; headHash: string; anchoredAt: string }, who: string): AuditChainBreak {
  const missing = ev.fileAnchors === undefined;
  return {
    seq,
    reason: missing ? 'anchor-log-missing' : 'anchor-log-edited',
    expectedHash: a.headHash,
    foundHash: '',
    message: missing
      ? `${who} the anchor of ${a.anchoredAt} (entry ${a.headSeq}), but the anchor log ${ev.anchorFile} does not exist`
      : `${who} the anchor of ${a.anchoredAt} (entry ${a.headSeq}), but the anchor log ${ev.anchorFile} does not hold it: the log was edited`,
  };
}

/** Problems of the anchors themselves, reported at the entry they name (the first per entry). */
function problemsBySeq(ev: AuditChainEvidence): Map<number, AuditChainBreak> {
  const problems = new Map<number, AuditChainBreak>();
  const add = (b: AuditChainBreak) => {
    if (!problems.has(b.seq)) problems.set(b.seq, b);
  };
  for (const a of ev.forged) {
    add({
      seq: a.headSeq,
      reason: 'anchor-forged',
      expectedHash: '',
      foundHash: a.headHash,
      message: `the ${a.source === 'file' ? `anchor log ${ev.anchorFile}` : 'audit_anchors table'} holds an anchor of ${a.anchoredAt} (entry ${a.headSeq}) whose signature does not verify: it was edited or written without the key`,
      anchor: a,
    });
  }
  for (const a of ev.tableAnchors) {
    if (a.signature === undefined || ev.forged.includes(a) || anchorInFile(ev, a)) continue;
    add({ ...logBreak(ev, a.headSeq, a, 'the audit_anchors table holds'), anchor: a });
  }
  return problems;
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
