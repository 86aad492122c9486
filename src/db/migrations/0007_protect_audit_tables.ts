import type { Knex } from 'knex';
import { appendOnlyGuardStatements, dialectOf, dropAppendOnlyGuardStatements } from '../dialect.js';
import type { AppMigration } from './AppMigration.js';

const APPEND_ONLY_TABLES = ['audit_entries', 'audit_anchors'] as const;

/**
 * The app never changes or removes audit rows; this makes the database refuse it too
 * (triggers on both dialects, REVOKE on PostgreSQL). See dialect.ts for what this does not stop.
 */
export const protectAuditTables: AppMigration = {
  name: '0007_protect_audit_tables',
  async up(knex: Knex) {
    for (const table of APPEND_ONLY_TABLES) {
      for (const sql of appendOnlyGuardStatements(dialectOf(knex), table)) await knex.raw(sql);
    }
  },
  async down(knex: Knex) {
    for (const table of APPEND_ONLY_TABLES) {
      for (const sql of dropAppendOnlyGuardStatements(dialectOf(knex), table)) await knex.raw(sql);
    }
  },
};
