import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntryContent } from './AuditEntry.js';

/** prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JCS) canonical JSON of a value. Throws for what JSON cannot carry faithfully
 * (undefined at top level, NaN/Infinity, BigInt), so such data never gets into the chain.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** SHA-256 (hex) over the canonical JSON of every hashed field, prevHash included. */
export function hashAuditEntry(content: AuditEntryContent): string {
  const hashed: AuditEntryContent = {
    seq: content.seq,
    timestamp: content.timestamp,
    actor: content.actor,
    action: content.action,
    entity: content.entity,
    data: content.data,
    legalRule: content.legalRule,
    prevHash: content.prevHash,
  };
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}
