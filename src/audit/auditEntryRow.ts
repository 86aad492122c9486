import { toSafeInteger } from '../db/dialect.js';
import type { AuditAction } from './auditActions.js';
import type { AuditActorType, AuditEntry, JsonValue } from './AuditEntry.js';
import { canonicalJson } from './hashAuditEntry.js';

export const AUDIT_ENTRIES_TABLE = 'audit_entries';

/** One row of audit_entries as the drivers return it (pg gives BIGINT as string). */
export interface AuditEntryRow {
  seq: number | string;
  timestamp: string;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  actor_job_key: string | null;
  action: string;
  entity_type: string;
  entity_key: string;
  process_instance_key: string | null;
  comune: string | null;
  data: string;
  legal_rule: string | null;
  prev_hash: string;
  hash: string;
  signature?: string | null;
  key_id?: string | null;
}

export function auditEntryToRow(entry: AuditEntry): AuditEntryRow {
  return {
    seq: entry.seq,
    timestamp: entry.timestamp,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_role: entry.actor.role ?? null,
    actor_job_key: entry.actor.jobKey ?? null,
    action: entry.action,
    entity_type: entry.entity.type,
    entity_key: entry.entity.key,
    process_instance_key: entry.entity.processInstanceKey ?? null,
    comune: entry.entity.comune ?? null,
    data: canonicalJson(entry.data),
    legal_rule: entry.legalRule ?? null,
    prev_hash: entry.prevHash,
    hash: entry.hash,
    signature: entry.signature ?? null,
    key_id: entry.keyId ?? null,
  };
}

/**
 * Rebuilds the entry exactly as it was hashed: NULL columns become absent fields. The row is taken
 * as found (no validation), because verification must recompute the hash of whatever is stored.
 */
export function auditEntryFromRow(row: AuditEntryRow): AuditEntry {
  const entry: AuditEntry = {
    seq: toSafeInteger(row.seq),
    timestamp: row.timestamp,
    actor: { type: row.actor_type as AuditActorType, id: row.actor_id },
    action: row.action as AuditAction,
    entity: { type: row.entity_type, key: row.entity_key },
    data: JSON.parse(row.data) as { [key: string]: JsonValue },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.actor_role !== null) entry.actor.role = row.actor_role;
  if (row.actor_job_key !== null) entry.actor.jobKey = row.actor_job_key;
  if (row.process_instance_key !== null) entry.entity.processInstanceKey = row.process_instance_key;
  if (row.comune !== null) entry.entity.comune = row.comune;
  if (row.legal_rule !== null) entry.legalRule = row.legal_rule;
  if (row.signature) entry.signature = row.signature;
  if (row.key_id) entry.keyId = row.key_id;
  return entry;
}
