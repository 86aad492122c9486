import { open, readFile } from 'node:fs/promises';
import { toSafeInteger } from '../db/dialect.js';
import { auditAnchorFilePath, type AuditDatabase } from './AuditDatabase.js';
import { readHead } from './AuditTrail.js';

export const AUDIT_ANCHORS_TABLE = 'audit_anchors';

/** A statement, made at a point in time, that the chain then ended at headSeq with headHash. */
export interface AuditAnchor {
  headSeq: number;
  headHash: string;
  anchoredAt: string;
  source: 'table' | 'file';
}

/**
 * Records the current head in the audit_anchors table and appends it, fsynced, to
 * <DATA_DIR>/audit-anchors.log. Someone who truncates the chain's tail in the database must also
 * rewrite a file outside it (which can be shipped off-machine or to a WORM store) to go unnoticed.
 */
export async function writeAuditAnchor(db: AuditDatabase, now: Date = new Date()): Promise<AuditAnchor> {
  const head = await readHead(db.knex);
  const anchor: AuditAnchor = { headSeq: head.seq, headHash: head.hash, anchoredAt: now.toISOString(), source: 'table' };
  await db.knex(AUDIT_ANCHORS_TABLE).insert({ head_seq: anchor.headSeq, head_hash: anchor.headHash, anchored_at: anchor.anchoredAt });
  const file = await open(auditAnchorFilePath(db), 'a', 0o600); // owner only, like every file in DATA_DIR
  try {
    const line = JSON.stringify({ headSeq: anchor.headSeq, headHash: anchor.headHash, anchoredAt: anchor.anchoredAt });
    await file.write(`${line}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return anchor;
}

export async function readTableAnchors(db: AuditDatabase): Promise<AuditAnchor[]> {
  const rows = (await db.knex(AUDIT_ANCHORS_TABLE).select('head_seq', 'head_hash', 'anchored_at').orderBy('id')) as Array<{
    head_seq: number | string;
    head_hash: string;
    anchored_at: string;
  }>;
  return rows.map((r) => ({ headSeq: toSafeInteger(r.head_seq), headHash: r.head_hash, anchoredAt: r.anchored_at, source: 'table' }));
}

export class MalformedAnchorFileError extends Error {
  readonly code = 'MALFORMED_ANCHOR_FILE';
  constructor(readonly lineNumber: number) {
    super(`audit anchor file: line ${lineNumber} is not a valid anchor`);
    this.name = 'MalformedAnchorFileError';
  }
}

/** A missing file means no anchor was ever written there; a garbled line is an error, not skipped. */
export async function readFileAnchors(db: AuditDatabase): Promise<AuditAnchor[]> {
  let text: string;
  try {
    text = await readFile(auditAnchorFilePath(db), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
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
    const { headSeq, headHash, anchoredAt } = (parsed ?? {}) as Record<string, unknown>;
    if (!Number.isSafeInteger(headSeq) || typeof headHash !== 'string' || typeof anchoredAt !== 'string') {
      throw new MalformedAnchorFileError(i + 1);
    }
    anchors.push({ headSeq: headSeq as number, headHash, anchoredAt, source: 'file' });
  });
  return anchors;
}
