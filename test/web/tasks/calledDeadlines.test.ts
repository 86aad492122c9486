import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, startTaskStack, type TaskStack } from './support/taskStack.js';

/**
 * A deadline set inside a called process (the 48 hours of a flagranza, a candidate's answer to an offer) is
 * the case's deadline too: the scadenzario lists it under the case that called the process.
 */
const PARENT = 'procedimento-disciplinare-chiamante';
const CHILD = `${PARENT}-figlio`;
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const caseDeadline = inDays(40);
const childDeadline = inDays(2);

const parentXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d_parent" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${PARENT}" name="Procedimento (chiamante)" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:callActivity id="Call_Figlio" name="Fase chiamata">
      <bpmn:extensionElements>
        <zeebe:calledElement processId="${CHILD}" propagateAllChildVariables="false"/>
        <zeebe:ioMapping><zeebe:input source="=&quot;${childDeadline}&quot;" target="scadenzaFiglio"/></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:boundaryEvent id="Timer_Caso" name="Termine del procedimento scaduto" attachedToRef="Call_Figlio">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=scadenzaCaso</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="End"/>
    <bpmn:endEvent id="End_Estinto"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Call_Figlio"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Call_Figlio" targetRef="End"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Timer_Caso" targetRef="End_Estinto"/>
  </bpmn:process>
</bpmn:definitions>`;

const childXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d_child" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${CHILD}" name="Fase chiamata" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:userTask id="Task_Risposta" name="Attendi la risposta">
      <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="provincia-upd"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Timer_Risposta" name="Termine di risposta (48 ore) scaduto" attachedToRef="Task_Risposta">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=scadenzaFiglio</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="End"/>
    <bpmn:endEvent id="End_Scaduto"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Risposta"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Risposta" targetRef="End"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Timer_Risposta" targetRef="End_Scaduto"/>
  </bpmn:process>
</bpmn:definitions>`;

type Entry = { processInstanceKey: string; variable: string; siteName?: string; elementId?: string; businessKey?: string; comune?: string; nature?: string };

describe('the scadenzario and called processes', () => {
  let stack: TaskStack;
  let rootKey: string;
  const signedIn = async (username: string) => {
    const c = new WebClient(stack.url);
    expect((await c.signIn(username, `${username}-demo`)).status).toBe(200);
    return c;
  };

  beforeAll(async () => {
    stack = await startTaskStack();
    await deployFiles(stack, [{ name: `${CHILD}.bpmn`, content: childXml }, { name: `${PARENT}.bpmn`, content: parentXml }]);
    const created = await stack.zeebe.createProcessInstance({
      bpmnProcessId: PARENT,
      variables: {
        codiceIstat: '108033',
        idProcedimento: 'UPD-2026-CHIAMATA',
        scadenzaCaso: caseDeadline,
        // the workers' list: the called process gets a copy of it with every other variable
        scadenze: [{ variabile: 'scadenzaCaso', scadeIl: caseDeadline, natura: 'perentorio', fonte: 'art. 55-bis c.4' }],
      },
    } as never);
    rootKey = String(created.processInstanceKey);
    await waitFor(async () => (await stack.engine.searchProcessInstances({ state: 'ACTIVE' }, { from: 0, limit: 10 })).items.some((i) => i.parentProcessInstanceKey === rootKey), 10_000, 'the called instance');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists a deadline of the called process under the case, with the case\'s own, each once', async () => {
    // when
    const items = (await (await signedIn('provincia')).get('/api/deadlines')).body.items as Entry[];
    // then
    const ofCase = items.filter((d) => d.processInstanceKey === rootKey);
    expect(ofCase.map((d) => d.variable).sort()).toEqual(['scadenzaCaso', 'scadenzaFiglio']);
    expect(ofCase.find((d) => d.variable === 'scadenzaFiglio')).toMatchObject({
      siteName: 'Termine di risposta (48 ore)', elementId: 'Task_Risposta', businessKey: 'UPD-2026-CHIAMATA', comune: '108033',
    });
    expect(ofCase.find((d) => d.variable === 'scadenzaCaso')).toMatchObject({ nature: 'perentorio', elementId: 'Call_Figlio' });
    expect(items.some((d) => d.processInstanceKey !== rootKey && d.variable.startsWith('scadenza'))).toBe(false);
  });

  it('shows it to the case\'s Comune and not to another', async () => {
    // when
    const monza = (await (await signedIn('comune')).get('/api/deadlines')).body.items as Entry[];
    const lissone = (await (await signedIn('lissone')).get('/api/deadlines')).body.items as Entry[];
    // then
    expect(monza.filter((d) => d.processInstanceKey === rootKey).map((d) => d.variable).sort()).toEqual(['scadenzaCaso', 'scadenzaFiglio']);
    expect(lissone.some((d) => d.processInstanceKey === rootKey)).toBe(false);
  });
});
