import type { Knex } from 'knex';

/**
 * DMN (Zeebe's decision requirements, decisions and decision evaluations): a deployed .dmn is one
 * decision requirements graph (DRG), versioned per DRG id, holding decisions versioned per decision id.
 * Each evaluation (EvaluateDecision or a business rule task) keeps one row per evaluated decision, the
 * way Operate lists decision instances.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_requirements', (t) => {
    t.bigInteger('key').primary();
    t.string('decision_requirements_id').notNullable();
    t.string('name').notNullable();
    t.integer('version').notNullable();
    t.string('resource_name').notNullable();
    t.string('checksum').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.string('tenant_id').notNullable();
    t.text('xml').notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['decision_requirements_id', 'tenant_id', 'version']);
  });
  await knex.schema.createTable('decisions', (t) => {
    t.bigInteger('key').primary();
    t.string('decision_id').notNullable();
    t.string('name').notNullable();
    t.integer('version').notNullable();
    t.bigInteger('decision_requirements_key').notNullable();
    t.string('decision_requirements_id').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.string('tenant_id').notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['decision_id', 'tenant_id', 'version']);
  });
  await knex.schema.createTable('decision_instances', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('evaluation_key').notNullable();
    /** 1-based position among the decisions of its evaluation (`<evaluationKey>-<index>`). */
    t.integer('evaluation_index').notNullable();
    t.bigInteger('decision_key').notNullable();
    t.string('decision_id').notNullable();
    t.string('decision_name').notNullable();
    t.integer('decision_version').notNullable();
    t.string('decision_type').notNullable();
    t.bigInteger('root_decision_key').notNullable();
    t.bigInteger('decision_requirements_key').notNullable();
    t.string('state').notNullable();
    t.text('failure');
    t.text('result').notNullable();
    t.text('evaluated_inputs').notNullable();
    t.text('matched_rules').notNullable();
    t.bigInteger('evaluation_date').notNullable();
    t.bigInteger('process_instance_key');
    t.bigInteger('process_definition_key');
    t.bigInteger('element_instance_key');
    t.string('tenant_id').notNullable();
    t.index(['evaluation_key']);
    t.index(['process_instance_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['decision_instances', 'decisions', 'decision_requirements']) await knex.schema.dropTableIfExists(table);
}
