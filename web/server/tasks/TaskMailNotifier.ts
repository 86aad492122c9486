import type { Knex } from 'knex';
import { isUniqueViolation, type AppUser, type UserStore } from '../../../src/db/index.js';
import type { DeliveryReport, OutgoingMail } from '../../../workers/shared/Mailer.js';
import { accessOf, type UserAccess } from '../auth/roles.js';
import type { TaskAccess } from './TaskAccess.js';
import type { TaskClient, UserTaskSummary } from './TaskClient.js';

/** What sends the mail: the workers' nodemailer Mailer on the SMTP settings of src/config.ts. */
export interface TaskMailSender {
  send(mail: OutgoingMail): Promise<DeliveryReport>;
}

export interface TaskMailNotifierOptions {
  /** the sender (MAIL_FROM) */
  from: string;
  /** the web app's address, for the link to the task, e.g. http://127.0.0.1:3000/ */
  appUrl?: string;
  /** how often the engine is asked for new tasks; default 10 s */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Issue #7, item 4: one e-mail per new task per user who opted in and is a candidate through one of
 * their groups. The `task_mail_notices` row is claimed before sending, so a restarted server or an
 * overlapping poll never mails the same person about the same task twice; a send that fails releases
 * the claim for the next poll. (A crash between claim and send loses that one mail: at most once.)
 */
export class TaskMailNotifier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly tasks: TaskClient,
    private readonly users: UserStore,
    private readonly knex: Knex,
    private readonly sender: TaskMailSender,
    private readonly access: Pick<TaskAccess, 'canSee'>,
    private readonly options: TaskMailNotifierOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.poll().catch((error: unknown) => (this.options.onError ?? ((e) => console.error('[task-mail]', e)))(error));
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 10_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass: mails what is due and returns how many mails went out. Passes never overlap. */
  poll(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const recipients = (await this.users.listTaskMailRecipients())
      .map((user) => ({ user, access: accessOf(user) }))
      .filter((r) => r.access.groups.length > 0 && r.user.taskMailSince);
    if (recipients.length === 0) return 0;
    const since = recipients.map((r) => r.user.taskMailSince!).sort()[0];
    const groups = [...new Set(recipients.flatMap((r) => r.access.groups))];
    const found = await this.tasks.searchTasks({ state: 'CREATED', candidateGroups: groups, createdAfter: since });
    let sent = 0;
    const failures: unknown[] = [];
    for (const task of found) {
      for (const { user, access } of recipients) {
        if (!this.concerns(task, user, access)) continue;
        // One refused address must not hold back everyone else's mail: go on, report at the end.
        try {
          if (await this.mail(task, user, access)) sent++;
        } catch (error) {
          failures.push(error);
        }
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} new-task e-mail(s) not sent (${sent} sent); retried on the next poll`);
    return sent;
  }

  private concerns(task: UserTaskSummary, user: AppUser, access: UserAccess): boolean {
    if (!task.candidateGroups.some((g) => access.groups.includes(g))) return false;
    // Tasks already waiting when the user opted in are not news.
    return !task.creationDate || Date.parse(task.creationDate) >= Date.parse(user.taskMailSince!);
  }

  private async mail(task: UserTaskSummary, user: AppUser, access: UserAccess): Promise<boolean> {
    const key = { user_task_key: task.userTaskKey, user_id: user.id };
    if (await this.knex('task_mail_notices').where(key).first()) return false;
    // A group names the Comune, but the case decides: mail only what the task list would show them.
    if (!(await this.access.canSee(access, task))) return false;
    try {
      await this.knex('task_mail_notices').insert({ ...key, state: 'sending', message_id: null, created_at: new Date().toISOString() });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    try {
      const report = await this.sender.send(this.compose(task, user));
      await this.knex('task_mail_notices').where(key).update({ state: 'sent', message_id: report.messageId.slice(0, 200) });
      return true;
    } catch (error) {
      await this.knex('task_mail_notices').where(key).delete();
      throw error;
    }
  }

  private compose(task: UserTaskSummary, user: AppUser): OutgoingMail {
    const link = this.options.appUrl ? `${this.options.appUrl.replace(/\/?$/, '/')}#/tasks/${task.userTaskKey}` : undefined;
    const due = task.dueDate ? `\nScadenza: ${dueText(task.dueDate)}` : '';
    return {
      from: this.options.from,
      to: [user.email!],
      subject: `Nuova attività: ${task.name}`,
      text: [
        `Gentile ${user.displayName},`,
        '',
        `è disponibile una nuova attività per il tuo gruppo (${task.candidateGroups.join(', ')}):`,
        `${task.name} – ${task.processName ?? task.processDefinitionId}${due}`,
        ...(link ? ['', `Apri l’attività: ${link}`] : []),
        '',
        'Ricevi questo messaggio perché hai chiesto gli avvisi per e-mail nel tuo profilo.',
      ].join('\n'),
      messageId: `<task-${task.userTaskKey}-${user.id}@province-comuni-hr>`,
    };
  }
}

/**
 * A task's due date as the mail states it. A legal term is stored as the instant its last day is over
 * (midnight in Rome, when the timer fires): that reads "entro il 25/03/2027", the last useful day the task
 * page shows, not "26/03/27, 00:00". Any other instant is given with its time.
 */
export function dueText(dueDate: string): string {
  const at = new Date(dueDate);
  if (!Number.isFinite(at.getTime())) return dueDate;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  if (parts.hour === '00' && parts.minute === '00') {
    const dayBefore = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) - 1));
    const dd = (n: number) => String(n).padStart(2, '0');
    return `entro il ${dd(dayBefore.getUTCDate())}/${dd(dayBefore.getUTCMonth() + 1)}/${dayBefore.getUTCFullYear()}`;
  }
  return `${parts.day}/${parts.month}/${parts.year} alle ore ${parts.hour}:${parts.minute}`;
}
