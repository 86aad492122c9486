import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v89 from '@camunda/camunda-api-zod-schemas/8.9';
import { problemDetailResponseSchema } from '@camunda/camunda-api-zod-schemas/8.8';
import { bpmn } from '../support/engineHarness.js';
import { deploy, expectSchema, http, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

const PAYMENT = bpmn('rest-payment', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
    <bpmn:serviceTask id="charge">
      <bpmn:extensionElements><zeebe:taskDefinition type="rest-charge" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="paid" />
    <bpmn:intermediateCatchEvent id="paid">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="msg_paid" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="paid" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>`,
  `<bpmn:message id="msg_paid" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`);

describe('REST v2: incidents, messages, signals, clock and problem details', () => {
  let h: RestHarness;
  beforeAll(async () => {
    h = await startRestHarness();
    expect((await deploy(h.base, [{ name: 'rest-payment.bpmn', content: PAYMENT }])).status).toBe(200);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('raises an incident when a job fails without retries, refuses to resolve it until retries are given, then resolves it', async () => {
    // given
    const created = await h.camunda.createProcessInstance({ processDefinitionId: 'rest-payment', variables: { orderId: 'P-1' } } as never);
    const { jobs } = await h.camunda.activateJobs({ type: 'rest-charge', worker: 'w', timeout: 30_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    await h.camunda.failJob({ jobKey: jobs[0].jobKey, retries: 0, errorMessage: 'carta rifiutata' } as never);
    // when
    const found = await h.camunda.searchIncidents({ filter: { processInstanceKey: created.processInstanceKey, state: 'ACTIVE' } } as never, NO_WAIT);
    expectSchema(v89.queryIncidentsResponseBodySchema, h.lastBody());
    const incident = found.items![0];
    const early = await http(h.base, 'POST', `/v2/incidents/${incident.incidentKey}/resolution`, {});
    await h.camunda.updateJob({ jobKey: jobs[0].jobKey, changeset: { retries: 1 } } as never);
    await h.camunda.resolveIncident({ incidentKey: incident.incidentKey } as never);
    // then
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'carta rifiutata', elementId: 'charge', jobKey: jobs[0].jobKey });
    expect(early.status).toBe(409);
    expectSchema(problemDetailResponseSchema, early.body);
    const resolved = await http(h.base, 'GET', `/v2/incidents/${incident.incidentKey}`);
    expect(resolved.body.state).toBe('RESOLVED');
    expectSchema(v89.getIncidentResponseBodySchema, resolved.body);
    const again = await h.camunda.activateJobs({ type: 'rest-charge', worker: 'w', timeout: 30_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    expect(again.jobs.map((j) => j.jobKey)).toEqual([jobs[0].jobKey]);
  });

  it('correlates a message to the waiting instance, 404 when nothing waits; publication buffers and refuses a duplicate id', async () => {
    // given
    const created = await h.camunda.createProcessInstance({ processDefinitionId: 'rest-payment', variables: { orderId: 'P-2' } } as never);
    const { jobs } = await h.camunda.activateJobs({ type: 'rest-charge', worker: 'w', timeout: 30_000, maxJobsToActivate: 5, requestTimeout: -1 } as never);
    for (const job of jobs) await h.camunda.completeJob({ jobKey: job.jobKey } as never);
    // when
    const correlated = await h.camunda.correlateMessage({ name: 'paid', correlationKey: 'P-2', variables: { receipt: 'R-9' } } as never);
    expectSchema(v89.correlateMessageResponseBodySchema, h.lastBody());
    const nobody = await http(h.base, 'POST', '/v2/messages/correlation', { name: 'paid', correlationKey: 'P-404' });
    const published = await h.camunda.publishMessage({ name: 'paid', correlationKey: 'P-3', timeToLive: 60_000, messageId: 'm-1' } as never);
    expectSchema(v89.publishMessageResponseBodySchema, h.lastBody());
    const duplicate = await http(h.base, 'POST', '/v2/messages/publication', { name: 'paid', correlationKey: 'P-3', timeToLive: 60_000, messageId: 'm-1' });
    // then
    expect(correlated.processInstanceKey).toBe(created.processInstanceKey);
    expect((await h.camunda.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NO_WAIT)).state).toBe('COMPLETED');
    expect(nobody.status).toBe(404);
    expect(published.messageKey).toMatch(/^\d+$/);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.title).toBe('ALREADY_EXISTS');
  });

  it('broadcasts a signal', async () => {
    // when
    const result = await h.camunda.broadcastSignal({ signalName: 'nobody-listens' } as never);
    // then
    expect(result.signalKey).toMatch(/^\d+$/);
    expectSchema(v89.broadcastSignalResponseBodySchema, h.lastBody());
  });

  it('pins the engine clock and resets it', async () => {
    // given
    const pinned = Date.parse('2027-03-01T08:00:00.000Z');
    // when
    await h.camunda.pinClock({ timestamp: pinned } as never);
    const created = await h.camunda.createProcessInstance({ processDefinitionId: 'rest-payment', variables: { orderId: 'P-clock' } } as never);
    const instance = await h.camunda.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NO_WAIT);
    await h.camunda.resetClock();
    // then
    expect(instance.startDate).toBe('2027-03-01T08:00:00.000Z');
    expect(h.embedded.engine.clock.isPinned).toBe(false);
    expect((await http(h.base, 'PUT', '/v2/clock', { timestamp: 'tomorrow' })).status).toBe(400);
  });

  it('answers bad input with RFC 9457 problems naming what was wrong', async () => {
    // when
    const cases = await Promise.all([
      http(h.base, 'POST', '/v2/process-instances/search', '{"filter":'),
      http(h.base, 'POST', '/v2/process-instances/search', { filter: { processInstanceKey: 'abc' } }),
      http(h.base, 'POST', '/v2/process-instances/search', { sort: [{ field: 'colour' }] }),
      http(h.base, 'POST', '/v2/element-instances/search', { filter: { state: 'SLEEPING' } }),
      http(h.base, 'POST', '/v2/process-instances/search', { page: { limit: -1 } }),
      http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'rest-payment', variables: [1, 2] }),
      http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'missing' }),
      http(h.base, 'POST', '/v2/process-instances/2251799813999999/cancellation', {}),
      http(h.base, 'GET', '/v2/element-instances/2251799813999999'),
      fetch(`${h.base}/v2/deployments`, { method: 'POST', body: (() => { const f = new FormData(); f.append('resources', new Blob(['<nope/>']), 'broken.bpmn'); return f; })() })
        .then(async (r) => ({ status: r.status, contentType: r.headers.get('content-type') ?? '', body: await r.json() })),
      http(h.base, 'POST', '/v2/element-instances/search', { filter: { elementName: 'Istruttoria' } }),
    ]);
    // then
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 400, 404, 404, 404, 400, 400]);
    for (const c of cases) {
      expect(c.contentType).toContain('application/problem+json');
      expectSchema(problemDetailResponseSchema, c.body);
    }
    expect(cases[1].body.detail).toContain('processInstanceKey');
    expect(cases[2].body.detail).toContain("'colour'");
    expect(cases[3].body.detail).toContain('SLEEPING');
    expect(cases[5].body.detail).toContain('variables');
    expect(cases[9].body.detail).toContain('broken.bpmn');
    expect(cases[10].body.detail).toBe("Filter 'elementName' is not supported by this gateway; filter by 'elementId'");
  });
});
