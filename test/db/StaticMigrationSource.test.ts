import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appMigrations, StaticMigrationSource, type AppMigration } from '../../src/db/index.js';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../src/db/migrations');

const noop = async () => {};
const migration = (name: string): AppMigration => ({ name, up: noop, down: noop });

describe('StaticMigrationSource', () => {
  it('lists every migration file, named after its file, in file-name order', async () => {
    // given: the one-migration-per-file folder
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();

    // then: none was forgotten in migrations/index.ts
    expect(appMigrations.map((m) => `${m.name}.ts`)).toEqual(files);
    const source = new StaticMigrationSource();
    expect((await source.getMigrations()).map((m) => source.getMigrationName(m))).toEqual(files.map((f) => f.replace(/\.ts$/, '')));
  });

  it('refuses migrations listed out of order or twice', () => {
    expect(() => new StaticMigrationSource([migration('0002_b'), migration('0001_a')])).toThrow(/sorted order/);
    expect(() => new StaticMigrationSource([migration('0001_a'), migration('0001_a')])).toThrow(/unique/);
  });
});
