import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * Monitoraggio (issue #19): the case number (idProcedimento, idConcorso, ...) beside each case, so the
 * list behind a figure links to the «Pratiche» case page. The aggregates are rebuilt from the engine
 * history on the next pass (the follower's origin cursor is removed): that fills the numbers and counts
 * the completed steps of running cases, which the aggregates kept before only once a case had ended.
 */
export const addMonitoringCaseNumbers: AppMigration = {
  name: '0021_add_monitoring_case_numbers',
  async up(knex: Knex) {
    await knex.schema.alterTable('monitoring_cases', (t) => {
      t.string('case_number', 100).nullable();
    });
    await knex('audit_follower_cursors').where({ name: 'monitoring-started' }).delete();
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('monitoring_cases', (t) => {
      t.dropColumn('case_number');
    });
  },
};
