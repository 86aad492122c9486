import path from 'node:path';
import type { AppDatabase } from '../db/openAppDatabase.js';

/** What the audit functions need from the app database: the connection and the data folder. */
export type AuditDatabase = Pick<AppDatabase, 'knex' | 'dataDir'>;

export const AUDIT_ANCHORS_FILE = 'audit-anchors.log';

export function auditAnchorFilePath(db: AuditDatabase): string {
  return path.join(db.dataDir, AUDIT_ANCHORS_FILE);
}
