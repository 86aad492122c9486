import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { records } from '../support/engineHarness.js';
import { MIGRATE_V1, MIGRATE_V2, MODIFY } from '../engine/fixtures/operationModels.js';
import { deploy, http, startRestHarness, type RestHarness } from './restHarness.js';

/** Modification, migration and resource deletion on REST v2, through Camunda's 8.9 client (strict response validation), the SDK's REST client and plain HTTP. */
describe('REST v2: modification, migration, resource deletion', () => {
  let h: RestHarness;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    h = await startRestHarness();
    const deployed = await deploy(h.base, [{ name: 'modifica.bpmn', content: MODIFY }]);
    expect(deployed.status).toBe(200);
    v1 = (await deploy(h.base, [{ name: 'procedura.bpmn', content: MIGRATE_V1() }])).body.deployments[0].processDefinition.processDefinitionKey;
    v2 = (await deploy(h.base, [{ name: 'procedura.bpmn', content: MIGRATE_V2() }])).body.deployments[0].processDefinition.processDefinitionKey;
  });
  afterAll(async () => {
    await h.stop();
  });

  const knex = () => h.embedded.engine.knex;
  const start = async (processDefinitionKey?: string): Promise<string> =>
    (await http(h.base, 'POST', '/v2/process-instances', processDefinitionKey ? { processDefinitionKey, variables: { pratica: 'P-1' } } : { processDefinitionId: 'modifica', variables: { pratica: 'P-1' } })).body.processInstanceKey;
  const liveKey = async (pi: string, elementId: string): Promise<string> =>
    String((await knex()('element_instances').where({ process_instance_key: Number(pi), element_id: elementId, state: 'ACTIVATED' }).first()).key);
  const jobs = async (pi: string) => ((await knex()('jobs').where('process_instance_key', Number(pi))) as { element_id: string }[]).map((j) => j.element_id);

  it('modifies with Camunda 8.9 client: activate with variables and terminate by element id; 204', async () => {
    // given
    const pi = await start();
    // when
    await h.camunda.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'decisione', variableInstructions: [{ variables: { esito: 'archiviazione' } }] }],
      terminateInstructions: [{ elementId: 'istruttoria' }],
    } as never);
    // then
    expect(await jobs(pi)).toEqual(['decisione']);
    expect((await knex()('variables').where({ name: 'esito', process_instance_key: Number(pi) }).first()).scope_key).toBe(Number(pi));
  });

  it('moves a token by element id (8.9 move instruction)', async () => {
    // given
    const pi = await start();
    // when
    const moved = await http(h.base, 'POST', `/v2/process-instances/${pi}/modification`, {
      moveInstructions: [{ sourceElementInstruction: { sourceType: 'byId', sourceElementId: 'istruttoria' }, targetElementId: 'decisione', ancestorScopeInstruction: { ancestorScopeType: 'sourceParent' } }],
    });
    // then
    expect(moved.status).toBe(204);
    expect(await jobs(pi)).toEqual(['decisione']);
  });

  it('modifies through the SDK REST client with ancestorElementInstanceKey -1 and a key terminate', async () => {
    // given
    const pi = await start();
    const istruttoria = await liveKey(pi, 'istruttoria');
    // when
    await h.restClient.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'verbale', ancestorElementInstanceKey: '-1' }], terminateInstructions: [{ elementInstanceKey: istruttoria }] } as never);
    // then
    expect(await jobs(pi)).toEqual(['verbale']);
  });

  it('answers refusals as problem details: 400 for a bad instruction, 404 for an unknown instance, nothing changed', async () => {
    // given
    const pi = await start();
    const before = (await records(h.embedded, pi)).length;
    // when
    const unknownElement = await http(h.base, 'POST', `/v2/process-instances/${pi}/modification`, { activateInstructions: [{ elementId: 'nessuno' }] });
    const missingId = await http(h.base, 'POST', `/v2/process-instances/${pi}/modification`, { activateInstructions: [{}] });
    const unknownInstance = await http(h.base, 'POST', '/v2/process-instances/2251799813999999/modification', { terminateInstructions: [{ elementId: 'istruttoria' }] });
    // then
    expect(unknownElement).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json'), body: { title: 'INVALID_ARGUMENT', detail: expect.stringContaining("element that could not be found: 'nessuno'") } });
    expect(missingId).toMatchObject({ status: 400, body: { detail: 'No activateInstructions[0].elementId provided' } });
    expect(unknownInstance).toMatchObject({ status: 404, body: { title: 'NOT_FOUND' } });
    expect((await records(h.embedded, pi)).length).toBe(before);
  });

  it('migrates with Camunda 8.9 client; an unmapped active element is a 409 INVALID_STATE', async () => {
    // given
    const pi = await start(v1);
    const other = await start(v1);
    // when
    await h.camunda.migrateProcessInstance({ processInstanceKey: pi, targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'istruttoria', targetElementId: 'istruttoriaV2' }] } as never);
    const refused = await http(h.base, 'POST', `/v2/process-instances/${other}/migration`, { targetProcessDefinitionKey: v2, mappingInstructions: [] });
    // then
    expect(String((await knex()('process_instances').where('key', Number(pi)).first()).process_definition_key)).toBe(v2);
    expect(await jobs(pi)).toEqual(['istruttoriaV2']);
    expect(refused).toMatchObject({ status: 409, body: { title: 'INVALID_STATE', detail: expect.stringContaining("no mapping instruction defined for active element with id 'istruttoria'") } });
    expect(String((await knex()('process_instances').where('key', Number(other)).first()).process_definition_key)).toBe(v1);
  });

  it('migrates through the SDK REST client', async () => {
    // given
    const pi = await start(v1);
    // when
    await h.restClient.migrateProcessInstance({ processInstanceKey: pi, targetProcessDefinitionKey: v2, mappingInstructions: [{ sourceElementId: 'istruttoria', targetElementId: 'istruttoriaV2' }] } as never);
    // then
    expect(await jobs(pi)).toEqual(['istruttoriaV2']);
  });

  it('deletes a resource: 200 with the key (8.9 shape), then 404; a definition deleted and drained leaves the search', async () => {
    // given
    const deployed = await deploy(h.base, [{ name: 'temporanea.bpmn', content: MODIFY.replace(/id="modifica"/, 'id="temporanea"') }]);
    const key = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
    // when
    const result = await h.camunda.deleteResource({ resourceKey: key } as never);
    const again = await http(h.base, 'POST', `/v2/resources/${key}/deletion`, {});
    // then
    expect(result).toMatchObject({ resourceKey: key, batchOperation: null });
    expect(again).toMatchObject({ status: 404, body: { title: 'NOT_FOUND' } });
    const search = await http(h.base, 'POST', '/v2/process-definitions/search', { filter: { processDefinitionId: 'temporanea' } });
    expect(search.body.items).toEqual([]);
  });

  it('deletes through the SDK REST client', async () => {
    // given
    const deployed = await deploy(h.base, [{ name: 'altra.bpmn', content: MODIFY.replace(/id="modifica"/, 'id="altraTemporanea"') }]);
    const key = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
    // when
    await h.restClient.deleteResource({ resourceKey: key });
    // then
    expect((await knex()('process_definitions').where('key', Number(key)).first()).deletion_state).toBe('DELETED');
  });
});
