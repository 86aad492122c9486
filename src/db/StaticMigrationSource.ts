import type { Knex } from 'knex';
import { appMigrations, type AppMigration } from './migrations/index.js';

/**
 * Hands knex the migrations imported statically in `migrations/index.ts` instead of globbing a
 * folder: globbing breaks under tsx/vitest (it finds `.ts` files knex cannot import by itself) and
 * in bundles. Order is the order of the sortable names, checked so a misplaced entry fails loudly.
 */
export class StaticMigrationSource implements Knex.MigrationSource<AppMigration> {
  constructor(private readonly migrations: readonly AppMigration[] = appMigrations) {
    const names = migrations.map((m) => m.name);
    const sorted = [...names].sort();
    if (names.some((name, i) => name !== sorted[i]) || new Set(names).size !== names.length) {
      throw new Error(`app migrations must have unique names listed in sorted order: ${names.join(', ')}`);
    }
  }

  async getMigrations(): Promise<AppMigration[]> {
    return [...this.migrations];
  }

  getMigrationName(migration: AppMigration): string {
    return migration.name;
  }

  async getMigration(migration: AppMigration): Promise<Knex.Migration> {
    return { up: migration.up, down: migration.down };
  }
}
