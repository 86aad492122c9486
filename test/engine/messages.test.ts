import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

const MESSAGE = `<bpmn:message id="msg_referral" name="segnalazione"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>`;

const catchMessage = bpmn('catch-message', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="msg_referral" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`, MESSAGE);

async function state(h: Harness, key: string | number): Promise<string | undefined> {
  return (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first())?.state;
}

async function variable(h: Harness, key: string | number, name: string): Promise<unknown> {
  const row = await h.embedded.engine.knex('variables').where({ scope_key: Number(key), name }).first();
  return row ? JSON.parse(row.value) : undefined;
}

describe('messages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await deployXml(h.zeebe, 'catch-message.bpmn', catchMessage);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('correlates a published message by name and correlation key and propagates its payload', async () => {
    // given
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-1' } });
    // when
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-1', variables: { protocollo: 'P-77' }, timeToLive: 0 });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'completion');
    expect(await variable(h, processInstanceKey, 'protocollo')).toBe('P-77');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['start', 'wait', 'end', 'catch-message']);
  });

  it('a message with another correlation key does not correlate', async () => {
    // given
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-2' } });
    // when
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-999', variables: {}, timeToLive: 0 });
    await new Promise((r) => setTimeout(r, 100));
    // then
    expect(await state(h, processInstanceKey)).toBe('ACTIVE');
  });

  it('buffers a message with TTL published before the subscription opens, and correlates it on opening', async () => {
    // given
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-3', variables: { early: true }, timeToLive: 60_000 });
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-3' } });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'buffered correlation');
    expect(await variable(h, processInstanceKey, 'early')).toBe(true);
  });

  it('correlates one message at most once per process: a second instance with the same key keeps waiting', async () => {
    // given
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-4', variables: {}, timeToLive: 60_000 });
    const first = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-4' } });
    const second = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-4' } });
    // then
    await waitFor(async () => (await state(h, first.processInstanceKey)) === 'COMPLETED', 3000, 'first');
    await new Promise((r) => setTimeout(r, 100));
    expect(await state(h, second.processInstanceKey)).toBe('ACTIVE');
  });

  it('de-duplicates by messageId while the first is buffered (ALREADY_EXISTS)', async () => {
    // given
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-5', messageId: 'm-5', variables: {}, timeToLive: 60_000 });
    // when
    const second = h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-5', messageId: 'm-5', variables: {}, timeToLive: 60_000 });
    // then
    await expect(second).rejects.toMatchObject({ code: 6 });
  });

  it('a correlation key that evaluates to null raises an incident on the catch event', async () => {
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: {} });
    // then
    const incident = await waitFor(() => h.embedded.engine.knex('incidents').where('process_instance_key', Number(processInstanceKey)).first(), 3000, 'incident');
    expect(incident.error_type).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.element_id).toBe('wait');
    expect(incident.error_message).toContain("'NULL'");
  });

  it('a message start event starts an instance with the payload; a receive task and a message boundary work', async () => {
    // given
    await deployXml(h.zeebe, 'message-start.bpmn', bpmn('message-start', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m_start" /></bpmn:startEvent>
      <bpmn:receiveTask id="receive" messageRef="m_more"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:receiveTask>
      <bpmn:boundaryEvent id="cancelled" attachedToRef="receive"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m_cancel" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:endEvent id="endCancelled"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
      <bpmn:sequenceFlow id="f2" sourceRef="receive" targetRef="end" />
      <bpmn:sequenceFlow id="f3" sourceRef="cancelled" targetRef="endCancelled" />`,
      `<bpmn:message id="m_start" name="domanda" />
       <bpmn:message id="m_more" name="integrazione"><bpmn:extensionElements><zeebe:subscription correlationKey="=idDomanda" /></bpmn:extensionElements></bpmn:message>
       <bpmn:message id="m_cancel" name="ritiro"><bpmn:extensionElements><zeebe:subscription correlationKey="=idDomanda" /></bpmn:extensionElements></bpmn:message>`));
    // when
    await h.zeebe.publishMessage({ name: 'domanda', correlationKey: '', variables: { idDomanda: 'D-1' }, timeToLive: 0 });
    const instance = await waitFor(() => h.embedded.engine.knex('process_instances').where('bpmn_process_id', 'message-start').first(), 3000, 'message start');
    await waitFor(() => h.embedded.engine.knex('message_subscriptions').where({ process_instance_key: instance.key, message_name: 'ritiro' }).first(), 3000, 'subscription');
    await h.zeebe.publishMessage({ name: 'ritiro', correlationKey: 'D-1', variables: {}, timeToLive: 0 });
    // then
    await waitFor(async () => (await state(h, instance.key)) === 'COMPLETED', 3000, 'cancelled path');
    const done = await completedElements(h.embedded, instance.key);
    expect(done).toContain('endCancelled');
    expect(done).not.toContain('receive');
    expect(await variable(h, instance.key, 'idDomanda')).toBe('D-1');
    expect(await h.embedded.engine.knex('message_subscriptions').where('process_instance_key', instance.key)).toHaveLength(0);
  });

  it('an event-based gateway takes the branch of the first event and closes the others', async () => {
    // given
    await deployXml(h.zeebe, 'race.bpmn', bpmn('race', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:eventBasedGateway id="gw"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:eventBasedGateway>
      <bpmn:intermediateCatchEvent id="answer"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing><bpmn:messageEventDefinition messageRef="msg_referral" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="timeout"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="answered"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
      <bpmn:endEvent id="expired"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
      <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="answer" />
      <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="timeout" />
      <bpmn:sequenceFlow id="f4" sourceRef="answer" targetRef="answered" />
      <bpmn:sequenceFlow id="f5" sourceRef="timeout" targetRef="expired" />`, MESSAGE));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'race', variables: { caseId: 'R-1' } });
    await waitFor(() => h.embedded.engine.knex('message_subscriptions').where({ process_instance_key: Number(processInstanceKey) }).first(), 3000, 'subscription');
    // when
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'R-1', variables: { esito: 'ok' }, timeToLive: 0 });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'race');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['start', 'gw', 'answer', 'answered', 'race']);
    expect(await h.embedded.engine.knex('timers').where('process_instance_key', Number(processInstanceKey))).toHaveLength(0);
    expect(await variable(h, processInstanceKey, 'esito')).toBe('ok');
  });

  it('a message subscription survives a restart', async () => {
    // given
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-message', variables: { caseId: 'UPD-R' } });
    await waitFor(() => h.embedded.engine.knex('message_subscriptions').where({ process_instance_key: Number(processInstanceKey) }).first(), 3000, 'subscription');
    const dataDir = h.dataDir;
    await h.stop();
    // when
    h = await startHarness({ dataDir });
    await h.zeebe.publishMessage({ name: 'segnalazione', correlationKey: 'UPD-R', variables: {}, timeToLive: 0 });
    // then
    await waitFor(async () => (await state(h, processInstanceKey)) === 'COMPLETED', 3000, 'after restart');
  });
});
