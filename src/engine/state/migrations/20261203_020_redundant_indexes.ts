import type { Knex } from 'knex';

/**
 * Drops four indexes that a wider index of 20261125_001 already serves (SQLite uses any index whose
 * leading columns are the ones searched): each cost a B-tree write per record and per element-instance
 * change, for no query. `records (process_instance_key)` ⊂ `records_instance_kind_idx`,
 * `records (value_type, intent)` ⊂ `records_kind_position_idx`, `element_instances (process_instance_key)` ⊂
 * `element_instances_instance_statistics_idx`, `element_instances (process_definition_key, element_id, state)` ⊂
 * `element_instances_statistics_idx`.
 */
const REDUNDANT: { table: string; columns: string[]; name: string }[] = [
  { table: 'records', columns: ['process_instance_key'], name: 'records_process_instance_key_index' },
  { table: 'records', columns: ['value_type', 'intent'], name: 'records_value_type_intent_index' },
  { table: 'element_instances', columns: ['process_instance_key'], name: 'element_instances_process_instance_key_index' },
  { table: 'element_instances', columns: ['process_definition_key', 'element_id', 'state'], name: 'element_instances_process_definition_key_element_id_state_index' },
];

export async function up(knex: Knex): Promise<void> {
  for (const index of REDUNDANT) await knex.raw(`drop index if exists "${index.name}"`);
}

export async function down(knex: Knex): Promise<void> {
  for (const index of REDUNDANT) await knex.schema.alterTable(index.table, (t) => t.index(index.columns, index.name));
}

export { REDUNDANT as redundantIndexes };
