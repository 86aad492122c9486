import { existsSync } from 'node:fs';
import path from 'node:path';
import { auditAnchorFilePath, type AuditDatabase } from './AuditDatabase.js';
import { readAnchorFile, readTableAnchors, type AuditAnchor } from './auditAnchors.js';
import { auditHeadLogPath, readAuditHeadTail, type AuditHeadLine } from './auditHeadLog.js';
import { auditAnchorSignedText, auditEntrySignedText } from './auditSignedText.js';
import {
  AUDIT_PUBLIC_KEY_FILE,
  AUDIT_SIGNING_KEY_FILE,
  loadAuditPublicKeys,
  loadAuditSigner,
  publicKeysOf,
  verifyAuditSignature,
  type AuditPublicKeys,
} from './auditSigningKey.js';

/** What lies outside the audit_entries table and vouches for it, read before the chain is walked. */
export interface AuditChainEvidence {
  keys: AuditPublicKeys;
  tableAnchors: AuditAnchor[];
  /** undefined: the anchor log does not exist */
  fileAnchors: AuditAnchor[] | undefined;
  anchorFile: string;
  /** anchors from either place whose signature verifies, or that predate signing (no signature) */
  trusted: AuditAnchor[];
  /** anchors that carry a signature that does not verify: edited, or written without the key */
  forged: AuditAnchor[];
  /** entries 1..unsignedUpTo predate signing, as a signed anchor states */
  unsignedUpTo: number;
  /** the highest entry the head log vouches for (signature checked); undefined: no head log */
  headLogSeq: number | undefined;
  headLogFile: string;
}

export interface EvidenceOptions {
  publicKeys?: AuditPublicKeys;
  anchorFile?: string;
  headLogFile?: string;
}

/**
 * The keys a verifier on this machine trusts when the auditor names none: the installation's own
 * (AUDIT_SIGNING_KEY, else the key files in DATA_DIR). Nothing is generated here: verifying reads only.
 */
export async function installationPublicKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AuditPublicKeys> {
  if (env.AUDIT_SIGNING_KEY?.trim()) return publicKeysOf(await loadAuditSigner(dataDir, env));
  for (const name of [AUDIT_SIGNING_KEY_FILE, AUDIT_PUBLIC_KEY_FILE]) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) return loadAuditPublicKeys([file]);
  }
  return new Map();
}

/**
 * Anchors pile up (two copies every ten minutes) and every audit page verifies them all: a signature
 * check is a pure function of key, text and signature, so its result is remembered per process.
 */
const anchorChecks = new Map<string, boolean>();
const MAX_REMEMBERED = 200_000;

export function anchorSignatureValid(keys: AuditPublicKeys, a: AuditAnchor): boolean {
  const text = auditAnchorSignedText({ ...a, unsignedUpTo: a.unsignedUpTo ?? 0 });
  const key = a.keyId ? keys.get(a.keyId) : undefined;
  if (!key || !a.signature) return false;
  const id = `${a.keyId}|${a.signature}|${text}`;
  let valid = anchorChecks.get(id);
  if (valid === undefined) {
    valid = verifyAuditSignature(keys, a.keyId, text, a.signature);
    if (anchorChecks.size >= MAX_REMEMBERED) anchorChecks.clear();
    anchorChecks.set(id, valid);
  }
  return valid;
}

export async function readAuditChainEvidence(db: AuditDatabase, options: EvidenceOptions = {}): Promise<AuditChainEvidence> {
  const keys = options.publicKeys ?? (await installationPublicKeys(db.dataDir));
  const anchorFile = options.anchorFile ?? auditAnchorFilePath(db);
  const headLogFile = options.headLogFile ?? auditHeadLogPath(db.dataDir);
  // The head log first: every line in it names an entry committed before the walk starts.
  const heads = await readAuditHeadTail(headLogFile);
  const tableAnchors = await readTableAnchors(db);
  const fileAnchors = await readAnchorFile(anchorFile);
  const trusted: AuditAnchor[] = [];
  const forged: AuditAnchor[] = [];
  let unsignedUpTo = 0;
  for (const a of [...tableAnchors, ...(fileAnchors ?? [])]) {
    if (a.signature === undefined) trusted.push(a);
    else if (anchorSignatureValid(keys, a)) {
      trusted.push(a);
      unsignedUpTo = Math.max(unsignedUpTo, a.unsignedUpTo ?? 0);
    } else forged.push(a);
  }
  return { keys, tableAnchors, fileAnchors, anchorFile, trusted, forged, unsignedUpTo, headLogSeq: highestSignedHead(keys, heads), headLogFile };
}

function highestSignedHead(keys: AuditPublicKeys, heads: AuditHeadLine[] | undefined): number | undefined {
  if (heads === undefined) return undefined;
  let best = 0;
  // Highest first, so usually one signature check; a line that does not verify vouches for nothing.
  for (const line of [...heads].sort((a, b) => b.seq - a.seq)) {
    if (line.seq <= best) break;
    if (verifyAuditSignature(keys, line.keyId, auditEntrySignedText(line.hash), line.signature)) best = line.seq;
  }
  return best;
}

/** True when the log file holds this signed anchor, byte for byte in its signed fields. */
export function anchorInFile(evidence: AuditChainEvidence, a: { headSeq: number; headHash: string; anchoredAt: string }): boolean {
  return (evidence.fileAnchors ?? []).some(
    (f) => f.signature !== undefined && f.headSeq === a.headSeq && f.headHash === a.headHash && f.anchoredAt === a.anchoredAt && anchorSignatureValid(evidence.keys, f),
  );
}
