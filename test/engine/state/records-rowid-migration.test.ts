import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

type Knex = Awaited<ReturnType<typeof openEngineDatabase>>;
const MIGRATION = '20261203_050_records_rowid';
const indexNames = async (knex: Knex): Promise<string[]> =>
  ((await knex.raw(`select name from sqlite_master where type = 'index' and tbl_name = 'records' order by name`)) as { name: string }[]).map((r) => r.name);
const positionColumn = async (knex: Knex) => ((await knex.raw(`pragma table_info('records')`)) as { name: string; type: string; pk: number }[]).find((c) => c.name === 'position');
const plan = async (knex: Knex, sql: string): Promise<string> => ((await knex.raw(`explain query plan ${sql}`)) as { detail: string }[]).map((r) => r.detail).join();

/** Migration 20261203_050: the record log keyed by SQLite's row id, every record kept, the searches still on an index. */
describe('records rowid migration', () => {
  it('rebuilds the record log with position as the row id, keeping every record, and goes back down', async () => {
    // given: a record log in the layout before the migration, with records in it
    const knex = await openEngineDatabase(path.join(tempDir('records-rowid-'), 'engine.sqlite'));
    await knex.migrate.down({ migrationSource: engineMigrationSource, name: MIGRATION });
    expect(await indexNames(knex)).toContain('sqlite_autoindex_records_1');
    const rows = [3, 1, 2].map((position) => ({ position, key: 2251799813685248 + position, timestamp: 1764700000000 + position, record_type: 'EVENT', value_type: position === 2 ? 'JOB' : 'PROCESS_INSTANCE', intent: 'CREATED', process_instance_key: 2251799813685249, element_id: position === 1 ? null : `e${position}`, value: `{"n":${position}}`, actor_id: position === 3 ? "o'neil" : null, actor_type: position === 3 ? 'CLIENT' : null }));
    await knex('records').insert(rows);
    // when
    await knex.migrate.up({ migrationSource: engineMigrationSource, name: MIGRATION });
    const after = await knex('records').orderBy('position');
    const column = await positionColumn(knex);
    const indexes = await indexNames(knex);
    const byInstance = await plan(knex, 'select * from records where process_instance_key = 1');
    const byKind = await plan(knex, `select * from records where value_type = 'JOB' and intent = 'CREATED' order by position`);
    // a new record without a stated position cannot happen, but one with the next position goes in
    await knex('records').insert({ ...rows[0], position: 4 });
    await knex.migrate.down({ migrationSource: engineMigrationSource, name: MIGRATION });
    const down = await knex('records').orderBy('position');
    const indexesDown = await indexNames(knex);
    await knex.destroy();
    // then
    expect(after).toEqual([...rows].sort((a, b) => a.position - b.position));
    expect(column).toMatchObject({ type: 'INTEGER', pk: 1 });
    expect(indexes).toEqual(['records_instance_kind_idx', 'records_kind_position_idx']);
    expect(byInstance).toContain('USING INDEX records_instance_kind_idx');
    expect(byKind).toContain('USING INDEX records_kind_position_idx');
    expect(byKind).not.toContain('TEMP B-TREE');
    expect(down.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(indexesDown).toEqual(['records_instance_kind_idx', 'records_kind_position_idx', 'sqlite_autoindex_records_1']);
  });
});
