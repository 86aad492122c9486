import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createSignInLimits: AppMigration = {
  name: '0013_create_sign_in_limits',
  async up(knex: Knex) {
    // The store of rate-limiter-flexible's RateLimiterSQLite / RateLimiterPostgres (web/server/auth/SignInThrottle.ts),
    // in the shape both create for themselves (key, points, expire in epoch ms), made here so the schema stays
    // the migrations' business: failed sign-ins counted per account and per client address, one row per key.
    await knex.schema.createTable('sign_in_limits', (t) => {
      t.string('key', 255).primary();
      t.integer('points').notNullable().defaultTo(0);
      t.bigInteger('expire');
      t.index(['expire']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('sign_in_limits');
  },
};
