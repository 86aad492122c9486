/**
 * REST v2 query latency with volume: fills an engine with real instances (started and half completed
 * through the engine, so rows and records are what production writes) until there are at least
 * 100,000 element instances, then times the searches and statistics the web app calls.
 *
 *   npx tsx bench/rest-queries.ts [instances]   (default 30000 → ~105,000 element instances)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEngine } from '../src/engine/EmbeddedEngine.js';
import type { ActivatedJob } from '../src/engine/processor/commands/jobCommands.js';
import type { CreatedInstance } from '../src/engine/processor/commands/processInstances.js';

const INSTANCES = Number(process.argv[2] ?? 30_000);
const RUNS = 7;

const xml = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" name="Bench ${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="Work"><bpmn:extensionElements><zeebe:taskDefinition type="bench-work" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="review" />
    <bpmn:serviceTask id="review" name="Review"><bpmn:extensionElements><zeebe:taskDefinition type="bench-review" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rest-'));
  const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const { engine } = embedded;
  const base = embedded.restAddress as string;
  const operator = embedded.client('operator');
  try {
    const deployed = await engine.execute<{ deployments: { process: { processDefinitionKey: number } }[] }>({ type: 'deploy', resources: [{ name: 'bench.bpmn', content: Buffer.from(xml('bench')) }] });
    const definitionKey = deployed.deployments[0].process.processDefinitionKey;

    let started = Date.now();
    const keys: number[] = [];
    for (let i = 0; i < INSTANCES; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, INSTANCES - i) }, (_, j) =>
        engine.execute<CreatedInstance>({ type: 'createInstance', bpmnProcessId: 'bench', variables: { n: i + j, customer: `C-${(i + j) % 500}` } }));
      keys.push(...(await Promise.all(batch)).map((c) => c.processInstanceKey));
    }
    console.log(`created ${INSTANCES} instances in ${Date.now() - started} ms`);

    // Half of them move on: 'work' completes, so 'review' waits; a tenth of those fail into incidents.
    started = Date.now();
    let completed = 0;
    while (completed < INSTANCES / 2) {
      const jobs = await engine.execute<ActivatedJob[]>({ type: 'activateJobs', jobType: 'bench-work', worker: 'bench', timeout: 600_000, maxJobs: 2000, fetchVariables: ['n'] });
      if (jobs.length === 0) break;
      await Promise.all(jobs.slice(0, INSTANCES / 2 - completed).map((job) => engine.execute({ type: 'completeJob', jobKey: job.key, variables: { done: true } })));
      completed += Math.min(jobs.length, INSTANCES / 2 - completed);
    }
    const review = await engine.execute<ActivatedJob[]>({ type: 'activateJobs', jobType: 'bench-review', worker: 'bench', timeout: 600_000, maxJobs: Math.floor(INSTANCES / 20), fetchVariables: [] });
    await Promise.all(review.map((job) => engine.execute({ type: 'failJob', jobKey: job.key, retries: 0, errorMessage: 'bench failure', retryBackOff: 0, variables: {} })));
    console.log(`advanced ${completed} instances, ${review.length} incidents in ${Date.now() - started} ms`);

    const count = async (table: string) => Number(((await engine.knex(table).count({ n: '*' }).first()) as { n: number }).n);
    console.log(`rows: element_instances=${await count('element_instances')} process_instances=${await count('process_instances')} variables=${await count('variables')} records=${await count('records')}`);

    const sample = keys[Math.floor(keys.length / 3)];
    const queries: [string, string, string, unknown?][] = [
      ['definition element statistics', 'POST', `/v2/process-definitions/${definitionKey}/statistics/element-instances`, {}],
      ['definition statistics, instance filter', 'POST', `/v2/process-definitions/${definitionKey}/statistics/element-instances`, { filter: { state: 'ACTIVE', hasIncident: false } }],
      ['element instances: active of a definition, newest first', 'POST', '/v2/element-instances/search', { filter: { processDefinitionKey: String(definitionKey), state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'desc' }], page: { limit: 50 } }],
      ['element instances: by element id, deep page', 'POST', '/v2/element-instances/search', { filter: { elementId: 'work', state: 'COMPLETED' }, page: { from: 10_000, limit: 50 } }],
      ['element instances: with incident', 'POST', '/v2/element-instances/search', { filter: { hasIncident: true }, page: { limit: 50 } }],
      ['element instances: of one instance', 'POST', '/v2/element-instances/search', { filter: { processInstanceKey: String(sample) } }],
      ['process instances: active, newest first', 'POST', '/v2/process-instances/search', { filter: { processDefinitionId: 'bench', state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'desc' }], page: { limit: 50 } }],
      ['process instances: by variable value', 'POST', '/v2/process-instances/search', { filter: { variables: [{ name: 'customer', value: '"C-42"' }] }, page: { limit: 50 } }],
      ['process instance: element statistics', 'GET', `/v2/process-instances/${sample}/statistics/element-instances`],
      ['process instance: sequence flows', 'GET', `/v2/process-instances/${sample}/sequence-flows`],
      ['variables: of one instance', 'POST', '/v2/variables/search', { filter: { processInstanceKey: String(sample) } }],
      ['incidents: active, newest first', 'POST', '/v2/incidents/search', { filter: { state: 'ACTIVE' }, sort: [{ field: 'creationTime', order: 'desc' }], page: { limit: 50 } }],
      ['audit log: newest operations', 'POST', '/v2/audit-logs/search', { sort: [{ field: 'timestamp', order: 'desc' }], page: { limit: 50 } }],
      ['audit log: one instance', 'POST', '/v2/audit-logs/search', { filter: { processInstanceKey: String(sample) } }],
    ];
    console.log(`\n${'query'.padEnd(58)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}  items/total`);
    for (const [name, method, url, body] of queries) {
      const times: number[] = [];
      let summary = '';
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const auth = { authorization: `Basic ${Buffer.from(`${operator.id}:${operator.secret}`).toString('base64')}` };
        const response = await fetch(base + url, { method, headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        const json = (await response.json()) as { items?: unknown[]; page?: { totalItems: number }; detail?: string };
        times.push(performance.now() - t0);
        if (!response.ok) throw new Error(`${name}: ${response.status} ${json.detail}`);
        summary = `${json.items?.length ?? 0}/${json.page?.totalItems ?? '-'}`;
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(58)} ${times[Math.floor(RUNS / 2)].toFixed(1).padStart(10)} ${times[RUNS - 1].toFixed(1).padStart(8)}  ${summary}`);
    }
  } finally {
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
