import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * The open-work index (issue #18): the open user tasks and the open deadlines of every running case, kept by
 * the web app from the engine's REST API v2 so the task list and the scadenzario page, count and sort in SQL
 * instead of reading every case from the engine on each request. Rows hold what does not depend on the clock;
 * days left and status are computed when a page is answered. `open_work_state` holds how far the index has
 * read the engine's changes (an element start or end time) and when it was last rebuilt whole.
 */
export const createOpenWorkIndex: AppMigration = {
  name: '0022_create_open_work_index',
  async up(knex: Knex) {
    await knex.schema.createTable('open_tasks', (t) => {
      t.string('user_task_key', 30).primary();
      /** the top-level case the task belongs to (itself when not called) */
      t.string('root_key', 30).notNullable();
      t.string('process_instance_key', 30).notNullable();
      t.string('process_definition_id', 500).notNullable();
      t.text('process_name').notNullable();
      t.text('assignee').nullable();
      /** '|g1|g2|' so a group is matched with LIKE '%|g|%' */
      t.text('candidate_groups').notNullable();
      /** '|108033|' the Comuni of the task's case, as the scope sees them (codiceIstat, comuniAderenti) */
      t.text('scope_comuni').notNullable();
      /** the Comune the task is about (a per-Comune task's own, else the case's) */
      t.string('comune', 100).nullable();
      t.integer('priority').notNullable();
      t.bigInteger('due_ms').nullable();
      /** the Rome calendar day of the due date, YYYY-MM-DD */
      t.string('due_day', 10).nullable();
      t.bigInteger('created_ms').notNullable();
      /** the task as the list shows it, without what depends on the user or on the clock */
      t.text('item').notNullable();
      t.bigInteger('indexed_at').notNullable();
      t.index(['root_key']);
      t.index(['due_ms']);
    });
    await knex.schema.createTable('open_deadlines', (t) => {
      t.increments('id');
      t.string('root_key', 30).notNullable();
      /** the variable holding the date: a case lists each variable and date once */
      t.string('variable', 300).notNullable();
      t.string('process_definition_id', 500).notNullable();
      t.text('process_name').notNullable();
      t.text('scope_comuni').notNullable();
      /** a deadline of a called process: that process and its scope must be visible too */
      t.string('called_process_definition_id', 500).nullable();
      t.text('called_scope_comuni').nullable();
      t.string('comune', 100).nullable();
      t.string('nature', 20).nullable();
      t.bigInteger('due_ms').notNullable();
      /** the register's day: the last useful day, else the Rome date of the due instant */
      t.string('register_day', 10).notNullable();
      /** listed only until it passes (no diagram element watches it) */
      t.boolean('until_due').notNullable();
      /** the case number as it sorts (digits padded so UPD-2026-9 comes before UPD-2026-10) */
      t.string('case_sort', 300).notNullable();
      t.text('entry').notNullable();
      t.bigInteger('indexed_at').notNullable();
      t.unique(['root_key', 'variable', 'due_ms']);
      t.index(['due_ms']);
    });
    await knex.schema.createTable('open_work_state', (t) => {
      t.string('name', 40).primary();
      /** engine time (ISO) of the latest element start or end read */
      t.string('changes_since', 40).nullable();
      t.bigInteger('rebuilt_at').nullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('open_work_state');
    await knex.schema.dropTable('open_deadlines');
    await knex.schema.dropTable('open_tasks');
  },
};
