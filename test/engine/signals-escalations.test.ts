import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

async function state(h: Harness, key: string | number): Promise<string | undefined> {
  return (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first())?.state;
}

describe('signals, escalations and event sub-processes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a broadcast signal triggers every catch that exists now and is not buffered for later ones', async () => {
    // given
    await deployXml(h.zeebe, 'signal.bpmn', bpmn('signal-catch', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
      <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`, '<bpmn:signal id="s" name="bando-revocato" />'));
    const a = await h.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catch', variables: {} });
    const b = await h.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catch', variables: {} });
    // when
    await h.zeebe.broadcastSignal({ signalName: 'bando-revocato', variables: { motivo: 'annullamento' } });
    const late = await h.zeebe.createProcessInstance({ bpmnProcessId: 'signal-catch', variables: {} });
    // then
    await waitFor(async () => (await state(h, a.processInstanceKey)) === 'COMPLETED' && (await state(h, b.processInstanceKey)) === 'COMPLETED', 3000, 'signal');
    await new Promise((r) => setTimeout(r, 100));
    expect(await state(h, late.processInstanceKey)).toBe('ACTIVE');
  });

  it('a non-interrupting escalation boundary keeps both paths; an uncaught escalation raises no incident', async () => {
    // given
    await deployXml(h.zeebe, 'escalation.bpmn', bpmn('escalation', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:subProcess id="phase"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
        <bpmn:startEvent id="innerStart"><bpmn:outgoing>i1</bpmn:outgoing></bpmn:startEvent>
        <bpmn:intermediateThrowEvent id="raise"><bpmn:incoming>i1</bpmn:incoming><bpmn:outgoing>i2</bpmn:outgoing><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateThrowEvent id="raiseUncaught"><bpmn:incoming>i2</bpmn:incoming><bpmn:outgoing>i3</bpmn:outgoing><bpmn:escalationEventDefinition escalationRef="other" /></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="innerEnd"><bpmn:incoming>i3</bpmn:incoming></bpmn:endEvent>
        <bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="raise" />
        <bpmn:sequenceFlow id="i2" sourceRef="raise" targetRef="raiseUncaught" />
        <bpmn:sequenceFlow id="i3" sourceRef="raiseUncaught" targetRef="innerEnd" />
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="notice" attachedToRef="phase" cancelActivity="false"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:endEvent id="noticed"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="phase" />
      <bpmn:sequenceFlow id="f2" sourceRef="phase" targetRef="end" />
      <bpmn:sequenceFlow id="f3" sourceRef="notice" targetRef="noticed" />`,
      '<bpmn:escalation id="esc" escalationCode="SOLLECITO" /><bpmn:escalation id="other" escalationCode="NESSUNO" />'));
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'escalation', variables: {} });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'completion');
    const done = await completedElements(h.embedded, processInstanceKey);
    expect(done).toEqual(expect.arrayContaining(['noticed', 'innerEnd', 'phase', 'end']));
    expect(await h.embedded.engine.knex('incidents').where('process_instance_key', Number(processInstanceKey))).toHaveLength(0);
  });

  it('an interrupting message event sub-process ends the rest of the process and its job', async () => {
    // given
    await deployXml(h.zeebe, 'esp.bpmn', bpmn('esp', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="esp-never" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
      <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
      <bpmn:subProcess id="withdrawal" triggeredByEvent="true">
        <bpmn:startEvent id="withdrawn"><bpmn:outgoing>w1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
        <bpmn:endEvent id="closed"><bpmn:incoming>w1</bpmn:incoming></bpmn:endEvent>
        <bpmn:sequenceFlow id="w1" sourceRef="withdrawn" targetRef="closed" />
      </bpmn:subProcess>`,
      '<bpmn:message id="m" name="ritiro-segnalazione"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>'));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'esp', variables: { caseId: 'E-1' } });
    await waitFor(() => h.embedded.engine.knex('jobs').where({ process_instance_key: Number(processInstanceKey) }).first(), 3000, 'job');
    // when
    await h.zeebe.publishMessage({ name: 'ritiro-segnalazione', correlationKey: 'E-1', variables: { ritirato: true }, timeToLive: 0 });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'esp');
    const done = await completedElements(h.embedded, processInstanceKey);
    expect(done).toEqual(['start', 'withdrawn', 'closed', 'withdrawal', 'esp']);
    expect(await h.embedded.engine.knex('jobs').where('process_instance_key', Number(processInstanceKey))).toHaveLength(0);
    const terminated = await h.embedded.engine.knex('element_instances').where({ process_instance_key: Number(processInstanceKey), element_id: 'work' }).first();
    expect(terminated.state).toBe('TERMINATED');
  });

  it('an error event sub-process catches an error thrown by a worker', async () => {
    // given
    await deployXml(h.zeebe, 'esp-error.bpmn', bpmn('esp-error', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="send"><bpmn:extensionElements><zeebe:taskDefinition type="esp-pec" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send" />
      <bpmn:sequenceFlow id="f2" sourceRef="send" targetRef="end" />
      <bpmn:subProcess id="onError" triggeredByEvent="true">
        <bpmn:startEvent id="caught"><bpmn:outgoing>e1</bpmn:outgoing><bpmn:errorEventDefinition errorRef="err" /></bpmn:startEvent>
        <bpmn:endEvent id="handled"><bpmn:incoming>e1</bpmn:incoming></bpmn:endEvent>
        <bpmn:sequenceFlow id="e1" sourceRef="caught" targetRef="handled" />
      </bpmn:subProcess>`, '<bpmn:error id="err" errorCode="PEC_NON_CONSEGNATA" />'));
    const worker = h.zeebe.createWorker({ taskType: 'esp-pec', taskHandler: (job) => job.error({ errorCode: 'PEC_NON_CONSEGNATA', errorMessage: 'casella piena', variables: { tentativo: 1 } }) });
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'esp-error', variables: {} });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 5000, 'error esp');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['start', 'caught', 'handled', 'onError', 'esp-error']);
    const tentativo = await h.embedded.engine.knex('variables').where({ process_instance_key: Number(processInstanceKey), name: 'tentativo' }).first();
    expect(JSON.parse(tentativo.value)).toBe(1);
    await worker.close();
  });
});
