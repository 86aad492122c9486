import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createDiagramDrafts: AppMigration = {
  name: '0003_create_diagram_drafts',
  async up(knex: Knex) {
    await knex.schema.createTable('diagram_drafts', (t) => {
      // Every save is a new version; older versions stay so a designer can compare or go back.
      t.string('diagram_id', 200).notNullable();
      t.integer('version').notNullable();
      t.text('xml').notNullable();
      t.string('author', 100).notNullable();
      t.string('created_at', 30).notNullable();
      t.primary(['diagram_id', 'version']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('diagram_drafts');
  },
};
