import type { Knex } from 'knex';

/**
 * Element instances by end date, for the REST search `endDate: { $gte }` that the web app's open-work index reads
 * its changes with (steps that ended since its last pass). Partial: a running step (end date null) is not in it,
 * so an element's activation writes no entry and its completion one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists element_instances_end_date_idx on element_instances (end_date) where end_date is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists element_instances_end_date_idx');
}
