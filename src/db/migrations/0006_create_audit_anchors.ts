import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createAuditAnchors: AppMigration = {
  name: '0006_create_audit_anchors',
  async up(knex: Knex) {
    // A copy of each anchor also goes to <DATA_DIR>/audit-anchors.log, outside the database.
    await knex.schema.createTable('audit_anchors', (t) => {
      t.increments('id').primary();
      t.bigInteger('head_seq').notNullable();
      t.string('head_hash', 64).notNullable();
      t.string('anchored_at', 30).notNullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_anchors');
  },
};
