import type { AppMigration } from './AppMigration.js';
import { createUsers } from './0001_create_users.js';
import { createSessions } from './0002_create_sessions.js';
import { createDiagramDrafts } from './0003_create_diagram_drafts.js';
import { createAuditEntries } from './0004_create_audit_entries.js';
import { createAuditChainLock } from './0005_create_audit_chain_lock.js';
import { createAuditAnchors } from './0006_create_audit_anchors.js';
import { protectAuditTables } from './0007_protect_audit_tables.js';
import { createWorkerRecords } from './0008_create_worker_records.js';
import { createAuditFollowerCursors } from './0009_create_audit_follower_cursors.js';
import { addUserEmail } from './0010_add_user_email.js';
import { createTaskMailNotices } from './0011_create_task_mail_notices.js';
import { createFormDrafts } from './0012_create_form_drafts.js';
import { createSignInLimits } from './0013_create_sign_in_limits.js';
import { signAuditTrail } from './0014_sign_audit_trail.js';
import { createMonitoringAggregates } from './0017_create_monitoring_aggregates.js';
import { createMonitoringKpiTargets } from './0018_create_monitoring_kpi_targets.js';
import { createComuneRequests } from './0019_create_comune_requests.js';
import { addMonitoringCaseNumbers } from './0021_add_monitoring_case_numbers.js';
import { createOpenWorkIndex } from './0022_create_open_work_index.js';
import { createCaseScopes } from './0023_create_case_scopes.js';
import { createCaseIndex } from './0024_create_case_index.js';

export type { AppMigration } from './AppMigration.js';

/** Append new migrations at the end, in a new file named with the next number. */
export const appMigrations: readonly AppMigration[] = [
  createUsers,
  createSessions,
  createDiagramDrafts,
  createAuditEntries,
  createAuditChainLock,
  createAuditAnchors,
  protectAuditTables,
  createWorkerRecords,
  createAuditFollowerCursors,
  addUserEmail,
  createTaskMailNotices,
  createFormDrafts,
  createSignInLimits,
  signAuditTrail,
  createMonitoringAggregates,
  createMonitoringKpiTargets,
  createComuneRequests,
  addMonitoringCaseNumbers,
  createOpenWorkIndex,
  createCaseScopes,
  createCaseIndex,
];
