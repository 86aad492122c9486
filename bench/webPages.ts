/**
 * Web API latency at volume: what each page of the web app calls, as a Provincia user and as a Comune
 * user, with 10,000 open deadlines (disciplinary cases waiting for the contestazione under its term) and
 * at least 100,000 element instances in the engine. The app reads the engine through the Camunda REST
 * API, as in production.
 *
 *   npm run bench -- --only=web [--web_cases=10000] [--web_filler=22000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { openAppDatabase, UserStore } from '../src/db/index.js';
import { EmbeddedEngine } from '../src/engine/EmbeddedEngine.js';
import type { ActivatedJob } from '../src/engine/processor/commands/jobCommands.js';
import type { CreatedInstance } from '../src/engine/processor/commands/processInstances.js';
import { createApp } from '../web/server/createApp.js';
import { CamundaEngineClient } from '../web/server/engine/CamundaEngineClient.js';
import { CamundaTaskClient } from '../web/server/tasks/CamundaTaskClient.js';
import { contestazioneDeadline, disciplinareE2eProcess, E2E_PROCESS_ID } from '../test/web/tasks/support/disciplinareE2eProcess.js';
import { serve, WebClient } from '../test/web/support/httpSession.js';
import { percentile } from './stats.js';

const RUNS = 20;

const filler = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench-filler" name="Bench" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="bench-filler" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

export interface WebPageTiming {
  page: string;
  user: string;
  p50: number;
  p95: number;
  summary: string;
}

export interface WebPagesResult {
  cases: number;
  elementInstances: number;
  /** the open-work index built from the engine once (a new database), ms */
  indexBuildMs: number;
  /** the task list answered right after a case changed in the engine (the index catches up first), p50/p95 ms */
  afterChange: { p50: number; p95: number };
  timings: WebPageTiming[];
}

