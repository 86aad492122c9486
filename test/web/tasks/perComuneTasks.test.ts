import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, startTaskStack, type TaskStack } from './support/taskStack.js';

/** A task done once per Comune of a case (multi-instance over the Comuni of a concorso) is listed with its own Comune. */
const PROCESS = 'selezione-personale-per-comune';
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${PROCESS}" name="Selezione (per Comune)" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:userTask id="Task_Posti" name="Dichiara i posti da coprire">
      <bpmn:extensionElements>
        <zeebe:userTask/>
        <zeebe:assignmentDefinition candidateGroups="=&quot;comune-&quot; + comune.codiceIstat"/>
        <zeebe:ioMapping><zeebe:input source="=comune.codiceIstat" target="codiceIstat"/></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=comuniAderenti" inputElement="comune"/></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Posti"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Posti" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>`;

type Item = { processInstanceKey: string; elementId: string; comune?: string };

describe('tasks done once per Comune', () => {
  let stack: TaskStack;
  let instanceKey: string;
  beforeAll(async () => {
    stack = await startTaskStack();
    await deployFiles(stack, [{ name: `${PROCESS}.bpmn`, content: xml }]);
    const created = await stack.zeebe.createProcessInstance({
      bpmnProcessId: PROCESS,
      variables: { idConcorso: 'CONC-2026-03', comuniAderenti: [{ codiceIstat: '108033' }, { codiceIstat: '108028' }] },
    } as never);
    instanceKey = String(created.processInstanceKey);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const tasksOf = async (username: string): Promise<Item[]> => {
    const client = new WebClient(stack.url);
    expect((await client.signIn(username, `${username}-demo`)).status).toBe(200);
    return waitFor(async () => {
      const items = ((await client.get('/api/tasks')).body.items as Item[]).filter((t) => t.processInstanceKey === instanceKey);
      return items.length > 0 ? items : undefined;
    }, 10_000, `${username}'s tasks`);
  };

  it('gives each task the Comune it is for, in the list of that Comune', async () => {
    // when
    const monza = await tasksOf('comune');
    const lissone = await tasksOf('lissone');
    // then
    expect(monza.map((t) => t.comune)).toEqual(['108033']);
    expect(lissone.map((t) => t.comune)).toEqual(['108028']);
  });
});
