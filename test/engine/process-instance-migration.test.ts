import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { MIGRATE_V1, MIGRATE_V2 } from './fixtures/operationModels.js';

/** MigrateProcessInstance through @camunda8/sdk's gRPC client, against Zeebe's rules (ProcessInstanceMigrationPreconditions). */
describe('gRPC MigrateProcessInstance', () => {
  let h: Harness;
  let v1: string;
  let v2: string;
  let other: string;
  beforeAll(async () => {
    h = await startHarness();
    v1 = (await deployXml(h.zeebe, 'procedura.bpmn', MIGRATE_V1())).deployments[0].process.processDefinitionKey;
    v2 = (await deployXml(h.zeebe, 'procedura.bpmn', MIGRATE_V2())).deployments[0].process.processDefinitionKey;
    other = (await deployXml(h.zeebe, 'altra.bpmn', MIGRATE_V2('altraProcedura'))).deployments[0].process.processDefinitionKey;
  });
  afterAll(async () => {
    await h.stop();
  });

  const knex = () => h.embedded.engine.knex;
  const start = async (): Promise<string> => (await h.zeebe.createProcessInstance({ bpmnProcessId: 'procedura', version: 1, variables: { pratica: `P-${Math.random()}` } } as never)).processInstanceKey;
  const plan = (pi: string, target: string, mappings: [string, string][]) => ({
    processInstanceKey: pi,
    migrationPlan: { targetProcessDefinitionKey: target, mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId })) },
  });
  const jobOf = async (pi: string) => (await knex()('jobs').where('process_instance_key', Number(pi)).first()) as { key: number; element_id: string; process_definition_key: number; process_definition_version: number; type: string; state: string };

  it('moves a waiting case to version 2: same element instance and job keys, the new path afterwards', async () => {
    // given: the case waits at 'istruttoria', its job activated by a worker
    const pi = await start();
    const [activated] = await h.zeebe.activateJobs({ type: 'mig-istruttoria', worker: 'ufficio', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: -1 } as never);
    const before = await jobOf(pi);
    const element = await knex()('element_instances').where({ process_instance_key: Number(pi), element_id: 'istruttoria' }).first();
    // when
    await h.zeebe.migrateProcessInstance(plan(pi, v2, [['istruttoria', 'istruttoriaV2']]) as never);
    // then: nothing restarted, everything points at version 2
    const job = await jobOf(pi);
    expect({ key: job.key, state: job.state, type: job.type }).toEqual({ key: before.key, state: 'ACTIVATED', type: 'mig-istruttoria' });
    expect({ elementId: job.element_id, definition: String(job.process_definition_key), version: job.process_definition_version }).toEqual({ elementId: 'istruttoriaV2', definition: v2, version: 2 });
    const migratedElement = await knex()('element_instances').where('key', element.key).first();
    expect(migratedElement.element_id).toBe('istruttoriaV2');
    const instance = await knex()('process_instances').where('key', Number(pi)).first();
    expect({ definition: String(instance.process_definition_key), version: instance.version }).toEqual({ definition: v2, version: 2 });
    const log = await records(h.embedded, pi);
    expect(log.filter((r) => r.intent === 'ELEMENT_MIGRATED').map((r) => r.element_id)).toEqual(['procedura', 'istruttoriaV2']);
    expect(log.some((r) => r.value_type === 'JOB' && r.intent === 'MIGRATED' && r.key === before.key)).toBe(true);
    expect(log.find((r) => r.value_type === 'PROCESS_INSTANCE_MIGRATION')?.value).toMatchObject({ targetProcessDefinitionKey: Number(v2), mappingInstructions: [{ sourceElementId: 'istruttoria', targetElementId: 'istruttoriaV2' }] });
    // the unmapped message boundary closed, the new timer boundary opened
    expect(await knex()('message_subscriptions').where('element_instance_key', element.key)).toHaveLength(0);
    const timers = await knex()('timers').where('element_instance_key', element.key);
    expect(timers.map((t: { element_id: string }) => t.element_id)).toEqual(['scadenza']);
    // when: the worker that activated the job before the migration completes it
    await h.zeebe.completeJob({ jobKey: activated.key, variables: {} } as never);
    // then: version 2's next step runs
    await waitFor(async () => (await jobOf(pi))?.element_id === 'protocollo', 5000, 'the v2 step');
  });

  it('moves a case to another process (a different bpmnProcessId) and keeps its incident', async () => {
    // given: the job failed without retries: an incident
    const pi = await start();
    const [job] = await h.zeebe.activateJobs({ type: 'mig-istruttoria', worker: 'ufficio', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: -1 } as never).then((jobs) => jobs.filter((j) => j.processInstanceKey === pi));
    await h.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'protocollo non raggiungibile' } as never);
    const incident = await waitFor(async () => (await knex()('incidents').where({ process_instance_key: Number(pi), state: 'ACTIVE' }).first()) as { key: number } | undefined, 5000, 'incident');
    // when
    await h.zeebe.migrateProcessInstance(plan(pi, other, [['istruttoria', 'istruttoriaV2']]) as never);
    // then
    const migrated = await knex()('incidents').where('key', incident.key).first();
    expect({ process: migrated.bpmn_process_id, element: migrated.element_id, state: migrated.state }).toEqual({ process: 'altraProcedura', element: 'istruttoriaV2', state: 'ACTIVE' });
    // when: retries are given back and the incident resolved
    await h.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 } as never);
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) } as never);
    const [again] = await h.zeebe.activateJobs({ type: 'mig-istruttoria', worker: 'ufficio', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: -1 } as never).then((jobs) => jobs.filter((j) => j.processInstanceKey === pi));
    // then: the same job, now of the other process
    expect({ key: again.key, bpmnProcessId: again.bpmnProcessId, elementId: again.elementId }).toEqual({ key: job.key, bpmnProcessId: 'altraProcedura', elementId: 'istruttoriaV2' });
  });

  const refusals: { name: string; target: () => string; mappings: [string, string][]; code: number; detail: string }[] = [
    { name: 'an active element without a mapping', target: () => v2, mappings: [], code: 9, detail: "no mapping instruction defined for active element with id 'istruttoria'" },
    { name: 'a change of element type', target: () => v2, mappings: [['istruttoria', 'firma']], code: 9, detail: "type 'SERVICE_TASK' is mapped to an element with id 'firma' and different type 'USER_TASK'" },
    { name: 'a source element that does not exist', target: () => v2, mappings: [['nessuno', 'istruttoriaV2']], code: 3, detail: "non-existing source element id 'nessuno'" },
    { name: 'a target element that does not exist', target: () => v2, mappings: [['istruttoria', 'nessuno']], code: 3, detail: "non-existing target element id 'nessuno'" },
    { name: 'one source mapped twice', target: () => v2, mappings: [['istruttoria', 'istruttoriaV2'], ['istruttoria', 'protocollo']], code: 3, detail: "duplicate source element ids '[istruttoria]'" },
    { name: 'a catch event mapped to one of another element', target: () => v2, mappings: [['istruttoria', 'protocollo'], ['ritiro', 'scadenza']], code: 9, detail: 'These mappings detach the catch event from the element in the target process' },
    { name: 'an unknown target definition', target: () => '2251799813999997', mappings: [['istruttoria', 'istruttoriaV2']], code: 5, detail: "no process definition found with key '2251799813999997'" },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} and changes nothing`, async () => {
      // given
      const pi = await start();
      const count = async () => (await records(h.embedded, pi)).length;
      const before = await count();
      // when
      const attempt = h.zeebe.migrateProcessInstance(plan(pi, refusal.target(), refusal.mappings) as never);
      // then
      await expect(attempt).rejects.toMatchObject({ code: refusal.code, details: expect.stringContaining(refusal.detail) });
      expect(await count()).toBe(before);
      expect(String((await knex()('process_instances').where('key', Number(pi)).first()).process_definition_key)).toBe(v1);
    });
  }

  it('refuses an unknown process instance with NOT_FOUND', async () => {
    // when
    const attempt = h.zeebe.migrateProcessInstance(plan('2251799813999996', v2, []) as never);
    // then
    await expect(attempt).rejects.toMatchObject({ code: 5, details: "Expected to migrate process instance but no process instance found with key '2251799813999996'" });
  });
});
