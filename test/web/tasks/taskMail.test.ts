import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, UserStore, type AppDatabase } from '../../../src/db/index.js';
import { TaskAccess } from '../../../web/server/tasks/TaskAccess.js';
import { dueText, TaskMailNotifier } from '../../../web/server/tasks/TaskMailNotifier.js';
import { Mailer } from '../../../workers/shared/Mailer.js';
import { startSmtp } from '../../workers/support/workerHarness.js';
import { WebClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { disciplinareE2eProcess, E2E_PROCESS_ID } from './support/disciplinareE2eProcess.js';
import { deployFiles, formFile, startTaskStack, type TaskStack } from './support/taskStack.js';

let stack: TaskStack;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
const FROM = 'protocollo@pec.provincia.mb.it';

/** A notifier as startWebServer builds it, over the given app database (a second one is a restarted server). */
function notifierOn(db: AppDatabase): TaskMailNotifier {
  return new TaskMailNotifier(stack.tasks, new UserStore(db.knex), db.knex, mailer, new TaskAccess(stack.engine, stack.app.services.scope), { from: FROM, appUrl: stack.url });
}

async function startCase(codiceIstat: string, idProcedimento: string): Promise<string> {
  const created = await stack.zeebe.createProcessInstance({ bpmnProcessId: E2E_PROCESS_ID, variables: { codiceIstat, idProcedimento } } as never);
  const pik = String(created.processInstanceKey);
  await waitFor(async () => (await stack.tasks.searchTasks({ processInstanceKey: pik, state: 'CREATED' })).length > 0, 10_000, `task of ${pik}`);
  return pik;
}

async function optIn(username: string, email: string, notifyTasks = true): Promise<void> {
  const c = new WebClient(stack.url);
  expect((await c.signIn(username, `${username}-demo`)).status).toBe(200);
  expect((await c.request('PATCH', '/api/profile', { email, notifyTasks })).status).toBe(200);
}

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

beforeAll(async () => {
  stack = await startTaskStack();
  smtp = await startSmtp();
  mailer = new Mailer({ host: '127.0.0.1', port: smtp.port });
  await deployFiles(stack, [formFile('disciplinare-notizia-fatto.form'), { name: `${E2E_PROCESS_ID}.bpmn`, content: disciplinareE2eProcess() }]);
}, 120_000);

afterAll(async () => {
  mailer?.close();
  await smtp?.stop();
  await stack?.stop();
});

describe('new-task e-mails through a real SMTP peer', () => {
  it('mails one message per new task to each opted-in candidate, none to others, none for tasks older than the opt-in', async () => {
    // given: a task waiting before anyone opted in
    await startCase('108033', 'UPD-2026-300');
    await optIn('comune', 'personale@comune.monza.mb.it');
    await optIn('lissone', 'personale@comune.lissone.mb.it');
    await optIn('provincia', 'upd@provincia.mb.it');
    await optIn('monza2', 'collega@comune.monza.mb.it', false);
    const notifier = notifierOn(stack.db);

    // when: a new Monza case
    await startCase('108033', 'UPD-2026-301');
    const sent = await notifier.poll();

    // then
    expect(sent).toBe(1);
    const monza = mailsTo('personale@comune.monza.mb.it');
    expect(monza).toHaveLength(1);
    expect(monza[0].from).toBe(FROM);
    expect(monza[0].subject).toBe('Nuova attività: Registra la notizia del fatto');
    expect(monza[0].raw).toContain(`${stack.url}/#/tasks/`);
    expect(smtp.mails).toHaveLength(1); // not Lissone (another Comune), not the UPD (not a candidate), not monza2 (no opt-in)
  });

  it('sends nothing twice: a second poll, and a restarted server on the same database', async () => {
    // given
    const before = smtp.mails.length;

    // when
    await notifierOn(stack.db).poll();
    const reopened = await openAppDatabase({ dataDir: path.join(stack.dataDir, 'app'), log: () => undefined });
    try {
      expect(await notifierOn(reopened).poll()).toBe(0);
    } finally {
      await reopened.close();
    }

    // then
    expect(smtp.mails.length).toBe(before);
  });

  it('a Lissone case mails the Lissone user only, once', async () => {
    // given
    const before = smtp.mails.length;
    const notifier = notifierOn(stack.db);

    // when
    await startCase('108028', 'UPD-2026-302');
    await notifier.poll();
    await notifier.poll();

    // then
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['personale@comune.lissone.mb.it']]);
  });

  it('a send the SMTP peer refuses releases the claim, so the next poll mails it', async () => {
    // given: the Monza colleague opts in with an address the peer refuses with 550
    await optIn('monza2', 'rifiuta@comune.monza.mb.it');
    const notifier = notifierOn(stack.db);
    await startCase('108033', 'UPD-2026-303');

    // when: the refusal is reported, the other Monza user is mailed all the same
    await expect(notifier.poll()).rejects.toThrow('1 new-task e-mail(s) not sent (1 sent)');
    await optIn('monza2', 'collega@comune.monza.mb.it');
    await notifier.poll();

    // then: the new case reaches both Monza users once each
    expect(mailsTo('collega@comune.monza.mb.it').filter((m) => m.raw.includes('Registra la notizia'))).toHaveLength(1);
    expect(mailsTo('personale@comune.monza.mb.it')).toHaveLength(2);
  });
});

describe('the due date in a new-task e-mail', () => {
  it('gives a legal term (due at midnight in Rome, when its last day is over) as its last useful day, as the task page does', () => {
    expect(dueText('2027-03-25T23:00:00.000Z')).toBe('entro il 25/03/2027'); // 26/03 00:00 in Rome (winter)
    expect(dueText('2026-06-30T22:00:00.000Z')).toBe('entro il 30/06/2026'); // 01/07 00:00 in Rome (summer)
    expect(dueText('2027-01-01T00:00:00+01:00')).toBe('entro il 31/12/2026');
  });

  it('gives any other instant with its time, in Rome', () => {
    expect(dueText('2026-12-18T09:30:00Z')).toBe('18/12/2026 alle ore 10:30');
  });
});
