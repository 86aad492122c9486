import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createSessions: AppMigration = {
  name: '0002_create_sessions',
  async up(knex: Knex) {
    await knex.schema.createTable('sessions', (t) => {
      // The key koa-session hands an external store; the cookie carries only this key.
      t.string('id', 128).primary();
      t.string('user_id', 36).nullable().references('id').inTable('users').onDelete('CASCADE');
      t.text('data').notNullable();
      t.string('created_at', 30).notNullable();
      t.string('expires_at', 30).notNullable().index();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('sessions');
  },
};
