import { stringify } from 'csv-stringify/sync';
import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry } from './AuditEntry.js';
import { canonicalJson } from './hashAuditEntry.js';
import { listInstanceTrail } from './searchAuditTrail.js';

/** Column order of the export; names are stable because auditors script against them. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'timestamp',
  'actor_type',
  'actor_id',
  'actor_role',
  'job_key',
  'action',
  'entity_type',
  'entity_key',
  'process_instance_key',
  'comune',
  'legal_rule',
  'data',
  'prev_hash',
  'hash',
] as const;

function toRecord(e: AuditEntry): Record<(typeof AUDIT_CSV_COLUMNS)[number], string> {
  return {
    seq: String(e.seq),
    timestamp: e.timestamp,
    actor_type: e.actor.type,
    actor_id: e.actor.id,
    actor_role: e.actor.role ?? '',
    job_key: e.actor.jobKey ?? '',
    action: e.action,
    entity_type: e.entity.type,
    entity_key: e.entity.key,
    process_instance_key: e.entity.processInstanceKey ?? '',
    comune: e.entity.comune ?? '',
    legal_rule: e.legalRule ?? '',
    // Canonical JSON, so an auditor can recompute each hash from the CSV alone.
    data: canonicalJson(e.data),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * RFC 4180 CSV (comma, CRLF, header row) of one instance's trail, oldest first. Cells starting with
 * = + - @ (a username typed at a failed sign-in can be anything) are prefixed with ' so that a
 * spreadsheet shows them instead of running them; strip that prefix before recomputing a hash.
 */
export function auditEntriesToCsv(entries: AuditEntry[]): string {
  return stringify(entries.map(toRecord), {
    header: true,
    columns: [...AUDIT_CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}

export async function exportInstanceTrailCsv(db: AuditDatabase, processInstanceKey: string): Promise<string> {
  return auditEntriesToCsv(await listInstanceTrail(db, processInstanceKey));
}
