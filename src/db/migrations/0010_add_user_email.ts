import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const addUserEmail: AppMigration = {
  name: '0010_add_user_email',
  async up(knex: Knex) {
    // An optional address for new-task e-mails, which the user opts in to; `task_mail_since` is when
    // they did, so opting in does not mail every task already waiting.
    await knex.schema.alterTable('users', (t) => {
      t.string('email', 254);
      t.boolean('notify_tasks').notNullable().defaultTo(false);
      t.string('task_mail_since', 30);
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('users', (t) => {
      t.dropColumn('task_mail_since');
      t.dropColumn('notify_tasks');
      t.dropColumn('email');
    });
  },
};
