import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * The Pratiche search's index (issue #18): one row per case (root instance, any state) with its number,
 * Comuni, parties and the text the search matches, kept by the open-work index from the same feed, so a
 * search is one SQL query instead of reading every case and its variables from the engine.
 */
export const createCaseIndex: AppMigration = {
  name: '0024_create_case_index',
  async up(knex: Knex) {
    await knex.schema.createTable('case_index', (t) => {
      t.string('root_key', 30).primary();
      t.string('process_definition_id', 500).notNullable();
      t.string('state', 20).notNullable();
      t.bigInteger('start_ms').notNullable();
      /** '|108033|': the Comuni the scope finds the case under (root-scope codiceIstat, comuniAderenti) */
      t.text('scope_comuni').notNullable();
      /** '|108033|': the Comuni the case names, for the Comune filter */
      t.text('comuni').notNullable();
      /** number, employee, candidates and Comuni, accents and case aside, the search matches in */
      t.text('search_text').notNullable();
      /** the list item, and the facts the "matched on" words are read from */
      t.text('item').notNullable();
      t.text('facts').notNullable();
      t.bigInteger('indexed_at').notNullable();
      t.index(['start_ms']);
    });
    // Built with the rest of the index on its next pass.
    await knex('open_work_state').delete();
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('case_index');
  },
};
