import type { Knex } from 'knex';

/**
 * Retention (ENGINE_RETENTION): where each exporter (the app's audit follower) has exported up to, as Zeebe keeps
 * an exporter position and compacts nothing its exporters have not passed; and the indexes the sweep reads by
 * (ended instances by end date, a call hierarchy by parent).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exporter_positions', (t) => {
    t.string('exporter_id').primary();
    /** engine time (ms epoch): every instance that ended before it is in the exporter's store */
    t.bigInteger('exported_until').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.alterTable('process_instances', (t) => {
    t.index(['end_date'], 'process_instances_end_date_idx');
    t.index(['parent_process_instance_key'], 'process_instances_parent_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('process_instances', (t) => {
    t.dropIndex(['parent_process_instance_key'], 'process_instances_parent_idx');
    t.dropIndex(['end_date'], 'process_instances_end_date_idx');
  });
  await knex.schema.dropTableIfExists('exporter_positions');
}
