import type { Knex } from 'knex';

/** One schema change. `name` equals the file name without extension and sorts by creation order. */
export interface AppMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}
