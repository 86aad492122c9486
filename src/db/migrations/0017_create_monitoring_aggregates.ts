import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * The aggregates of the Monitoraggio area (issue #19), kept by the engine event follower from the
 * Camunda REST API, so that pages read a few indexed rows instead of scanning the engine. Months are
 * 'YYYY-MM' in Rome time; Comuni are ISTAT codes ('' when a case names none, so it can sit in a key).
 */
export const createMonitoringAggregates: AppMigration = {
  name: '0017_create_monitoring_aggregates',
  async up(knex: Knex) {
    await knex.schema.createTable('monitoring_cases', (t) => {
      t.string('process_instance_key', 20).primary();
      t.string('process_id', 200).notNullable();
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('started_at', 30).notNullable();
      t.string('opened_month', 7).notNullable();
      t.string('ended_at', 30).nullable();
      t.string('closed_month', 7).nullable();
      t.string('end_state', 20).nullable();
      t.bigInteger('duration_ms').nullable();
      t.index(['process_id', 'opened_month']);
      t.index(['process_id', 'closed_month']);
      t.index(['comune', 'opened_month']);
      t.index(['process_id', 'end_state', 'closed_month', 'duration_ms']);
    });
    // Opened and closed per procedure, Comune and month, counted as cases arrive: volumes read a few hundred rows.
    await knex.schema.createTable('monitoring_case_counts', (t) => {
      t.string('process_id', 200).notNullable();
      t.string('comune', 6).notNullable();
      t.string('month', 7).notNullable();
      t.integer('opened').notNullable().defaultTo(0);
      t.integer('closed').notNullable().defaultTo(0);
      t.primary(['process_id', 'comune', 'month']);
    });
    // One row per completed step, for the list of cases behind a figure and exact KPI counts.
    await knex.schema.createTable('monitoring_steps', (t) => {
      t.string('element_instance_key', 20).primary();
      t.string('process_instance_key', 20).notNullable();
      t.string('process_id', 200).notNullable();
      t.string('element_id', 200).notNullable();
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('month', 7).notNullable();
      t.bigInteger('duration_ms').notNullable();
      // covering the KPI count (durations within N days per month) and the Comune-scoped one
      t.index(['process_id', 'element_id', 'month', 'duration_ms']);
      t.index(['process_id', 'element_id', 'comune', 'month', 'duration_ms']);
      t.index(['process_instance_key']);
    });
    // Log-scale histogram of durations (element_id '' = the whole case): p50/p90 from a few rows.
    await knex.schema.createTable('monitoring_duration_buckets', (t) => {
      t.string('process_id', 200).notNullable();
      t.string('element_id', 200).notNullable();
      t.string('comune', 6).notNullable();
      t.string('month', 7).notNullable();
      t.integer('bucket').notNullable();
      t.integer('count').notNullable();
      t.primary(['process_id', 'element_id', 'comune', 'month', 'bucket']);
    });
    await knex.schema.createTable('monitoring_incidents', (t) => {
      t.string('incident_key', 20).primary();
      t.string('process_instance_key', 20).notNullable();
      t.string('process_id', 200).notNullable();
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('element_id', 200).notNullable().defaultTo('');
      t.string('error_type', 100).notNullable().defaultTo('');
      t.string('created_at', 30).notNullable();
      t.string('month', 7).notNullable();
      t.index(['process_id', 'month']);
      t.index(['process_instance_key']);
    });
    // Per procedure, Comune and month of opening: incidents, and cases that met at least one.
    await knex.schema.createTable('monitoring_incident_counts', (t) => {
      t.string('process_id', 200).notNullable();
      t.string('comune', 6).notNullable();
      t.string('month', 7).notNullable();
      t.integer('incidents').notNullable().defaultTo(0);
      t.integer('cases_with_incident').notNullable().defaultTo(0);
      t.primary(['process_id', 'comune', 'month']);
    });
    // deadline.met / deadline.missed entries of the audit trail, with the nature of the term.
    await knex.schema.createTable('monitoring_deadlines', (t) => {
      t.bigInteger('audit_seq').primary();
      t.string('process_instance_key', 20).notNullable();
      t.string('process_id', 200).notNullable().defaultTo('');
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('element_id', 200).notNullable().defaultTo('');
      t.string('variable', 200).notNullable();
      t.string('nature', 20).notNullable().defaultTo('');
      t.boolean('met').notNullable();
      t.string('due_at', 30).notNullable();
      t.string('month', 7).notNullable();
      t.string('legal_rule', 500).nullable();
      t.index(['process_id', 'month']);
      t.index(['comune', 'month']);
      // the list behind a figure, newest due date first
      t.index(['due_at']);
    });
    await knex.schema.createTable('monitoring_deadline_counts', (t) => {
      t.string('process_id', 200).notNullable();
      t.string('comune', 6).notNullable();
      t.string('element_id', 200).notNullable();
      t.string('nature', 20).notNullable();
      t.string('month', 7).notNullable();
      t.integer('met').notNullable().defaultTo(0);
      t.integer('missed').notNullable().defaultTo(0);
      t.primary(['process_id', 'comune', 'element_id', 'nature', 'month']);
    });
    // The user tasks waiting now, one row per candidate group: a snapshot the follower replaces.
    await knex.schema.createTable('monitoring_waiting_tasks', (t) => {
      t.string('user_task_key', 20).notNullable();
      t.string('candidate_group', 200).notNullable();
      t.string('process_instance_key', 20).notNullable();
      t.string('process_id', 200).notNullable().defaultTo('');
      t.string('element_id', 200).notNullable().defaultTo('');
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('created_at', 30).notNullable();
      t.primary(['user_task_key', 'candidate_group']);
      t.index(['candidate_group']);
    });
    // F9's outcome (variable oreFormazione of the training process): hours per employee and year.
    await knex.schema.createTable('monitoring_training', (t) => {
      t.string('process_instance_key', 20).notNullable();
      t.string('codice_fiscale', 16).notNullable();
      t.integer('anno').notNullable();
      t.string('comune', 6).notNullable().defaultTo('');
      t.string('nominativo', 200).notNullable().defaultTo('');
      t.double('ore').notNullable();
      t.double('obiettivo').notNullable();
      t.boolean('raggiunto').notNullable();
      t.integer('obbligatori_validi').notNullable();
      t.integer('obbligatori_totali').notNullable();
      t.primary(['process_instance_key', 'codice_fiscale']);
      t.index(['anno', 'comune']);
    });
  },
  async down(knex: Knex) {
    for (const table of ['monitoring_training', 'monitoring_waiting_tasks', 'monitoring_deadline_counts', 'monitoring_deadlines', 'monitoring_incident_counts', 'monitoring_case_counts', 'monitoring_incidents', 'monitoring_duration_buckets', 'monitoring_steps', 'monitoring_cases']) {
      await knex.schema.dropTable(table);
    }
  },
};
