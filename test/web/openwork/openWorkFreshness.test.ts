import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '../support/webClient.js';
import { deployFiles, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * The task list and the scadenzario read the open-work index: whatever another client does in the engine
 * (start a case, complete or cancel it) shows in the next answer, the app's own claims at once, an
 * assignment made elsewhere (no step shows it) after the periodic rebuild, and a lost index is rebuilt.
 */
const PROCESS = 'procedimento-disciplinare-indice';
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d_index" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${PROCESS}" name="Procedimento (indice)" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:userTask id="Task_Contestazione" name="Scrivi la contestazione">
      <bpmn:extensionElements>
        <zeebe:userTask/>
        <zeebe:assignmentDefinition candidateGroups="provincia-upd"/>
        <zeebe:taskSchedule dueDate="=scadenzaContestazione"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Timer_Contestazione" name="Termine per la contestazione scaduto" attachedToRef="Task_Contestazione">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=scadenzaContestazione</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="End"/>
    <bpmn:endEvent id="End_Scaduto"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Contestazione"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Contestazione" targetRef="End"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Timer_Contestazione" targetRef="End_Scaduto"/>
  </bpmn:process>
</bpmn:definitions>`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

type Task = { userTaskKey: string; processInstanceKey: string; assignee?: string; businessKey?: string };
type Deadline = { processInstanceKey: string; variable: string; businessKey?: string };

describe('the open-work index behind the task list and the scadenzario', () => {
  let stack: TaskStack;
  let upd: WebClient;

  const startCase = async (number: string) => {
    const created = await stack.zeebe.createProcessInstance({
      bpmnProcessId: PROCESS,
      variables: { codiceIstat: '108033', idProcedimento: number, scadenzaContestazione: inDays(20) },
    } as never);
    return String(created.processInstanceKey);
  };
  const tasksOf = async (key: string, view = 'all') => ((await upd.get(`/api/tasks?view=${view}`)).body.items as Task[]).filter((t) => t.processInstanceKey === key);
  const deadlinesOf = async (key: string) => ((await upd.get('/api/deadlines')).body.items as Deadline[]).filter((d) => d.processInstanceKey === key);
  /** the task, once the engine shows it (a user task is created in the batch after the instance) */
  const engineTask = async (key: string) => {
    for (let i = 0; i < 100; i++) {
      const [task] = await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey: key });
      if (task) return task;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no task for ${key}`);
  };

  beforeAll(async () => {
    stack = await startTaskStack();
    await deployFiles(stack, [{ name: `${PROCESS}.bpmn`, content: xml }]);
    upd = new WebClient(stack.url);
    expect((await upd.signIn('provincia', 'provincia-demo')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists a case started by another client in the next answer, and drops it once completed there', async () => {
    // given: started over gRPC, not through the app
    const key = await startCase('UPD-2026-IDX-1');
    const task = await engineTask(key);

    // when / then
    expect((await tasksOf(key)).map((t) => [t.userTaskKey, t.businessKey])).toEqual([[task.userTaskKey, 'UPD-2026-IDX-1']]);
    expect((await deadlinesOf(key)).map((d) => d.variable)).toEqual(['scadenzaContestazione']);

    // when: completed through the engine's REST API by another client
    await stack.tasks.complete(task.userTaskKey, {});

    // then: off the lists of open work, still a case the Pratiche search finds, now ended
    expect(await tasksOf(key)).toEqual([]);
    expect(await deadlinesOf(key)).toEqual([]);
    const found = (await upd.get('/api/cases?q=upd-2026-idx-1')).body as { items: Array<{ processInstanceKey: string; state: string; caseNumber: string }>; total: number };
    expect(found.items.map((c) => [c.processInstanceKey, c.caseNumber, c.state])).toEqual([[key, 'UPD-2026-IDX-1', 'COMPLETED']]);
    expect(found.total).toBe(1);
  });

  it('shows the app’s own claim at once, and drops a case cancelled elsewhere', async () => {
    // given
    const key = await startCase('UPD-2026-IDX-2');
    const task = await engineTask(key);
    expect((await tasksOf(key, 'unassigned')).length).toBe(1);

    // when: claimed in the app (no step: only the assignee changes)
    expect((await upd.post(`/api/tasks/${task.userTaskKey}/claim`, {})).status).toBe(200);

    // then
    expect((await tasksOf(key, 'mine')).map((t) => t.assignee)).toEqual(['provincia']);
    expect(await tasksOf(key, 'unassigned')).toEqual([]);

    // when: cancelled by another client
    await stack.engine.cancelProcessInstance(key);

    // then
    expect(await tasksOf(key)).toEqual([]);
    expect(await deadlinesOf(key)).toEqual([]);
  });

  it('finds a Comune’s cases for its lists in the index, also one that started and ended between two answers', async () => {
    // given: the Comune user has read its list once (the index is built)
    const monza = new WebClient(stack.url);
    expect((await monza.signIn('comune', 'comune-demo')).status).toBe(200);
    const listed = async (client: WebClient) => ((await client.get('/api/instances?size=100')).body.items as Array<{ processInstanceKey: string }>).map((i) => i.processInstanceKey);
    await listed(monza);
    const lissone = new WebClient(stack.url);
    expect((await lissone.signIn('lissone', 'lissone-demo')).status).toBe(200);

    // when: another client starts a Monza case and completes it before the next answer, and starts one for Lissone
    const key = await startCase('UPD-2026-IDX-4');
    await stack.tasks.complete((await engineTask(key)).userTaskKey, {});
    const other = String((await stack.zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: { codiceIstat: '108028', idProcedimento: 'UPD-2026-IDX-5', scadenzaContestazione: inDays(20) } } as never)).processInstanceKey);

    // then
    const forMonza = await listed(monza);
    expect(forMonza).toContain(key);
    expect(forMonza).not.toContain(other);
    expect(await listed(lissone)).toEqual([other]);
  });

  it('picks up an assignment made by another client at the next rebuild, and rebuilds a lost index', async () => {
    // given
    const key = await startCase('UPD-2026-IDX-3');
    const task = await engineTask(key);
    expect((await tasksOf(key, 'unassigned')).length).toBe(1);

    // when: assigned elsewhere (Tasklist, another app): no element starts or ends
    await stack.tasks.assign(task.userTaskKey, 'upd2', true);

    // then: the index shows it after its periodic rebuild
    expect((await tasksOf(key)).map((t) => t.assignee ?? null)).toEqual([null]);
    await stack.app.services.openWork!.reconcile();
    expect((await tasksOf(key)).map((t) => t.assignee)).toEqual(['upd2']);

    // when: the index is lost (a database restored without it)
    await stack.db.knex('open_tasks').delete();
    await stack.db.knex('open_deadlines').delete();
    await stack.db.knex('open_work_state').delete();

    // then: the next answer builds it again from the engine
    expect((await tasksOf(key)).map((t) => t.assignee)).toEqual(['upd2']);
    expect((await deadlinesOf(key)).map((d) => d.businessKey)).toEqual(['UPD-2026-IDX-3']);
  });
});
