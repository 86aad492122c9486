import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

type IndexRow = { name: string };
type PlanRow = { detail: string };

const indexNames = async (knex: Awaited<ReturnType<typeof openEngineDatabase>>, table: string): Promise<string[]> =>
  ((await knex.raw(`select name from sqlite_master where type = 'index' and tbl_name = ?`, [table])) as IndexRow[]).map((r) => r.name);

/** Migration 20261203_020: indexes covered by a wider one are gone, and the searches they served use the wider one. */
describe('redundant indexes migration', () => {
  it('drops the four covered indexes, keeps the searches on an index, and restores them going down', async () => {
    // given
    const file = path.join(tempDir('redundant-indexes-'), 'engine.sqlite');
    const knex = await openEngineDatabase(file);
    // when
    const records = await indexNames(knex, 'records');
    const elements = await indexNames(knex, 'element_instances');
    const byInstance = (await knex.raw('explain query plan select * from records where process_instance_key = 1')) as PlanRow[];
    const byKind = (await knex.raw(`explain query plan select * from records where value_type = 'JOB' and intent = 'CREATED'`)) as PlanRow[];
    const elementsOfInstance = (await knex.raw('explain query plan select * from element_instances where process_instance_key = 1')) as PlanRow[];
    const elementsOfDefinition = (await knex.raw(`explain query plan select * from element_instances where process_definition_key = 1 and element_id = 'a' and state = 'ACTIVATED'`)) as PlanRow[];
    await knex.migrate.down({ migrationSource: engineMigrationSource, name: '20261203_020_redundant_indexes' });
    const recordsAfterDown = await indexNames(knex, 'records');
    const elementsAfterDown = await indexNames(knex, 'element_instances');
    await knex.destroy();
    // then
    expect(records).not.toContain('records_process_instance_key_index');
    expect(records).not.toContain('records_value_type_intent_index');
    expect(elements).not.toContain('element_instances_process_instance_key_index');
    expect(elements).not.toContain('element_instances_process_definition_key_element_id_state_index');
    expect(byInstance.map((r) => r.detail).join()).toContain('USING INDEX records_instance_kind_idx');
    expect(byKind.map((r) => r.detail).join()).toContain('USING INDEX records_kind_position_idx');
    expect(elementsOfInstance.map((r) => r.detail).join()).toContain('USING INDEX element_instances_instance_statistics_idx');
    expect(elementsOfDefinition.map((r) => r.detail).join()).toContain('USING INDEX element_instances_statistics_idx');
    expect(recordsAfterDown).toEqual(expect.arrayContaining(['records_process_instance_key_index', 'records_value_type_intent_index']));
    expect(elementsAfterDown).toEqual(expect.arrayContaining(['element_instances_process_instance_key_index', 'element_instances_process_definition_key_element_id_state_index']));
  });
});
