import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createAuditChainLock: AppMigration = {
  name: '0005_create_audit_chain_lock',
  async up(knex: Knex) {
    // One row that every append UPDATEs first inside its transaction. That first write takes
    // SQLite's write lock / PostgreSQL's row lock before the head is read, so appenders in
    // different processes queue up instead of reading the same head.
    await knex.schema.createTable('audit_chain_lock', (t) => {
      t.integer('id').primary();
      t.string('touched_at', 30).notNullable();
    });
    await knex('audit_chain_lock').insert({ id: 1, touched_at: new Date(0).toISOString() });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_chain_lock');
  },
};
