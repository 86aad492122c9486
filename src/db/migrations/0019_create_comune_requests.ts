import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createComuneRequests: AppMigration = {
  name: '0019_create_comune_requests',
  async up(knex: Knex) {
    // What a Comune asked the Provincia for from «Nuova richiesta», and the case it started or joined: the
    // Provincia's queue of incoming requests. The Comune is the one of the user's account, never of the form.
    await knex.schema.createTable('comune_requests', (t) => {
      t.increments('id');
      t.string('kind', 40).notNullable();
      t.string('codice_istat', 6).notNullable();
      t.string('comune_nome', 200).notNullable();
      t.string('username', 100).notNullable();
      t.string('display_name', 200).notNullable();
      t.string('created_at', 30).notNullable();
      t.string('business_key', 60).notNullable();
      t.string('process_definition_id', 100).notNullable();
      t.string('process_instance_key', 30);
      t.string('outcome', 20).notNullable(); // 'pending' while starting, then 'started' or 'correlated'
      t.text('summary').notNullable();
      t.index(['codice_istat', 'created_at']);
      t.index(['kind', 'created_at']);
      t.index(['business_key']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('comune_requests');
  },
};
