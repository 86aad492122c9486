import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v89 from '@camunda/camunda-api-zod-schemas/8.9';
import { bpmn } from '../support/engineHarness.js';
import { deploy, expectSchema, http, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

const ORDER = bpmn('rest-order', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:serviceTask id="check" name="Check order">
      <bpmn:extensionElements><zeebe:taskDefinition type="rest-check" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="ship" />
    <bpmn:serviceTask id="ship" name="Ship">
      <bpmn:extensionElements><zeebe:taskDefinition type="rest-ship" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="ship" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>`).replace('<bpmn:process id="rest-order"', '<bpmn:process id="rest-order" name="Order"');

describe('REST v2: deployments, definitions, instances, element instances, variables, jobs', () => {
  let h: RestHarness;
  let definitionKey: string;
  beforeAll(async () => {
    h = await startRestHarness();
    const deployed = await deploy(h.base, [{ name: 'rest-order.bpmn', content: ORDER }]);
    expect(deployed.status).toBe(200);
    definitionKey = deployed.body.deployments[0].processDefinition.processDefinitionKey;
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers the topology as the SDK expects', async () => {
    // when
    const topology = await h.camunda.getTopology();
    // then
    expect(topology.brokers?.[0].partitions[0]).toEqual({ partitionId: 1, role: 'leader', health: 'healthy' });
    expectSchema(v89.getTopologyResponseBodySchema, h.lastBody());
  });

  it('deploys multipart resources with the deployment shape of the SDK schema', async () => {
    // when
    const result = await h.camunda.createDeployment({ resources: [new File([ORDER.replace('Check order', 'Check the order')], 'rest-order.bpmn')] as never });
    // then
    const process = result.deployments[0].processDefinition;
    expect(process).toMatchObject({ processDefinitionId: 'rest-order', processDefinitionVersion: 2, resourceName: 'rest-order.bpmn' });
    expectSchema(v89.processDeploymentSchema, (h.lastBody() as { deployments: { processDefinition: unknown }[] }).deployments[0].processDefinition);
  });

  it('searches and gets process definitions, and serves their XML', async () => {
    // when
    const latest = await h.camunda.searchProcessDefinitions({ filter: { processDefinitionId: 'rest-order', isLatestVersion: true } }, NO_WAIT);
    const all = await h.camunda.searchProcessDefinitions({ filter: { processDefinitionId: 'rest-order' }, sort: [{ field: 'version', order: 'DESC' }], page: { from: 0, limit: 1 } }, NO_WAIT);
    expectSchema(v89.queryProcessDefinitionsResponseBodySchema, h.lastBody());
    const one = await h.camunda.getProcessDefinition({ processDefinitionKey: definitionKey }, NO_WAIT);
    const xml = await http(h.base, 'GET', `/v2/process-definitions/${definitionKey}/xml`);
    // then
    expect(latest.items!.map((d) => d.version)).toEqual([2]);
    expect(Number(all.page.totalItems)).toBe(2);
    expect(all.items!.map((d) => d.version)).toEqual([2]);
    expect(one).toMatchObject({ processDefinitionKey: definitionKey, name: 'Order', version: 1 });
    expect(xml.contentType).toContain('text/xml');
    expect(xml.body).toContain('<bpmn:process id="rest-order"');
    expectSchema(v89.processDefinitionSchema, await http(h.base, 'GET', `/v2/process-definitions/${definitionKey}`).then((r) => r.body));
  });

  it('runs an instance through REST job activation and completion, then reports its history', async () => {
    // given
    const created = await h.camunda.createProcessInstance({ processDefinitionKey: definitionKey, variables: { orderId: 'A-1', amount: 40 } } as never);
    expectSchema(v89.createProcessInstanceResponseBodySchema, h.lastBody());
    const key = created.processInstanceKey;
    // when
    const activated = await h.camunda.activateJobs({ type: 'rest-check', worker: 'rest-test', timeout: 30_000, maxJobsToActivate: 5, requestTimeout: 2_000 } as never);
    expectSchema(v89.activateJobsResponseBodySchema, h.lastBody());
    expect(activated.jobs).toHaveLength(1);
    expect(activated.jobs[0].variables).toEqual({ orderId: 'A-1', amount: 40 });
    await h.camunda.completeJob({ jobKey: activated.jobs[0].jobKey, variables: { checked: true } });
    // then: one task left, a path taken, counts per element
    const flows = await h.camunda.getProcessInstanceSequenceFlows({ processInstanceKey: key }, NO_WAIT);
    expect(flows.items!.map((f) => f.sequenceFlowId).sort()).toEqual(['f1', 'f2']);
    expectSchema(v89.getProcessInstanceSequenceFlowsResponseBodySchema, h.lastBody());
    const stats = await h.camunda.getProcessInstanceStatistics({ processInstanceKey: key }, NO_WAIT);
    expectSchema(v89.getProcessInstanceStatisticsResponseBodySchema, h.lastBody());
    const byElement = Object.fromEntries(stats.items!.map((s) => [s.elementId, { active: Number(s.active), completed: Number(s.completed), canceled: Number(s.canceled), incidents: Number(s.incidents) }]));
    expect(byElement).toEqual({
      start: { active: 0, completed: 1, canceled: 0, incidents: 0 },
      check: { active: 0, completed: 1, canceled: 0, incidents: 0 },
      ship: { active: 1, completed: 0, canceled: 0, incidents: 0 },
    });
    const elements = await h.camunda.searchElementInstances({ filter: { processInstanceKey: key }, sort: [{ field: 'startDate', order: 'ASC' }] } as never, NO_WAIT);
    expectSchema(v89.queryElementInstancesResponseBodySchema, h.lastBody());
    // The process itself is not an element instance in Camunda's query API.
    expect(elements.items!.map((e) => [e.elementId, e.type, e.state])).toEqual([
      ['start', 'START_EVENT', 'COMPLETED'],
      ['check', 'SERVICE_TASK', 'COMPLETED'],
      ['ship', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    const check = await h.camunda.getElementInstance({ elementInstanceKey: elements.items![1].elementInstanceKey }, NO_WAIT);
    expect(check).toMatchObject({ elementName: 'Check order', state: 'COMPLETED', processInstanceKey: key });
    expectSchema(v89.getElementInstanceResponseBodySchema, h.lastBody());
  });

  it('searches and gets process instances with filters, sort and paging', async () => {
    // given
    for (let i = 0; i < 3; i++) await h.camunda.createProcessInstance({ processDefinitionId: 'rest-order', variables: { n: i } } as never);
    // when
    const page = await h.camunda.searchProcessInstances({ filter: { processDefinitionId: 'rest-order', state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'DESC' }], page: { from: 1, limit: 2 } } as never, NO_WAIT);
    expectSchema(v89.queryProcessInstancesResponseBodySchema, h.lastBody());
    const byVariable = await h.camunda.searchProcessInstances({ filter: { variables: [{ name: 'n', value: '2' }] } } as never, NO_WAIT);
    const one = await h.camunda.getProcessInstance({ processInstanceKey: byVariable.items![0].processInstanceKey }, NO_WAIT);
    // then
    expect(Number(page.page.totalItems)).toBe(4);
    expect(page.items!).toHaveLength(2);
    expect(byVariable.items!).toHaveLength(1);
    expect(one).toMatchObject({ processDefinitionId: 'rest-order', processDefinitionName: 'Order', state: 'ACTIVE', hasIncident: false });
    expectSchema(v89.processInstanceSchema, h.lastBody());
  });

  it('searches variables (JSON text, truncated previews) and gets one in full', async () => {
    // given
    const created = await h.camunda.createProcessInstance({ processDefinitionId: 'rest-order', variables: { long: 'x'.repeat(9000), small: { a: [1, 2] } } } as never);
    // when
    const found = await h.camunda.searchVariables({ filter: { processInstanceKey: created.processInstanceKey }, sort: [{ field: 'name', order: 'ASC' }] } as never, NO_WAIT);
    expectSchema(v89.queryVariablesResponseBodySchema, h.lastBody());
    const full = await h.camunda.getVariable({ variableKey: found.items![0].variableKey }, NO_WAIT);
    // then
    expect(found.items!.map((v) => [v.name, v.isTruncated])).toEqual([['long', true], ['small', false]]);
    expect(found.items![1].value).toBe('{"a":[1,2]}');
    expect(full.value).toBe(JSON.stringify('x'.repeat(9000)));
  });

  it('reports element statistics of a definition, and cancels an instance', async () => {
    // given
    const created = await h.camunda.createProcessInstance({ processDefinitionKey: definitionKey } as never);
    // when
    await h.camunda.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    const stats = await h.camunda.getProcessDefinitionStatistics({ processDefinitionKey: definitionKey, filter: {} } as never, NO_WAIT);
    expectSchema(v89.getProcessDefinitionStatisticsResponseBodySchema, h.lastBody());
    const canceled = await h.camunda.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NO_WAIT);
    // then
    const check = stats.items!.find((s) => String(s.elementId) === 'check');
    expect(Number(check?.canceled)).toBe(1);
    expect(Number(check?.completed)).toBe(1);
    expect(Number(check?.active)).toBe(0);
    expect(Number(stats.items!.find((s) => String(s.elementId) === 'ship')?.active)).toBe(1);
    expect(canceled.state).toBe('TERMINATED');
    expect(canceled.endDate).toBeDefined();
  });
});
