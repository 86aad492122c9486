import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngineDatabase } from '../../../src/engine/state/database.js';
import { insertRecords } from '../../../src/engine/state/store.js';
import { parseExactJson } from '../../../src/engine/exactJson.js';
import { tempDir } from '../../support/engineHarness.js';

/** insertRecords writes a batch's records as one JSON text: every column as given, positions in order, values exact. */
describe('insertRecords', () => {
  it('stores each record with the next position, its actor when known, and its value with integers beyond 2^53 exact', async () => {
    // given
    const knex = await openEngineDatabase(path.join(tempDir('insert-records-'), 'engine.sqlite'));
    const big = 9007199254740993n;
    const records = [
      { key: 2251799813685249, timestamp: 1764700000000, record_type: 'EVENT' as const, value_type: 'VARIABLE', intent: 'CREATED', process_instance_key: 2251799813685250, element_id: null, value: { name: 'nota', value: '"virgolette \\" e à"', big } },
      { key: 2251799813685251, timestamp: 1764700000001, record_type: 'EVENT' as const, value_type: 'JOB', intent: 'COMPLETED', process_instance_key: null, element_id: 't0', value: { retries: 3 }, actor_id: 'operator', actor_type: 'CLIENT' },
    ];
    // when
    const next = await knex.transaction((trx) => insertRecords(trx, records, 41));
    const stored = (await knex('records').select('*').orderBy('position')) as Record<string, unknown>[];
    await knex.destroy();
    // then
    expect(next).toBe(43);
    expect(stored.map((r) => r.position)).toEqual([41, 42]);
    expect(stored[0]).toMatchObject({ key: 2251799813685249, timestamp: 1764700000000, record_type: 'EVENT', value_type: 'VARIABLE', intent: 'CREATED', process_instance_key: 2251799813685250, element_id: null, actor_id: null, actor_type: null });
    expect(stored[1]).toMatchObject({ key: 2251799813685251, value_type: 'JOB', intent: 'COMPLETED', process_instance_key: null, element_id: 't0', actor_id: 'operator', actor_type: 'CLIENT' });
    expect(parseExactJson(stored[0].value as string)).toEqual({ name: 'nota', value: '"virgolette \\" e à"', big });
    expect(typeof stored[1].value).toBe('string');
    expect(JSON.parse(stored[1].value as string)).toEqual({ retries: 3 });
  });
});
