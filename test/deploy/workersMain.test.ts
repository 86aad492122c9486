import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, subjectOf, type MailCatcher } from '../../src/mail/devMailCatcher.js';
import { bpmn, completedElements, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { runTs, type RunningProcess } from './support/childProcess.js';

/** The environment of a fresh process: ours without any engine, SDK, database, mail or demo settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(ENGINE|PORT|HOST|DATA_DIR|DATABASE_URL|TEST_DATABASE_URL|NODE_ENV|SMTP_.*|MAIL_FROM|SEED_DEMO_USERS|DEMO_INSTANCES|ZEEBE_.*|CAMUNDA_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', ...extra };
}

/** `workers/main.ts` (docker-compose's `workers` service, `npm run start:workers`) against a gateway in another process. */
describe('workers/main.ts: the job workers on their own', () => {
  let harness: Harness;
  let dataDir: string;
  let mailDir: string;
  let catcher: MailCatcher;
  let workers: RunningProcess;

  beforeAll(async () => {
    // given: an engine with nothing deployed, and an SMTP relay (the catcher) on loopback
    harness = await startHarness();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'workers-main-'));
    mailDir = path.join(dataDir, 'relay');
    catcher = await startMailCatcher({ dir: mailDir, port: 0, log: () => undefined });

    // when: the workers start, configured by the environment only (the SDK's variables as they are)
    workers = runTs('workers/main.ts', [], cleanEnv({
      ENGINE: 'external',
      ZEEBE_GRPC_ADDRESS: `grpc://${harness.address}`,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      DATA_DIR: path.join(dataDir, 'data'),
      SMTP_HOST: catcher.host,
      SMTP_PORT: String(catcher.port),
      MAIL_FROM: 'upd@pec.provincia.test.it',
      NODE_ENV: 'production',
    }));
    await workers.waitForLine(/^Documents in .* notices from .*$/m, 60_000);
  });

  afterAll(async () => {
    await workers?.stop();
    await catcher?.close();
    await harness?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs the gateway, the task types it serves, where documents and notices go; opens the app database in DATA_DIR', () => {
    const out = workers.output();
    expect(out).toMatch(new RegExp(`Job workers for \\d+ task types, taking jobs from the gateway at grpc://${harness.address.replace(/\./g, '\\.')}:`));
    expect(out).toContain('notifica-invia');
    expect(out).toContain(`notices from upd@pec.provincia.test.it to smtp://${catcher.host}:${catcher.port}`);
    expect(existsSync(path.join(dataDir, 'data', 'app.sqlite'))).toBe(true);
    expect(out).not.toMatch(/Seeded|Demo instances|Web app|listening on/i);
  });

  it('works the jobs of a deployed process: a notice sent over SMTP from MAIL_FROM, the job completed', async () => {
    // given
    await deployXml(harness.zeebe, 'avviso.bpmn', bpmn('avviso-workers-main', straight({
      id: 'Avviso',
      xml: task('Avviso', 'notifica-invia', { kind: 'sendTask', headers: { canale: 'email', modello: 'ritardo-ispettorato' } }),
    })));

    // when
    const { processInstanceKey } = await harness.zeebe.createProcessInstance({ bpmnProcessId: 'avviso-workers-main', variables: { idProcedimento: 'UPD-2026-42' } });

    // then
    await waitFor(async () => (await completedElements(harness.embedded, processInstanceKey)).includes('avviso-workers-main'), 30_000, 'the instance to complete')
      .catch((error: Error) => { throw new Error(`${error.message}; workers said:\n${workers.output()}`); });
    const [name] = await readdir(mailDir);
    const eml = await readFile(path.join(mailDir, name));
    expect(subjectOf(eml)).toBe("[Email] Ritardo nella comunicazione all'Ispettorato – procedimento disciplinare UPD-2026-42");
    expect(eml.toString()).toMatch(/^From: upd@pec\.provincia\.test\.it\r$/m);
    expect(eml.toString()).toMatch(/^X-Original-To: upd@provincia\.mb\.it\r$/m);
  });

  it('stops cleanly on SIGTERM', async () => {
    await workers.stop();
    expect(workers.child.exitCode).toBe(0);
    expect(workers.output()).toContain('SIGTERM: stopping the job workers');
  });
});
