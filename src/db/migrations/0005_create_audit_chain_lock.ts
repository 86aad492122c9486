import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createAuditChainLock: AppMigration = {
  name: '0005_create_audit_chain_lock',
  async up(knex: Knex) {
    // One row that every append UPDATEs (to itself) first inside its transaction. That first
    // write takes SQLite's write lock / PostgreSQL's row lock before the head is read, so
    // appenders in different processes queue up instead of reading the same head.
    await knex.schema.createTable('audit_chain_lock', (t) => {
      t.integer('id').primary();
    });
    await knex('audit_chain_lock').insert({ id: 1 });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('audit_chain_lock');
  },
};
