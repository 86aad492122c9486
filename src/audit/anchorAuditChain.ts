import path from 'node:path';
import { auditAnchorFilePath, type AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry } from './AuditEntry.js';
import { writeAuditAnchor, type AuditAnchor } from './auditAnchors.js';
import { readAuditChainEvidence } from './auditChainEvidence.js';
import { AUDIT_ENTRIES_TABLE, auditEntryFromRow, type AuditEntryRow } from './auditEntryRow.js';
import { loadAuditSigner, publicKeysOf, type AuditSigner } from './auditSigningKey.js';
import { AuditTrail } from './AuditTrail.js';
import { requestTimestampToken } from './timestampAuthority.js';
import { verifyAuditChain, type AuditChainBreak, type AuditChainVerified, type VerifyAuditChainOptions } from './verifyAuditChain.js';

/** Who writes the chain's own `audit.anchor` entries. */
export const AUDIT_ANCHOR_ACTOR = { type: 'worker' as const, id: 'audit-anchor' };

export interface AnchorAuditChainOptions {
  now?: () => Date;
  /** appends the `audit.anchor` entry; default a trail on the same database */
  trail?: AuditTrail;
  signer?: AuditSigner;
  /** AUDIT_TSA_URL: an RFC 3161 time-stamping authority to stamp every anchor */
  tsaUrl?: string;
  verify?: VerifyAuditChainOptions;
}

export type AnchorOutcome =
  | { status: 'anchored'; anchor: AuditAnchor; entry: AuditEntry; verification: AuditChainVerified; adoptedUnsigned: number; tsaError?: string }
  /** nothing was appended since the latest anchor (the head is that anchor's own entry) */
  | { status: 'unchanged'; verification: AuditChainVerified }
  /** the chain does not verify: nothing was anchored */
  | { status: 'broken'; brokenAt: AuditChainBreak; count: number };

/**
 * Verifies the whole chain and, only if it holds, anchors its head: signed (and stamped by the TSA
 * when one is configured) to the anchor log and table, then recorded in the chain itself as an
 * `audit.anchor` entry, so that a log later deleted or cut is seen from the chain.
 * A broken chain is never anchored: that would vouch for the forgery.
 */
export async function anchorAuditChain(db: AuditDatabase, options: AnchorAuditChainOptions = {}): Promise<AnchorOutcome> {
  const signer = options.signer ?? (await loadAuditSigner(db.dataDir));
  const verifyOptions: VerifyAuditChainOptions = { publicKeys: publicKeysOf(signer), ...options.verify };
  const adoptedUnsigned = await unsignedPrefixToAdopt(db, verifyOptions);
  const verification = await verifyAuditChain(db, { ...verifyOptions, legacyUnsignedUpTo: adoptedUnsigned });
  if (!verification.ok) return { status: 'broken', brokenAt: verification.brokenAt, count: verification.count };
  if (await headIsItsOwnAnchor(db, verification.headSeq)) return { status: 'unchanged', verification };

  let tsaError: string | undefined;
  const timestamp = options.tsaUrl
    ? async (text: string) => {
        try {
          return await requestTimestampToken(options.tsaUrl as string, text);
        } catch (error) {
          // The TSA being down must not stop the local anchor; the caller logs why it is unstamped.
          tsaError = (error as Error).message;
          return '';
        }
      }
    : undefined;
  const anchor = await writeAuditAnchor(db, options.now?.() ?? new Date(), {
    head: { seq: verification.headSeq, hash: verification.headHash },
    signer,
    timestamp,
    unsignedUpTo: verification.unsignedUpTo,
    file: verifyOptions.anchorFile,
  });
  const trail = options.trail ?? new AuditTrail(db, { signer });
  const entry = await trail.append({
    actor: AUDIT_ANCHOR_ACTOR,
    action: 'audit.anchor',
    entity: { type: 'audit-chain', key: String(anchor.headSeq) },
    data: {
      headSeq: anchor.headSeq,
      headHash: anchor.headHash,
      anchoredAt: anchor.anchoredAt,
      log: path.basename(verifyOptions.anchorFile ?? auditAnchorFilePath(db)),
      keyId: signer.keyId,
      timestamped: Boolean(anchor.tsaToken),
    },
  });
  return { status: 'anchored', anchor, entry, verification, adoptedUnsigned, ...(tsaError ? { tsaError } : {}) };
}

/**
 * A trail begun before signing (migration 0014) has unsigned entries 1..n. The first signed anchor
 * vouches for them, once, and only while nothing contradicts it: no signed anchor exists yet, and
 * the unsigned entries are a prefix (every later entry is signed).
 */
async function unsignedPrefixToAdopt(db: AuditDatabase, options: VerifyAuditChainOptions): Promise<number> {
  const [unsigned] = (await db.knex(AUDIT_ENTRIES_TABLE).whereNull('signature').max({ seq: 'seq' })) as Array<{ seq: number | string | null }>;
  const lastUnsigned = Number(unsigned?.seq ?? 0);
  if (lastUnsigned === 0) return 0;
  const [signed] = (await db.knex(AUDIT_ENTRIES_TABLE).whereNotNull('signature').min({ seq: 'seq' })) as Array<{ seq: number | string | null }>;
  if (signed?.seq !== null && signed?.seq !== undefined && Number(signed.seq) < lastUnsigned) return 0;
  const evidence = await readAuditChainEvidence(db, options);
  return evidence.trusted.some((a) => a.signature !== undefined) ? 0 : lastUnsigned;
}

async function headIsItsOwnAnchor(db: AuditDatabase, headSeq: number): Promise<boolean> {
  if (headSeq === 0) return false;
  const row = (await db.knex(AUDIT_ENTRIES_TABLE).where({ seq: headSeq }).first()) as AuditEntryRow | undefined;
  if (!row || row.action !== 'audit.anchor') return false;
  return auditEntryFromRow(row).data.headSeq === headSeq - 1;
}
