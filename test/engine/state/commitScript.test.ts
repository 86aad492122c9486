import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteStatements, recordStatements, runScript, scriptable, upsertStatements } from '../../../src/engine/state/commitScript.js';
import { openEngineDatabase } from '../../../src/engine/state/database.js';
import { parseExactJson } from '../../../src/engine/exactJson.js';
import { tempDir } from '../../support/engineHarness.js';

/** A batch's commit as one script: values arrive as given (quotes, NUL, emoji, large keys), and a failure leaves nothing. */
describe('commit script', () => {
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({ client: 'sqlite3', connection: { filename: path.join(tempDir('commit-script-'), 'rows.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    await knex.schema.createTable('plain', (t) => {
      t.bigInteger('key').primary();
      t.string('name');
      t.float('amount');
      t.boolean('flag');
      t.text('note').notNullable();
    });
  });
  afterAll(async () => {
    await knex.destroy();
  });

  const rows = [
    { key: 2 ** 53 - 1, name: "Comune d'Ossola", amount: 12.5, flag: true, note: "quote ' '' \" and \\ backslash\nnewline, emoji 🏛️, accent è" },
    { key: 2251799813685249, name: '', amount: -0.001, flag: false, note: 'nul \u0000 inside; -- not a comment; COMMIT;' },
    { key: 1, name: '42', amount: 3, flag: null, note: '{"json":"as text"}' },
  ];

  it('stores every value as given and reports the opened transaction before it is written', async () => {
    // when
    let opened = false;
    await runScript(knex, upsertStatements('plain', rows), () => (opened = true));
    // then
    const stored = await knex('plain').select('key', 'name', 'amount', 'flag', 'note', knex.raw('typeof(name) as name_type')).orderBy('key');
    const expected = [...rows].sort((a, b) => a.key - b.key).map((r) => ({ ...r, flag: r.flag === null ? null : r.flag ? 1 : 0, name_type: 'text' }));
    expect(stored).toEqual(expected);
    expect(opened).toBe(true);
  });

  it('upserts by key and deletes by key in one transaction', async () => {
    // when
    await runScript(knex, [...upsertStatements('plain', [{ key: 1, name: "l'altro", amount: 4, flag: false, note: 'after' }]), ...deleteStatements('plain', [2251799813685249])], () => undefined);
    // then
    expect(await knex('plain').where('key', 1).first()).toEqual({ key: 1, name: "l'altro", amount: 4, flag: 0, note: 'after' });
    expect(await knex('plain').where('key', 2251799813685249).first()).toBeUndefined();
  });

  it('leaves nothing of a script whose statement fails, names SQLite\'s error, and the connection goes on', async () => {
    // given: the second statement breaks the NOT NULL constraint
    const before = await knex('plain').orderBy('key');
    const statements = [...upsertStatements('plain', [{ key: 99, name: 'first', amount: 1, flag: true, note: 'x' }]), ...upsertStatements('plain', [{ key: 100, name: 'second', note: null }])];
    // when / then
    await expect(runScript(knex, statements, () => undefined)).rejects.toThrow(/SQLITE_CONSTRAINT: NOT NULL constraint failed: plain\.note/);
    expect(await knex('plain').orderBy('key')).toEqual(before);
    await runScript(knex, upsertStatements('plain', [{ key: 101, name: 'later', amount: 0, flag: true, note: 'ok' }]), () => undefined);
    expect(await knex('plain').where('key', 101).first()).toMatchObject({ name: 'later' });
  });

  it('refuses rows that a JSON text cannot carry, and keys that are not integers', () => {
    expect(scriptable([{ key: 1, name: 'a' }])).toBe(true);
    expect(scriptable([{ key: 1, blob: Buffer.from([0]) }])).toBe(false);
    expect(() => deleteStatements('plain', [1.5])).toThrow(/key 1.5: not an integer/);
  });

  it('appends records from the next position with their actor and their value exact beyond 2^53', async () => {
    // given
    const engineDb = await openEngineDatabase(path.join(tempDir('commit-records-'), 'engine.sqlite'));
    const big = 9007199254740993n;
    const records = [
      { key: 2251799813685249, timestamp: 1764700000000, record_type: 'EVENT' as const, value_type: 'VARIABLE', intent: 'CREATED', process_instance_key: 2251799813685250, element_id: null, value: { name: 'nota', value: "\"l'apostrofo \\\" e à\"", big } },
      { key: 2251799813685251, timestamp: 1764700000001, record_type: 'EVENT' as const, value_type: 'JOB', intent: 'COMPLETED', process_instance_key: null, element_id: 't0', value: { retries: 3 }, actor_id: "o'neil", actor_type: 'CLIENT' },
    ];
    // when
    const { statements, next } = recordStatements(records, 41);
    await runScript(engineDb, statements, () => undefined);
    const stored = (await engineDb('records').select('*').orderBy('position')) as Record<string, unknown>[];
    await engineDb.destroy();
    // then
    expect(next).toBe(43);
    expect(stored.map((r) => r.position)).toEqual([41, 42]);
    expect(stored[0]).toMatchObject({ key: 2251799813685249, timestamp: 1764700000000, record_type: 'EVENT', value_type: 'VARIABLE', intent: 'CREATED', process_instance_key: 2251799813685250, element_id: null, actor_id: null, actor_type: null });
    expect(stored[1]).toMatchObject({ key: 2251799813685251, value_type: 'JOB', intent: 'COMPLETED', process_instance_key: null, element_id: 't0', actor_id: "o'neil", actor_type: 'CLIENT' });
    expect(parseExactJson(stored[0].value as string)).toEqual({ name: 'nota', value: "\"l'apostrofo \\\" e à\"", big });
    expect(JSON.parse(stored[1].value as string)).toEqual({ retries: 3 });
  });
});
