import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createFormDrafts: AppMigration = {
  name: '0012_create_form_drafts',
  async up(knex: Knex) {
    // Designers' Camunda forms, versioned like diagram drafts and in the same shape, so one store
    // (DiagramDraftStore with table 'form_drafts') serves both: `diagram_id` holds the form id,
    // `xml` the form's JSON text.
    await knex.schema.createTable('form_drafts', (t) => {
      t.string('diagram_id', 200).notNullable();
      t.integer('version').notNullable();
      t.text('xml').notNullable();
      t.string('author', 100).notNullable();
      t.string('created_at', 30).notNullable();
      t.primary(['diagram_id', 'version']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('form_drafts');
  },
};
