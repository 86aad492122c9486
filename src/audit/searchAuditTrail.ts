import type { Knex } from 'knex';
import { toSafeInteger } from '../db/dialect.js';
import type { AuditAction } from './auditActions.js';
import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditActorType, AuditEntry } from './AuditEntry.js';
import { AUDIT_ENTRIES_TABLE, auditEntryFromRow, type AuditEntryRow } from './auditEntryRow.js';

export interface AuditSearchFilter {
  actorType?: AuditActorType;
  actorId?: string;
  action?: AuditAction | AuditAction[];
  entityType?: string;
  entityKey?: string;
  processInstanceKey?: string;
  /** One ISTAT code or a scope list; an empty list matches nothing (never "everything"). */
  comune?: string | string[];
  /** inclusive lower bound of the period */
  from?: Date | string;
  /** exclusive upper bound of the period */
  to?: Date | string;
}

export interface AuditSearchPage {
  /** default 50, at most 500 */
  limit?: number;
  offset?: number;
  /** by seq; default 'asc' (the order things happened) */
  order?: 'asc' | 'desc';
}

export interface AuditSearchResult {
  items: AuditEntry[];
  /** entries matching the filter, over all pages */
  total: number;
  limit: number;
  offset: number;
}

export const MAX_AUDIT_PAGE_SIZE = 500;

export class InvalidAuditSearchError extends Error {
  readonly code = 'INVALID_AUDIT_SEARCH';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuditSearchError';
  }
}

function isoBound(value: Date | string, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidAuditSearchError(`${name} is not a valid date: ${String(value)}`);
  // Timestamps are stored as toISOString() text, so text comparison is chronological.
  return date.toISOString();
}

export function applyAuditFilter(query: Knex.QueryBuilder, filter: AuditSearchFilter): Knex.QueryBuilder {
  if (filter.actorType !== undefined) query.where('actor_type', filter.actorType);
  if (filter.actorId !== undefined) query.where('actor_id', filter.actorId);
  if (filter.action !== undefined) query.whereIn('action', ([] as string[]).concat(filter.action));
  if (filter.entityType !== undefined) query.where('entity_type', filter.entityType);
  if (filter.entityKey !== undefined) query.where('entity_key', filter.entityKey);
  if (filter.processInstanceKey !== undefined) query.where('process_instance_key', filter.processInstanceKey);
  if (filter.comune !== undefined) query.whereIn('comune', ([] as string[]).concat(filter.comune));
  if (filter.from !== undefined) query.where('timestamp', '>=', isoBound(filter.from, 'from'));
  if (filter.to !== undefined) query.where('timestamp', '<', isoBound(filter.to, 'to'));
  return query;
}

/** The auditors' search: every filter is optional and they combine with AND. */
export async function searchAuditTrail(db: AuditDatabase, filter: AuditSearchFilter = {}, page: AuditSearchPage = {}): Promise<AuditSearchResult> {
  const limit = page.limit ?? 50;
  const offset = page.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE_SIZE) {
    throw new InvalidAuditSearchError(`limit must be between 1 and ${MAX_AUDIT_PAGE_SIZE}`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidAuditSearchError('offset must be a non-negative integer');

  const base = () => applyAuditFilter(db.knex(AUDIT_ENTRIES_TABLE), filter);
  const [{ total }] = (await base().count({ total: '*' })) as Array<{ total: number | string }>;
  const rows = (await base()
    .orderBy('seq', page.order ?? 'asc')
    .limit(limit)
    .offset(offset)) as AuditEntryRow[];
  return { items: rows.map(auditEntryFromRow), total: toSafeInteger(total), limit, offset };
}

/** Every entry of one process instance, oldest first, read in pages so a long case stays cheap. */
export async function listInstanceTrail(db: AuditDatabase, processInstanceKey: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const rows = (await db
      .knex(AUDIT_ENTRIES_TABLE)
      .where('process_instance_key', processInstanceKey)
      .andWhere('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(MAX_AUDIT_PAGE_SIZE)) as AuditEntryRow[];
    if (rows.length === 0) return entries;
    for (const row of rows) entries.push(auditEntryFromRow(row));
    afterSeq = entries[entries.length - 1].seq;
  }
}
