import type { Knex } from 'knex';

/**
 * Zeebe starts at most one instance per process and message correlation key at a time from a
 * message start event; this table holds the key of each running instance started that way.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('message_start_locks', (t) => {
    t.bigInteger('key').primary();
    t.string('bpmn_process_id').notNullable();
    t.string('correlation_key').notNullable();
    t.string('message_name').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.string('tenant_id').notNullable();
    t.index(['bpmn_process_id', 'correlation_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('message_start_locks');
}
