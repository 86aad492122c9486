import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

const waiting = (version: string): string => bpmn('delibera', `
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:serviceTask id="redazione"><bpmn:extensionElements><zeebe:taskDefinition type="del-redazione-${version}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="redazione" />
  <bpmn:sequenceFlow id="f2" sourceRef="redazione" targetRef="end" />`);

const byMessage = (version: string): string => bpmn('segnalazione', `
  <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:endEvent id="end-${version}"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end-${version}" />`, '<bpmn:message id="m" name="nuova-segnalazione" />');

/** DeleteResource through @camunda8/sdk's gRPC client, with Zeebe 8.9's semantics (ResourceDeletionDeleteProcessor). */
describe('gRPC DeleteResource', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const knex = () => h.embedded.engine.knex;
  const deploy = async (name: string, xml: string): Promise<string> => (await deployXml(h.zeebe, name, xml)).deployments[0].process.processDefinitionKey;
  const definition = async (key: string) => (await knex()('process_definitions').where('key', Number(key)).first()) as { version: number; deletion_state: string | null };

  it('deletes the latest version: new instances start from the one before, creating one by the deleted key is NOT_FOUND', async () => {
    // given
    await deploy('delibera.bpmn', waiting('v1'));
    const v2 = await deploy('delibera.bpmn', waiting('v2'));
    // when
    await h.zeebe.deleteResource({ resourceKey: v2 });
    // then
    expect((await definition(v2)).deletion_state).toBe('DELETED');
    const created = await h.zeebe.createProcessInstance({ bpmnProcessId: 'delibera', variables: {} } as never);
    expect(created.version).toBe(1);
    const byKey = h.zeebe.createProcessInstance({ bpmnProcessId: 'delibera', version: 2, variables: {} } as never);
    await expect(byKey).rejects.toMatchObject({ code: 5 });
    // and again: nothing left to delete
    await expect(h.zeebe.deleteResource({ resourceKey: v2 })).rejects.toMatchObject({ code: 5, details: `Expected to delete resource but no resource found with key \`${v2}\`` });
    // a new deployment does not reuse the deleted version number
    const v3 = await deploy('delibera.bpmn', waiting('v3'));
    expect((await definition(v3)).version).toBe(3);
  });

  it('is not refused while instances run: they go on, the definition drains and is deleted after the last one', async () => {
    // given
    const key = await deploy('bozza.bpmn', waiting('bozza').replace(/delibera/g, 'bozza'));
    const running = await h.zeebe.createProcessInstance({ bpmnProcessId: 'bozza', variables: {} } as never);
    // when
    await h.zeebe.deleteResource({ resourceKey: key });
    // then
    expect((await definition(key)).deletion_state).toBe('DRAINING');
    await expect(h.zeebe.createProcessInstance({ bpmnProcessId: 'bozza', variables: {} } as never)).rejects.toMatchObject({ code: 5 });
    await expect(h.zeebe.deleteResource({ resourceKey: key })).rejects.toMatchObject({ code: 9 });
    // when: the running instance finishes
    const [job] = await h.zeebe.activateJobs({ type: 'del-redazione-bozza', worker: 'w', maxJobsToActivate: 1, timeout: 10_000, requestTimeout: -1 } as never);
    await h.zeebe.completeJob({ jobKey: job.key, variables: {} } as never);
    // then
    await waitFor(async () => (await knex()('process_instances').where('key', Number(running.processInstanceKey)).first()).state === 'COMPLETED', 5000, 'completion');
    expect((await definition(key)).deletion_state).toBe('DELETED');
    const deleted = await knex()('records').where({ value_type: 'PROCESS', intent: 'DELETED', key: Number(key) });
    expect(deleted).toHaveLength(1);
  });

  it('hands the message start event back to the previous version', async () => {
    // given
    await deploy('segnalazione.bpmn', byMessage('v1'));
    const v2 = await deploy('segnalazione.bpmn', byMessage('v2'));
    // when
    await h.zeebe.deleteResource({ resourceKey: v2 });
    await h.zeebe.publishMessage({ name: 'nuova-segnalazione', correlationKey: '', variables: {} } as never);
    // then: version 1 started
    const started = await waitFor(async () => (await knex()('process_instances').where('bpmn_process_id', 'segnalazione').first()) as { version: number } | undefined, 5000, 'message start');
    expect(started.version).toBe(1);
  });

  it('deletes a form', async () => {
    // given
    const deployed = await h.zeebe.deployResource({ name: 'esito.form', form: Buffer.from(JSON.stringify({ id: 'esito', type: 'default', components: [] })) } as never);
    const formKey = (deployed.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    // when
    await h.zeebe.deleteResource({ resourceKey: formKey });
    // then
    expect(await knex()('forms').where('key', Number(formKey))).toHaveLength(0);
  });

  it('refuses an unknown key with NOT_FOUND', async () => {
    await expect(h.zeebe.deleteResource({ resourceKey: '2251799813999990' })).rejects.toMatchObject({ code: 5, details: 'Expected to delete resource but no resource found with key `2251799813999990`' });
  });
});
