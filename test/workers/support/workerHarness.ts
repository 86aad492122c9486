import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { openAppDatabase, type AppDatabase } from '../../../src/db/openAppDatabase.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { startWorkers, type RunningWorkers } from '../../../workers/index.js';
import { startHarness, waitFor, type Harness } from '../../support/engineHarness.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives; addresses matching `reject` get 550. */
export async function startSmtp(reject: RegExp = /^rifiuta/i): Promise<{ port: number; mails: ReceivedMail[]; stop(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.test(address.address)) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subjectLine = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeSubject(subjectLine.replace(/\r?\n[ \t]/g, ' ')),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function decodeSubject(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

export interface WorkerHarness {
  h: Harness;
  db: AppDatabase;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  workers: RunningWorkers;
  pin(iso: string): void;
  now(): number;
  /** Waits for an open user task with this element id and completes it with the given variables. */
  completeTask(elementId: string, variables?: Record<string, unknown>, processInstanceKey?: string): Promise<void>;
  openTasks(elementId: string): Promise<{ key: string; process_instance_key: string }[]>;
  publish(name: string, correlationKey: string, variables?: Record<string, unknown>): Promise<void>;
  /** Latest value of a variable in an instance (any scope of it). */
  variable<T = unknown>(processInstanceKey: string, name: string): Promise<T | undefined>;
  waitForElement(processInstanceKey: string | undefined, elementId: string, intent?: string): Promise<void>;
  waitForCompletion(processInstanceKey: string): Promise<void>;
  incidents(processInstanceKey?: string): Promise<{ key: string; error_message: string; job_key: string | null; state: string; element_id: string }[]>;
  mailsWith(text: string): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startWorkerHarness(): Promise<WorkerHarness> {
  const h = await startHarness();
  await h.embedded.deployFolder(path.resolve('processes'));
  const db = await openAppDatabase({ dataDir: h.dataDir, log: () => undefined });
  await seedComuni(db.knex);
  const smtp = await startSmtp();
  const engine = h.embedded.engine;
  const workers = startWorkers({
    zeebe: h.zeebe, db, dataDir: h.dataDir,
    smtp: { host: '127.0.0.1', port: smtp.port },
    now: () => new Date(engine.clock.now()),
    timeoutMs: 10_000,
  });
  const knex = engine.knex;
  const self: WorkerHarness = {
    h, db, smtp, workers,
    pin: (iso) => engine.clock.pin(Date.parse(iso)),
    now: () => engine.clock.now(),
    async openTasks(elementId) {
      return (await knex('user_tasks').where({ element_id: elementId, state: 'CREATED' }).orderBy('key')) as { key: string; process_instance_key: string }[];
    },
    async completeTask(elementId, variables = {}, processInstanceKey) {
      const task = await waitFor(async () => (await self.openTasks(elementId)).find((t) => !processInstanceKey || String(t.process_instance_key) === processInstanceKey), 15_000, `user task ${elementId}`);
      await engine.execute({ type: 'userTask', action: 'complete', userTaskKey: task.key, variables } as never);
    },
    async publish(name, correlationKey, variables = {}) {
      await h.zeebe.publishMessage({ name, correlationKey, variables, timeToLive: 60_000 } as never);
    },
    async variable<T>(pik: string, name: string) {
      const rows = (await knex('variables').where({ process_instance_key: pik, name }).orderBy('key', 'desc')) as { value: unknown }[];
      if (rows.length === 0) return undefined;
      const v = rows[0].value;
      return (typeof v === 'string' ? JSON.parse(v) : v) as T;
    },
    async waitForElement(pik, elementId, intent = 'ELEMENT_COMPLETED') {
      await waitFor(async () => {
        const q = knex('records').where({ element_id: elementId, intent, value_type: 'PROCESS_INSTANCE' });
        if (pik) q.andWhere('process_instance_key', Number(pik));
        return (await q.first()) !== undefined;
      }, 15_000, `${elementId} ${intent}`);
    },
    async waitForCompletion(pik) {
      await waitFor(async () => (await knex('records').where({ process_instance_key: Number(pik), key: Number(pik), intent: 'ELEMENT_COMPLETED', value_type: 'PROCESS_INSTANCE' }).first()) !== undefined, 20_000, `instance ${pik} completed`);
    },
    async incidents(pik) {
      const q = knex('incidents').where({ state: 'ACTIVE' });
      if (pik) q.andWhere('process_instance_key', pik);
      return (await q) as never;
    },
    mailsWith: (text) => smtp.mails.filter((m) => m.subject.includes(text)),
    async stop() {
      await workers.close();
      await h.stop();
      await db.close();
      await smtp.stop();
    },
  };
  return self;
}
