import type { Knex } from 'knex';

/**
 * The record log keyed by SQLite's own row id: `position` becomes an `integer primary key` (an alias of the
 * rowid) instead of a `bigint primary key`, which SQLite keeps as a separate unique index beside the table. Every
 * record appended wrote that index too; now the table's B-tree is the position order itself. The kind index
 * loses its explicit `position` column, which every index of a rowid table carries at its end anyway.
 * The table is rebuilt (SQLite cannot change a primary key in place): a copy in position order.
 */
const COLUMNS = ['position', 'key', 'timestamp', 'record_type', 'value_type', 'intent', 'process_instance_key', 'element_id', 'value', 'actor_id', 'actor_type'];
const list = COLUMNS.map((c) => `"${c}"`).join(', ');

async function rebuild(knex: Knex, positionType: 'integer primary key' | 'bigint', kindIndex: string): Promise<void> {
  await knex.raw(`create table "records_rebuilt" (
    "position" ${positionType},
    "key" bigint not null,
    "timestamp" bigint not null,
    "record_type" varchar(255) not null,
    "value_type" varchar(255) not null,
    "intent" varchar(255) not null,
    "process_instance_key" bigint,
    "element_id" varchar(255),
    "value" text not null,
    "actor_id" varchar(255),
    "actor_type" varchar(255)${positionType === 'bigint' ? ',\n    primary key ("position")' : ''}
  )`);
  await knex.raw(`insert into "records_rebuilt" (${list}) select ${list} from "records" order by "position"`);
  await knex.raw('drop table "records"');
  await knex.raw('alter table "records_rebuilt" rename to "records"');
  await knex.raw('create index "records_instance_kind_idx" on "records" ("process_instance_key", "value_type", "intent")');
  await knex.raw(`create index "records_kind_position_idx" on "records" (${kindIndex})`);
}

export async function up(knex: Knex): Promise<void> {
  await rebuild(knex, 'integer primary key', '"value_type", "intent"');
}

export async function down(knex: Knex): Promise<void> {
  await rebuild(knex, 'bigint', '"value_type", "intent", "position"');
}
