import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRejectionError } from '../../../web/server/engine/EngineClient.js';
import { findResumeSteps } from '../../../web/server/instances/resumeSteps.js';
import { deployFiles, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

const XML = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'resumeSteps.bpmn'), 'utf8');
let stack: TaskStack;

beforeAll(async () => {
  stack = await startTaskStack();
  await deployFiles(stack, [{ name: 'resumeSteps.bpmn', content: XML }]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('findResumeSteps: where a case begun on paper may be resumed', () => {
  it('lists tasks, gateways, sub-processes and their insides, and intermediate events, by name', async () => {
    // when
    const steps = await findResumeSteps(XML, 'ripresa-prova');

    // then
    expect(steps).toEqual([
      { elementId: 'Task_Primo', name: 'Primo passo' },
      { elementId: 'Gateway_Attesa', name: 'Cosa arriva prima?' },
      { elementId: 'Sub_Fase', name: 'Fase esterna' },
      { elementId: 'Task_Interno', name: 'Passo interno', within: 'Fase esterna' },
      { elementId: 'Sub_PerComune', name: 'Per ogni Comune' },
      { elementId: 'Throw_Segnala', name: 'Throw_Segnala' },
    ]);
  });

  it('offers only steps the engine accepts as start instructions', async () => {
    // given
    const steps = await findResumeSteps(XML, 'ripresa-prova');

    // when / then: each one starts an instance standing there
    for (const step of steps) {
      const { processInstanceKey } = await stack.engine.createProcessInstance('ripresa-prova', {}, { startElementIds: [step.elementId] });
      const active = await stack.engine.searchElementInstances(processInstanceKey);
      expect(active.map((e) => e.elementId), step.elementId).toContain(step.elementId);
    }
  });

  it('leaves out what the engine refuses: start and boundary events, targets of an event-based gateway, the inside of a multi-instance', async () => {
    // given
    const offered = (await findResumeSteps(XML, 'ripresa-prova')).map((s) => s.elementId);

    // when / then
    for (const elementId of ['Start_1', 'Boundary_Scadenza', 'Catch_Timer', 'Catch_Altro', 'Task_NelMulti', 'Start_Fase']) {
      expect(offered).not.toContain(elementId);
      await expect(stack.engine.createProcessInstance('ripresa-prova', {}, { startElementIds: [elementId] }), elementId).rejects.toBeInstanceOf(EngineRejectionError);
    }
  });

  it('knows no steps of a process the diagram does not hold', async () => {
    expect(await findResumeSteps(XML, 'altro-processo')).toEqual([]);
  });
});
