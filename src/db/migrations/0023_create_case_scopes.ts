import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * The Comuni each process instance concerns, as the scope reads them (root-scope `codiceIstat`, the Comuni
 * of `comuniAderenti`): one row per instance and Comune, kept by the open-work index (issue #18), so a
 * Comune user's lists find their cases with one indexed query instead of reading every case's variables.
 */
export const createCaseScopes: AppMigration = {
  name: '0023_create_case_scopes',
  async up(knex: Knex) {
    await knex.schema.createTable('case_scopes', (t) => {
      t.string('process_instance_key', 30).notNullable();
      t.string('comune', 6).notNullable();
      t.bigInteger('indexed_at').notNullable();
      t.primary(['process_instance_key', 'comune']);
      t.index(['comune', 'process_instance_key']);
    });
    // Built with the rest of the index on its next pass.
    await knex('open_work_state').delete();
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('case_scopes');
  },
};
