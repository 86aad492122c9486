import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createAuditFollowerCursors: AppMigration = {
  name: '0009_create_audit_follower_cursors',
  async up(knex: Knex) {
    // Where the engine event follower stopped reading each engine stream (JSON per stream), so a
    // restart resumes instead of re-reading the engine's whole history.
    await knex.schema.createTable('audit_follower_cursors', (t) => {
      t.string('name', 64).primary();
      t.text('state').notNullable();
      t.string('updated_at', 30).notNullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_follower_cursors');
  },
};
