import type { Knex } from 'knex';

/** The engine's state: definitions, runtime rows, scheduling indexes and the record log. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('key_state', (t) => {
    t.integer('id').primary();
    t.bigInteger('next_key').notNullable();
  });
  await knex.schema.createTable('process_definitions', (t) => {
    t.bigInteger('key').primary();
    t.string('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.string('version_tag');
    t.string('resource_name').notNullable();
    t.string('checksum').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.string('tenant_id').notNullable();
    t.text('xml').notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['bpmn_process_id', 'tenant_id', 'version']);
  });
  await knex.schema.createTable('forms', (t) => {
    t.bigInteger('key').primary();
    t.string('form_id').notNullable();
    t.integer('version').notNullable();
    t.string('version_tag');
    t.string('resource_name').notNullable();
    t.string('checksum').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.string('tenant_id').notNullable();
    t.text('schema').notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['form_id', 'tenant_id', 'version']);
  });
  await knex.schema.createTable('process_instances', (t) => {
    t.bigInteger('key').primary();
    t.string('bpmn_process_id').notNullable();
    t.bigInteger('process_definition_key').notNullable().index();
    t.integer('version').notNullable();
    t.string('state').notNullable();
    t.bigInteger('start_date').notNullable();
    t.bigInteger('end_date');
    t.bigInteger('parent_process_instance_key');
    t.bigInteger('parent_element_instance_key');
    t.string('tenant_id').notNullable();
    t.integer('incident_count').notNullable().defaultTo(0);
    t.index(['state']);
  });
  await knex.schema.createTable('element_instances', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('process_instance_key').notNullable().index();
    t.bigInteger('process_definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.string('element_id').notNullable();
    t.string('element_type').notNullable();
    t.bigInteger('flow_scope_key');
    t.string('state').notNullable();
    t.integer('active_children').notNullable();
    t.text('data').notNullable();
    t.bigInteger('start_date').notNullable();
    t.bigInteger('end_date');
    t.bigInteger('incident_key');
    t.string('tenant_id').notNullable();
    t.index(['flow_scope_key', 'state']);
    t.index(['process_definition_key', 'element_id', 'state']);
  });
  await knex.schema.createTable('variables', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('scope_key').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.string('name').notNullable();
    t.text('value').notNullable();
    t.string('tenant_id').notNullable();
    t.unique(['scope_key', 'name']);
  });
  await knex.schema.createTable('jobs', (t) => {
    t.bigInteger('key').primary();
    t.string('type').notNullable();
    t.string('kind').notNullable();
    t.string('state').notNullable();
    t.integer('retries').notNullable();
    t.string('worker').notNullable();
    t.bigInteger('deadline');
    t.bigInteger('recur_at');
    t.bigInteger('element_instance_key').notNullable().index();
    t.string('element_id').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.bigInteger('process_definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.integer('process_definition_version').notNullable();
    t.text('custom_headers').notNullable();
    t.text('error_message').notNullable();
    t.string('error_code').notNullable();
    t.string('tenant_id').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['type', 'state', 'key']);
    t.index(['state', 'deadline']);
    t.index(['state', 'recur_at']);
  });
  await knex.schema.createTable('incidents', (t) => {
    t.bigInteger('key').primary();
    t.string('error_type').notNullable();
    t.text('error_message').notNullable();
    t.bigInteger('element_instance_key').notNullable().index();
    t.string('element_id').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.bigInteger('process_definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.bigInteger('job_key').index();
    t.string('state').notNullable();
    t.bigInteger('created_at').notNullable();
    t.string('tenant_id').notNullable();
    t.index(['state']);
  });
  await knex.schema.createTable('messages', (t) => {
    t.bigInteger('key').primary();
    t.string('name').notNullable();
    t.string('correlation_key').notNullable();
    t.string('message_id').notNullable();
    t.bigInteger('time_to_live').notNullable();
    t.bigInteger('deadline').notNullable().index();
    t.text('variables').notNullable();
    t.string('tenant_id').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['name', 'correlation_key']);
  });
  await knex.schema.createTable('message_subscriptions', (t) => {
    t.bigInteger('key').primary();
    t.string('message_name').notNullable();
    t.string('correlation_key').notNullable();
    t.bigInteger('element_instance_key').notNullable().index();
    t.string('element_id').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.string('bpmn_process_id').notNullable();
    t.integer('interrupting').notNullable();
    t.string('tenant_id').notNullable();
    t.index(['message_name', 'correlation_key']);
  });
  await knex.schema.createTable('message_correlations', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('message_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.index(['message_key', 'bpmn_process_id']);
  });
  await knex.schema.createTable('message_start_subscriptions', (t) => {
    t.bigInteger('key').primary();
    t.string('message_name').notNullable().index();
    t.bigInteger('process_definition_key').notNullable().index();
    t.string('bpmn_process_id').notNullable();
    t.string('element_id').notNullable();
    t.string('tenant_id').notNullable();
  });
  await knex.schema.createTable('timers', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('due_date').notNullable().index();
    t.integer('repetitions').notNullable();
    t.string('interval');
    t.string('element_id').notNullable();
    t.bigInteger('element_instance_key').index();
    t.bigInteger('process_instance_key');
    t.bigInteger('process_definition_key').notNullable().index();
    t.string('bpmn_process_id').notNullable();
    t.string('tenant_id').notNullable();
  });
  await knex.schema.createTable('signal_subscriptions', (t) => {
    t.bigInteger('key').primary();
    t.string('signal_name').notNullable().index();
    t.string('element_id').notNullable();
    t.bigInteger('element_instance_key').index();
    t.bigInteger('process_instance_key');
    t.bigInteger('process_definition_key').notNullable().index();
    t.string('bpmn_process_id').notNullable();
    t.string('tenant_id').notNullable();
  });
  await knex.schema.createTable('user_tasks', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('element_instance_key').notNullable().index();
    t.string('element_id').notNullable();
    t.bigInteger('process_instance_key').notNullable().index();
    t.bigInteger('process_definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.integer('process_definition_version').notNullable();
    t.string('state').notNullable().index();
    t.string('assignee');
    t.text('candidate_groups').notNullable();
    t.text('candidate_users').notNullable();
    t.string('due_date');
    t.string('follow_up_date');
    t.integer('priority').notNullable();
    t.bigInteger('form_key');
    t.string('external_form_reference');
    t.text('custom_headers').notNullable();
    t.string('name');
    t.bigInteger('creation_date').notNullable();
    t.bigInteger('completion_date');
    t.string('tenant_id').notNullable();
  });
  await knex.schema.createTable('records', (t) => {
    t.bigInteger('position').primary();
    t.bigInteger('key').notNullable();
    t.bigInteger('timestamp').notNullable();
    t.string('record_type').notNullable();
    t.string('value_type').notNullable();
    t.string('intent').notNullable();
    t.bigInteger('process_instance_key').index();
    t.string('element_id');
    t.text('value').notNullable();
    t.index(['value_type', 'intent']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'records', 'user_tasks', 'signal_subscriptions', 'timers', 'message_start_subscriptions', 'message_correlations',
    'message_subscriptions', 'messages', 'incidents', 'jobs', 'variables', 'element_instances', 'process_instances',
    'forms', 'process_definitions', 'key_state',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
