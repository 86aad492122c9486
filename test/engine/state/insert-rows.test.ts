import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../../src/engine/state/store.js';
import { tempDir } from '../../support/engineHarness.js';

/** insertRows sends plain rows as one JSON text unpacked by SQLite, other rows as bound VALUES: both must store the same. */
describe('insertRows', () => {
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({ client: 'sqlite3', connection: { filename: path.join(tempDir('insert-rows-'), 'rows.sqlite') }, useNullAsDefault: true });
    for (const table of ['plain', 'mixed']) {
      await knex.schema.createTable(table, (t) => {
        t.bigInteger('key').primary();
        t.string('name');
        t.float('amount');
        t.boolean('flag');
        t.text('note');
        t.binary('blob');
      });
    }
  });
  afterAll(async () => {
    await knex.destroy();
  });

  const rows = [
    { key: 2 ** 53 - 1, name: 'Comune di Monza', amount: 12.5, flag: true, note: 'quote " and \\ backslash\nnewline, emoji 🏛️, accent è' },
    { key: 2251799813685249, name: '', amount: -0.001, flag: false, note: null },
    { key: 1, name: '42', amount: 3, flag: null, note: '{"json":"as text"}' },
  ];

  it('stores plain values alike through the JSON path and the VALUES path', async () => {
    // when: plain rows (JSON path) and the same rows with a Buffer column (VALUES path)
    await knex.transaction((trx) => insertRows(trx, 'plain', rows, false));
    await knex.transaction((trx) => insertRows(trx, 'mixed', rows.map((r) => ({ ...r, blob: Buffer.from([0, 255, 7]) })), false));
    // then
    const plain = await knex('plain').select('key', 'name', 'amount', 'flag', 'note', knex.raw('typeof(name) as name_type')).orderBy('key');
    const mixed = await knex('mixed').select('key', 'name', 'amount', 'flag', 'note', knex.raw('typeof(name) as name_type'), 'blob').orderBy('key');
    const expected = [...rows]
      .sort((a, b) => a.key - b.key)
      .map((r) => ({ ...r, flag: r.flag === null ? null : r.flag ? 1 : 0, name_type: 'text' }));
    expect(plain).toEqual(expected);
    expect(mixed.map(({ blob, ...rest }) => rest)).toEqual(expected);
    expect(mixed.every((r) => Buffer.compare(r.blob as Buffer, Buffer.from([0, 255, 7])) === 0)).toBe(true);
  });

  it('upserts by key through the JSON path, replacing the columns given', async () => {
    // given
    await knex.transaction((trx) => insertRows(trx, 'plain', [{ key: 7, name: 'before', amount: 1, flag: true, note: 'kept?' }], false));
    // when
    await knex.transaction((trx) => insertRows(trx, 'plain', [{ key: 7, name: 'after', amount: 2, flag: false, note: null }], true));
    // then
    expect(await knex('plain').where('key', 7).first()).toEqual({ key: 7, name: 'after', amount: 2, flag: 0, note: null, blob: null });
  });
});
