import type { Knex } from 'knex';

/**
 * What the REST v2 queries need: the actor of each record (audit log), and indexes so searches and
 * statistics stay fast with hundreds of thousands of element instances and records.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('records', (t) => {
    t.string('actor_id');
    t.string('actor_type');
  });
  await knex.schema.alterTable('records', (t) => {
    t.index(['process_instance_key', 'value_type', 'intent'], 'records_instance_kind_idx');
    t.index(['value_type', 'intent', 'position'], 'records_kind_position_idx');
  });
  await knex.schema.alterTable('element_instances', (t) => {
    t.index(['process_definition_key', 'element_id', 'state', 'incident_key'], 'element_instances_statistics_idx');
    t.index(['process_instance_key', 'element_id', 'state', 'incident_key'], 'element_instances_instance_statistics_idx');
    t.index(['start_date'], 'element_instances_start_date_idx');
  });
  await knex.schema.alterTable('process_instances', (t) => {
    t.index(['bpmn_process_id', 'state'], 'process_instances_process_state_idx');
    t.index(['start_date'], 'process_instances_start_date_idx');
  });
  await knex.schema.alterTable('user_tasks', (t) => {
    t.index(['assignee', 'state'], 'user_tasks_assignee_state_idx');
    t.index(['creation_date'], 'user_tasks_creation_date_idx');
  });
  await knex.schema.alterTable('variables', (t) => {
    t.index(['name'], 'variables_name_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('variables', (t) => t.dropIndex(['name'], 'variables_name_idx'));
  await knex.schema.alterTable('user_tasks', (t) => {
    t.dropIndex(['creation_date'], 'user_tasks_creation_date_idx');
    t.dropIndex(['assignee', 'state'], 'user_tasks_assignee_state_idx');
  });
  await knex.schema.alterTable('process_instances', (t) => {
    t.dropIndex(['start_date'], 'process_instances_start_date_idx');
    t.dropIndex(['bpmn_process_id', 'state'], 'process_instances_process_state_idx');
  });
  await knex.schema.alterTable('element_instances', (t) => {
    t.dropIndex(['start_date'], 'element_instances_start_date_idx');
    t.dropIndex(['process_instance_key', 'element_id', 'state', 'incident_key'], 'element_instances_instance_statistics_idx');
    t.dropIndex(['process_definition_key', 'element_id', 'state', 'incident_key'], 'element_instances_statistics_idx');
  });
  await knex.schema.alterTable('records', (t) => {
    t.dropIndex(['value_type', 'intent', 'position'], 'records_kind_position_idx');
    t.dropIndex(['process_instance_key', 'value_type', 'intent'], 'records_instance_kind_idx');
  });
  await knex.schema.alterTable('records', (t) => {
    t.dropColumn('actor_type');
    t.dropColumn('actor_id');
  });
}
