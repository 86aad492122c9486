import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Camunda 8.9's topology names the cluster (`clusterId`): an id made once, when the cluster's storage is
 * first initialised, and kept for its lifetime. Here it is made when the engine's database is created.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cluster_identity', (t) => {
    t.string('cluster_id').primary();
  });
  await knex('cluster_identity').insert({ cluster_id: randomUUID() });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('cluster_identity');
}
