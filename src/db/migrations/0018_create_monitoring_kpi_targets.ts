import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * KPI targets a Provincia manager sets (issue #19): "step X of procedure P (or the whole case) ends
 * within N days in at least Q% of cases".
 */
export const createMonitoringKpiTargets: AppMigration = {
  name: '0018_create_monitoring_kpi_targets',
  async up(knex: Knex) {
    await knex.schema.createTable('monitoring_kpi_targets', (t) => {
      t.increments('id').primary();
      t.string('name', 200).notNullable();
      t.string('process_id', 200).notNullable();
      t.string('element_id', 200).notNullable().defaultTo('');
      t.integer('max_days').notNullable();
      t.integer('target_percent').notNullable();
      t.string('created_by', 100).notNullable();
      t.string('created_at', 30).notNullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('monitoring_kpi_targets');
  },
};
