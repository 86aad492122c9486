import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createAuditEntries: AppMigration = {
  name: '0004_create_audit_entries',
  async up(knex: Knex) {
    await knex.schema.createTable('audit_entries', (t) => {
      // seq is assigned by the appender (head + 1), not autoincrement: the primary key then makes a
      // fork of the chain (two entries after the same head) impossible even across processes.
      t.bigInteger('seq').primary();
      // ISO-8601 text, not a timestamp type: the hashed string must come back byte for byte.
      t.string('timestamp', 30).notNullable().index();
      t.string('actor_type', 16).notNullable();
      t.string('actor_id', 200).notNullable().index();
      t.string('actor_role', 100).nullable();
      t.string('actor_job_key', 30).nullable();
      t.string('action', 64).notNullable().index();
      t.string('entity_type', 64).notNullable();
      t.string('entity_key', 200).notNullable();
      t.string('process_instance_key', 30).nullable().index();
      t.string('comune', 6).nullable().index();
      // RFC 8785 canonical JSON, exactly what was hashed.
      t.text('data').notNullable();
      t.string('legal_rule', 500).nullable();
      t.string('prev_hash', 64).notNullable();
      t.string('hash', 64).notNullable().unique();
      t.index(['entity_type', 'entity_key']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_entries');
  },
};
