import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

export const createTaskMailNotices: AppMigration = {
  name: '0011_create_task_mail_notices',
  async up(knex: Knex) {
    // One row per (task, user) e-mailed about a new task: the primary key is what keeps a restarted
    // server, or two polls racing, from mailing the same person twice.
    await knex.schema.createTable('task_mail_notices', (t) => {
      t.string('user_task_key', 30).notNullable();
      t.string('user_id', 36).notNullable().references('id').inTable('users').onDelete('CASCADE');
      t.string('state', 10).notNullable(); // 'sending' while the mail goes out, then 'sent'
      t.string('message_id', 200);
      t.string('created_at', 30).notNullable();
      t.primary(['user_task_key', 'user_id']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('task_mail_notices');
  },
};
