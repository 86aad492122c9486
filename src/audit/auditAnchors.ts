import { open, readFile } from 'node:fs/promises';
import { toSafeInteger } from '../db/dialect.js';
import { auditAnchorFilePath, type AuditDatabase } from './AuditDatabase.js';
import { readHead, type AuditChainHead } from './AuditTrail.js';
import { auditAnchorSignedText } from './auditSignedText.js';
import { loadAuditSigner, type AuditSigner } from './auditSigningKey.js';

export const AUDIT_ANCHORS_TABLE = 'audit_anchors';

/** A statement, made at a point in time, that the chain then ended at headSeq with headHash. */
export interface AuditAnchor {
  headSeq: number;
  headHash: string;
  anchoredAt: string;
  source: 'table' | 'file';
  /** fingerprint of the key that signed auditAnchorSignedText(anchor); absent on anchors from before signing */
  keyId?: string;
  signature?: string;
  /** entries 1..unsignedUpTo predate signing (see auditAnchorSignedText); set on signed anchors */
  unsignedUpTo?: number;
  /** RFC 3161 timestamp token (base64 DER) over the signed text, when a TSA was configured */
  tsaToken?: string;
}

export interface WriteAuditAnchorOptions {
  /** the head to anchor (the one just verified); default: the current head */
  head?: AuditChainHead;
  signer?: AuditSigner;
  /** obtains a timestamp token for the signed text (see requestTimestampToken) */
  timestamp?: (signedText: string) => Promise<string>;
  /** default <DATA_DIR>/audit-anchors.log */
  file?: string;
  /** entries 1..n were written before signing began (only the first signed anchor of an old trail) */
  unsignedUpTo?: number;
}

/**
 * Records a signed head in <DATA_DIR>/audit-anchors.log (appended, fsynced) and in the audit_anchors
 * table. Someone who truncates or rebuilds the chain in the database must also rewrite a file outside
 * it (which can be shipped off-machine or to a WORM store), and cannot re-sign it without the key.
 * Call anchorAuditChain, which verifies the chain first; this only writes.
 */
export async function writeAuditAnchor(db: AuditDatabase, now: Date = new Date(), options: WriteAuditAnchorOptions = {}): Promise<AuditAnchor> {
  const head = options.head ?? (await readHead(db.knex));
  const signer = options.signer ?? (await loadAuditSigner(db.dataDir));
  const statement = { headSeq: head.seq, headHash: head.hash, anchoredAt: now.toISOString(), unsignedUpTo: options.unsignedUpTo ?? 0 };
  const signedText = auditAnchorSignedText(statement);
  const anchor: AuditAnchor = { ...statement, source: 'table', keyId: signer.keyId, signature: signer.sign(signedText) };
  const token = options.timestamp ? await options.timestamp(signedText) : '';
  if (token) anchor.tsaToken = token;
  // The file first: an anchor that only reached the table would be flagged as missing from the log.
  const file = await open(options.file ?? auditAnchorFilePath(db), 'a', 0o600); // owner only, like every file in DATA_DIR
  try {
    await file.write(`${JSON.stringify(anchorLine(anchor))}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await db.knex(AUDIT_ANCHORS_TABLE).insert({
    head_seq: anchor.headSeq,
    head_hash: anchor.headHash,
    anchored_at: anchor.anchoredAt,
    key_id: anchor.keyId,
    signature: anchor.signature,
    unsigned_up_to: anchor.unsignedUpTo,
    tsa_token: anchor.tsaToken ?? null,
  });
  return anchor;
}

function anchorLine(a: AuditAnchor): Record<string, string | number> {
  return {
    headSeq: a.headSeq,
    headHash: a.headHash,
    anchoredAt: a.anchoredAt,
    keyId: a.keyId ?? '',
    signature: a.signature ?? '',
    unsignedUpTo: a.unsignedUpTo ?? 0,
    ...(a.tsaToken ? { tsaToken: a.tsaToken } : {}),
  };
}

export async function readTableAnchors(db: AuditDatabase): Promise<AuditAnchor[]> {
  const rows = (await db.knex(AUDIT_ANCHORS_TABLE).select('head_seq', 'head_hash', 'anchored_at', 'key_id', 'signature', 'unsigned_up_to', 'tsa_token').orderBy('id')) as Array<{
    head_seq: number | string;
    head_hash: string;
    anchored_at: string;
    key_id: string | null;
    signature: string | null;
    unsigned_up_to: number | string | null;
    tsa_token: string | null;
  }>;
  return rows.map((r) => ({
    headSeq: toSafeInteger(r.head_seq),
    headHash: r.head_hash,
    anchoredAt: r.anchored_at,
    source: 'table' as const,
    ...(r.key_id ? { keyId: r.key_id } : {}),
    ...(r.signature ? { signature: r.signature } : {}),
    ...(r.unsigned_up_to !== null ? { unsignedUpTo: toSafeInteger(r.unsigned_up_to) } : {}),
    ...(r.tsa_token ? { tsaToken: r.tsa_token } : {}),
  }));
}

export class MalformedAnchorFileError extends Error {
  readonly code = 'MALFORMED_ANCHOR_FILE';
  constructor(readonly lineNumber: number) {
    super(`audit anchor file: line ${lineNumber} is not a valid anchor`);
    this.name = 'MalformedAnchorFileError';
  }
}

/** The anchors of the file; undefined when it does not exist. A garbled line is an error, not skipped. */
export async function readAnchorFile(file: string): Promise<AuditAnchor[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const anchors: AuditAnchor[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new MalformedAnchorFileError(i + 1);
    }
    const { headSeq, headHash, anchoredAt, keyId, signature, unsignedUpTo, tsaToken } = (parsed ?? {}) as Record<string, unknown>;
    if (!Number.isSafeInteger(headSeq) || typeof headHash !== 'string' || typeof anchoredAt !== 'string') {
      throw new MalformedAnchorFileError(i + 1);
    }
    const anchor: AuditAnchor = { headSeq: headSeq as number, headHash, anchoredAt, source: 'file' };
    if (typeof keyId === 'string' && keyId) anchor.keyId = keyId;
    if (typeof signature === 'string' && signature) anchor.signature = signature;
    if (Number.isSafeInteger(unsignedUpTo)) anchor.unsignedUpTo = unsignedUpTo as number;
    if (typeof tsaToken === 'string' && tsaToken) anchor.tsaToken = tsaToken;
    anchors.push(anchor);
  });
  return anchors;
}

/** The anchors of <DATA_DIR>/audit-anchors.log ([] when the file does not exist). */
export async function readFileAnchors(db: AuditDatabase): Promise<AuditAnchor[]> {
  return (await readAnchorFile(auditAnchorFilePath(db))) ?? [];
}