export async function runWebPages(dataDir: string, cases: number, fillerInstances: number): Promise<WebPagesResult> {
  fs.mkdirSync(dataDir, { recursive: true });
  const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const { engine } = embedded;
  const rest = embedded.restAddress as string;
  // the web app signs in as the engine's web-app client, as npm start does
  const webApp = embedded.client('web-app');
  const sdkConfig = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: webApp.id, CAMUNDA_BASIC_AUTH_PASSWORD: webApp.secret };
  const engineClient = new CamundaEngineClient({ restAddress: rest, sdkConfig });
  const tasks = new CamundaTaskClient({ restAddress: rest, sdkConfig });
  const db = await openAppDatabase({ dataDir: path.join(dataDir, 'app'), log: () => undefined });
  try {
    const forms = ['disciplinare-contestazione.form', 'disciplinare-notizia-fatto.form'].map((f) => ({ name: f, content: fs.readFileSync(path.join('processes', 'forms', f)) }));
    const deployed = await engine.execute<{ deployments: Array<{ process?: { processDefinitionKey: number; bpmnProcessId: string } }> }>({
      type: 'deploy',
      resources: [...forms, { name: `${E2E_PROCESS_ID}.bpmn`, content: Buffer.from(disciplinareE2eProcess()) }, { name: 'filler.bpmn', content: Buffer.from(filler) }],
    });
    const caseDefinition = deployed.deployments.find((d) => d.process?.bpmnProcessId === E2E_PROCESS_ID)!.process!.processDefinitionKey;

    // 10,000 open cases, a term each, spread over two Comuni; then completed filler instances up to 100,000 element instances
    const keys: number[] = [];
    const start = Date.now() + 86_400_000;
    for (let i = 0; i < cases; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, cases - i) }, (_, j) =>
        engine.execute<CreatedInstance>({
          type: 'createInstance',
          bpmnProcessId: E2E_PROCESS_ID,
          startElementIds: ['Task_RedigiContestazione'],
          variables: { codiceIstat: (i + j) % 2 ? '108028' : '108033', idProcedimento: `UPD-2026-${i + j + 1}`, ...contestazioneDeadline(new Date(start + (i + j) * 600_000)) } as never,
        }),
      );
      keys.push(...(await Promise.all(batch)).map((c) => c.processInstanceKey));
    }
    for (let i = 0; i < fillerInstances; i += 2000) {
      await Promise.all(Array.from({ length: Math.min(2000, fillerInstances - i) }, () => engine.execute({ type: 'createInstance', bpmnProcessId: 'bench-filler', variables: {} })));
      for (;;) {
        const jobs = await engine.execute<ActivatedJob[]>({ type: 'activateJobs', jobType: 'bench-filler', worker: 'bench', timeout: 600_000, maxJobs: 2000, fetchVariables: [] });
        if (jobs.length === 0) break;
        await Promise.all(jobs.map((job) => engine.execute({ type: 'completeJob', jobKey: job.key, variables: {} })));
      }
    }
    const elementInstances = Number(((await engine.knex('element_instances').count({ n: '*' }).first()) as { n: number }).n);

    const users = new UserStore(db.knex);
    await users.create({ username: 'bench-upd', displayName: 'UPD', password: 'bench-upd-password', roles: ['provincia', 'provincia-upd'] });
    await users.create({ username: 'bench-monza', displayName: 'Comune di Monza', password: 'bench-monza-password', roles: ['comune'], comuniIstat: ['108033'] });
    const app = createApp({ db, engine: engineClient, tasks: { client: tasks, dataDir } });
    const server = await serve(app);
    const timings: WebPageTiming[] = [];
    let indexBuildMs = 0;
    const afterChange: number[] = [];
    try {
      // The task list and the scadenzario read the open-work index: built once, as at the first start on this data.
      const built = performance.now();
      await app.services.openWork!.fresh();
      indexBuildMs = performance.now() - built;
      const middle = Math.floor(keys.length / 2);
      // a Monza case (even index), so both users may open it
      const sampleIndex = middle % 2 === 0 ? middle : middle - 1;
      const sample = String(keys[sampleIndex]);
      const sampleNumber = `UPD-2026-${sampleIndex + 1}`;
      const pages: Array<[string, string]> = [
        ['scadenzario (/api/deadlines)', '/api/deadlines'],
        ['scadenzario, filtered and sorted by Comune', '/api/deadlines?nature=perentorio&status=ok&sort=comune&order=desc'],
        ['task list (/api/tasks)', '/api/tasks'],
        ['instance list (/api/instances)', '/api/instances'],
        ['diagram statistics (/api/processes/:key/statistics)', `/api/processes/${caseDefinition}/statistics`],
        ['case page (/api/instances/:key)', `/api/instances/${sample}`],
        ['case status (/api/instances/:key/status)', `/api/instances/${sample}/status`],
        ['Pratiche search by number (/api/cases?q=)', `/api/cases?q=${sampleNumber}`],
        ['Pratiche case file (/api/cases/:number)', `/api/cases/${sampleNumber}`],
      ];
      for (const [username, label] of [['bench-upd', 'Provincia (UPD)'], ['bench-monza', 'Comune (Monza)']] as const) {
        const client = new WebClient(server.url);
        const signIn = await client.signIn(username, `${username}-password`);
        if (signIn.status !== 200) throw new Error(`bench sign-in refused for ${username}: ${signIn.status}`);
        for (const [page, url] of pages) {
          const times: number[] = [];
          let summary = '';
          for (let i = 0; i < RUNS; i++) {
            const t0 = performance.now();
            const res = await client.get(url);
            times.push(performance.now() - t0);
            if (res.status !== 200) {
              summary = `HTTP ${res.status}`;
              break;
            }
            summary = Array.isArray(res.body?.items) ? `${res.body.items.length} of ${res.body.total ?? '?'}` : 'ok';
          }
          times.sort((a, b) => a - b);
          timings.push({ page, user: label, p50: percentile(times, 50), p95: percentile(times, 95), summary });
        }
      }
      // A case moves on in the engine (its task completed by another client), then the list is read: the catch-up's cost.
      const upd = new WebClient(server.url);
      await upd.signIn('bench-upd', 'bench-upd-password');
      const open = await tasks.searchTasks({ state: 'CREATED', processInstanceKeys: keys.slice(0, RUNS).map(String) });
      for (const task of open.slice(0, RUNS)) {
        await tasks.complete(task.userTaskKey, {});
        const t0 = performance.now();
        await upd.get('/api/tasks');
        afterChange.push(performance.now() - t0);
      }
      afterChange.sort((a, b) => a - b);
    } finally {
      app.services.live.closeAll();
      await server.close();
    }
    return { cases, elementInstances, indexBuildMs, afterChange: { p50: percentile(afterChange, 50), p95: percentile(afterChange, 95) }, timings };
  } finally {
    await engineClient.close();
    await tasks.close();
    await db.close();
    await embedded.stop();
  }
}
