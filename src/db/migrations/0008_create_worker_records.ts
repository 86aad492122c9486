import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * What the job workers keep beside the engine: side effects done once per job (idempotency),
 * the protocol register, publication records, produced documents, applications to a concorso,
 * training records, and the Comuni of the Provincia (seeded with their ISTAT codes).
 */
export const createWorkerRecords: AppMigration = {
  name: '0008_create_worker_records',
  async up(knex: Knex) {
    await knex.schema.createTable('worker_effects', (t) => {
      // e.g. 'notify:<jobKey>', 'protocol:<jobKey>', 'rinvio:<idProcedimento>'
      t.string('effect_key', 300).primary();
      t.string('task_type', 100).notNullable();
      t.string('job_key', 30).notNullable();
      t.string('state', 10).notNullable(); // 'pending' while the side effect runs, then 'done'
      t.text('result');
      t.string('created_at', 30).notNullable();
    });
    await knex.schema.createTable('protocol_register', (t) => {
      t.integer('year').notNullable();
      t.integer('number').notNullable();
      t.string('direction', 10).notNullable(); // 'entrata' | 'uscita'
      t.string('subject', 500).notNullable();
      t.string('business_key', 200).notNullable();
      t.string('registered_at', 30).notNullable();
      t.primary(['year', 'number']);
    });
    await knex.schema.createTable('publications', (t) => {
      t.increments('id');
      t.string('business_key', 200).notNullable();
      t.string('kind', 60).notNullable();
      t.string('channel', 60).notNullable(); // 'inpa', 'albo-pretorio', 'amministrazione-trasparente', 'perlapa'
      t.string('title', 500).notNullable();
      t.string('document_sha256', 64);
      t.string('published_at', 30).notNullable();
      t.unique(['business_key', 'kind', 'channel']);
    });
    await knex.schema.createTable('documents', (t) => {
      t.string('sha256', 64).notNullable();
      t.string('path', 500).notNullable();
      t.string('kind', 60).notNullable();
      t.string('business_key', 200).notNullable();
      t.string('process_instance_key', 30);
      t.string('created_at', 30).notNullable();
      t.primary(['path']);
    });
    await knex.schema.createTable('applications', (t) => {
      t.string('concorso_id', 100).notNullable();
      t.string('codice_fiscale', 16).notNullable();
      t.string('job_key', 30).notNullable();
      t.text('data').notNullable();
      t.string('received_at', 30).notNullable();
      t.string('codice_elaborato', 20);
      t.primary(['concorso_id', 'codice_fiscale']);
    });
    await knex.schema.createTable('training_records', (t) => {
      t.string('piano_id', 100).notNullable();
      t.string('codice_fiscale', 16).notNullable();
      t.string('course', 300).notNullable();
      t.string('date', 10).notNullable();
      t.decimal('hours', 6, 2).notNullable();
      t.string('codice_istat', 6);
      t.primary(['piano_id', 'codice_fiscale', 'course', 'date']);
    });
    await knex.schema.createTable('comuni', (t) => {
      t.string('codice_istat', 6).primary();
      t.string('nome', 200).notNullable();
      t.string('sigla_provincia', 2).notNullable();
      t.string('pec', 200).notNullable();
      t.string('email', 200).notNullable();
    });
  },
  async down(knex: Knex) {
    for (const table of ['comuni', 'training_records', 'applications', 'documents', 'publications', 'protocol_register', 'worker_effects']) {
      await knex.schema.dropTable(table);
    }
  },
};
