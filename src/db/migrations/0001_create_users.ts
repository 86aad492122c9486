import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createUsers: AppMigration = {
  name: '0001_create_users',
  async up(knex: Knex) {
    await knex.schema.createTable('users', (t) => {
      t.string('id', 36).primary();
      t.string('username', 100).notNullable().unique();
      t.string('display_name', 200).notNullable();
      t.string('password_hash', 255).notNullable();
      // JSON arrays as text: roles (e.g. ["designer","upd"]) and the ISTAT codes of the Comuni
      // whose cases the user may see; an empty scope list means the whole Provincia.
      t.text('roles').notNullable().defaultTo('[]');
      t.text('comuni_istat').notNullable().defaultTo('[]');
      t.boolean('active').notNullable().defaultTo(true);
      t.string('created_at', 30).notNullable();
      t.string('updated_at', 30).notNullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('users');
  },
};
