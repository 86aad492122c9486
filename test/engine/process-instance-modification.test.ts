import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { CHILD, MODIFY, PARENT } from './fixtures/operationModels.js';

/** ModifyProcessInstance through @camunda8/sdk's gRPC client, against Zeebe's rules (ProcessInstanceModificationModifyProcessor). */
describe('gRPC ModifyProcessInstance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await deployXml(h.zeebe, 'modifica.bpmn', MODIFY);
    await deployXml(h.zeebe, 'figlio.bpmn', CHILD);
    await deployXml(h.zeebe, 'genitore.bpmn', PARENT);
  });
  afterAll(async () => {
    await h.stop();
  });

  const knex = () => h.embedded.engine.knex;
  const start = async (bpmnProcessId = 'modifica'): Promise<string> => (await h.zeebe.createProcessInstance({ bpmnProcessId, variables: { pratica: 'UPD-1' } } as never)).processInstanceKey;
  const live = async (pi: string, elementId: string) =>
    (await knex()('element_instances').where({ process_instance_key: Number(pi), element_id: elementId }).whereIn('state', ['ACTIVATING', 'ACTIVATED'])) as { key: number; flow_scope_key: number; element_type: string }[];
  const jobsOf = async (pi: string) => ((await knex()('jobs').where('process_instance_key', Number(pi))) as { type: string; element_id: string }[]).map((j) => `${j.element_id}:${j.type}`);
  const recordCount = async (pi: string) => (await records(h.embedded, pi)).length;

  it('moves the token: activates the next task with a global variable and terminates the current one with its job and timer', async () => {
    // given: the case waits at 'istruttoria' (a job and a non-interrupting timer boundary)
    const pi = await start();
    const [istruttoria] = await live(pi, 'istruttoria');
    expect(await knex()('timers').where('element_instance_key', istruttoria.key)).toHaveLength(1);
    // when
    await h.zeebe.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'decisione', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { motivo: 'istruttoria già svolta su carta' } }] }],
      terminateInstructions: [{ elementInstanceKey: String(istruttoria.key) }],
    } as never);
    // then
    expect(await jobsOf(pi)).toEqual(['decisione:mod-decisione']);
    expect(await knex()('timers').where('element_instance_key', istruttoria.key)).toHaveLength(0);
    const motivo = await knex()('variables').where({ name: 'motivo' }).first();
    expect(motivo.scope_key).toBe(Number(pi));
    const log = await records(h.embedded, pi);
    expect(log.filter((r) => r.element_id === 'istruttoria').map((r) => r.intent)).toEqual(expect.arrayContaining(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']));
    const modified = log.find((r) => r.value_type === 'PROCESS_INSTANCE_MODIFICATION');
    expect(modified?.intent).toBe('MODIFIED');
    expect(modified?.value).toMatchObject({ processInstanceKey: Number(pi), terminateInstructions: [{ elementInstanceKey: istruttoria.key }], activateInstructions: [{ elementId: 'decisione', ancestorScopeKeys: [Number(pi)] }] });
    expect((await knex()('process_instances').where('key', Number(pi)).first()).state).toBe('ACTIVE');
  });

  it('activates a task inside a sub-process that is not running: the sub-process opens without its start event, scoped variables local to it', async () => {
    // given
    const pi = await start();
    // when
    await h.zeebe.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'verbale', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'audizione', variables: { dataAudizione: '2026-03-10' } }] }],
    } as never);
    // then
    const [audizione] = await live(pi, 'audizione');
    const [verbale] = await live(pi, 'verbale');
    expect(verbale.flow_scope_key).toBe(audizione.key);
    expect((await records(h.embedded, pi, 'PROCESS_INSTANCE')).some((r) => r.element_id === 'audizioneStart')).toBe(false);
    const variable = await knex()('variables').where({ name: 'dataAudizione', process_instance_key: Number(pi) }).first();
    expect(variable.scope_key).toBe(audizione.key);
    expect(await jobsOf(pi)).toEqual(expect.arrayContaining(['istruttoria:mod-istruttoria', 'verbale:mod-verbale']));
  });

  it('refuses to guess between two instances of the flow scope, and activates in the one named as ancestor', async () => {
    // given: two instances of 'audizione'
    const pi = await start();
    await h.zeebe.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'audizione', ancestorElementInstanceKey: '-1', variableInstructions: [] }, { elementId: 'audizione', ancestorElementInstanceKey: '-1', variableInstructions: [] }] } as never);
    const scopes = await live(pi, 'audizione');
    expect(scopes).toHaveLength(2);
    const before = await recordCount(pi);
    // when
    const ambiguous = h.zeebe.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'verbale', ancestorElementInstanceKey: '-1', variableInstructions: [] }] } as never);
    // then
    await expect(ambiguous).rejects.toMatchObject({ code: 3, details: expect.stringContaining("flow scope with more than one active instance: 'audizione'") });
    expect(await recordCount(pi)).toBe(before);
    // when
    await h.zeebe.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'verbale', ancestorElementInstanceKey: String(scopes[1].key), variableInstructions: [] }] } as never);
    // then: a second 'verbale' inside the chosen sub-process
    const inChosen = (await live(pi, 'verbale')).filter((v) => v.flow_scope_key === scopes[1].key);
    expect(inChosen.length).toBe(2);
  });

  it('terminating the last element terminates the process instance', async () => {
    // given
    const pi = await start();
    const [istruttoria] = await live(pi, 'istruttoria');
    // when
    await h.zeebe.modifyProcessInstance({ processInstanceKey: pi, terminateInstructions: [{ elementInstanceKey: String(istruttoria.key) }] } as never);
    // then
    expect((await knex()('process_instances').where('key', Number(pi)).first()).state).toBe('TERMINATED');
  });

  const refusals: { name: string; instruction: (pi: string, keys: { istruttoria: number; other: number }) => object; code: number; detail: string }[] = [
    { name: 'an unknown element', instruction: (pi) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'nessuno', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }), code: 3, detail: "activate instructions with an element that could not be found: 'nessuno'" },
    { name: 'a start event', instruction: (pi) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'start', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }), code: 3, detail: "The activation of elements with type 'START_EVENT' is not supported" },
    { name: 'a boundary event', instruction: (pi) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'sollecito', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }), code: 3, detail: "type 'BOUNDARY_EVENT' is not supported" },
    { name: 'an element inside a multi-instance body', instruction: (pi) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'notifica', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }), code: 3, detail: "activation of multi-instance element 'perComune', which is currently unsupported" },
    { name: 'an unknown element instance to terminate', instruction: (pi) => ({ processInstanceKey: pi, terminateInstructions: [{ elementInstanceKey: '2251799813999999' }] }), code: 3, detail: "terminate instructions with an element instance that could not be found: '2251799813999999'" },
    { name: 'a variable scope outside the flow scope', instruction: (pi) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'decisione', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'audizione', variables: { x: 1 } }] }] }), code: 3, detail: "doesn't belong to the activating element's flow scope" },
    { name: 'an ancestor from another instance', instruction: (pi, keys) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'decisione', ancestorElementInstanceKey: String(keys.other), variableInstructions: [] }] }), code: 3, detail: 'does not belong to the modified process instance' },
    { name: 'an ancestor that is not a flow scope of the element', instruction: (pi, keys) => ({ processInstanceKey: pi, activateInstructions: [{ elementId: 'verbale', ancestorElementInstanceKey: String(keys.istruttoria), variableInstructions: [] }] }), code: 3, detail: "is not an ancestor of element 'verbale'" },
    { name: 'an unknown process instance', instruction: () => ({ processInstanceKey: '2251799813999998', terminateInstructions: [] }), code: 5, detail: "no process instance found with key '2251799813999998'" },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} and changes nothing`, async () => {
      // given
      const pi = await start();
      const other = await start();
      const [istruttoria] = await live(pi, 'istruttoria');
      const before = { records: await recordCount(pi), jobs: await jobsOf(pi) };
      // when
      const attempt = h.zeebe.modifyProcessInstance(refusal.instruction(pi, { istruttoria: istruttoria.key, other: Number(other) }) as never);
      // then
      await expect(attempt).rejects.toMatchObject({ code: refusal.code, details: expect.stringContaining(refusal.detail) });
      expect({ records: await recordCount(pi), jobs: await jobsOf(pi) }).toEqual(before);
    });
  }

  it('refuses to terminate the only element of an instance called by a parent (modify the parent instead)', async () => {
    // given
    const parent = await start('genitore');
    const child = await waitFor(async () => (await knex()('process_instances').where('parent_process_instance_key', Number(parent)).first()) as { key: number } | undefined, 5000, 'child instance');
    const [lavoro] = await live(String(child.key), 'lavoro');
    // when
    const attempt = h.zeebe.modifyProcessInstance({ processInstanceKey: String(child.key), terminateInstructions: [{ elementInstanceKey: String(lavoro.key) }] } as never);
    // then
    await expect(attempt).rejects.toMatchObject({ code: 3, details: expect.stringContaining('The instance was created by a call activity in the parent process') });
    expect((await knex()('process_instances').where('key', child.key).first()).state).toBe('ACTIVE');
    expect(await live(String(child.key), 'lavoro')).toHaveLength(1);
  });
});
