import type { Knex } from 'knex';

/**
 * DeleteResource (Zeebe 8.9, ResourceDeletionDeleteProcessor): a deleted process definition takes no new
 * instances at once, but one with running instances is kept until they end ("draining"); its row stays
 * afterwards for the history of its instances. Null: deployed and usable.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('process_definitions', (t) => {
    t.string('deletion_state');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('process_definitions', (t) => {
    t.dropColumn('deletion_state');
  });
}
