/** The benchmark's process: start → three service tasks → end, for the embedded engine and for bpmn-engine. */
export const THREE_TASKS_ID = 'bench-three-tasks';
export const WAITING_ID = 'bench-waiting';
export const TASK_TYPES = ['bench-a', 'bench-b', 'bench-c'] as const;

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';

function chain(processId: string, tasks: string[]): string {
  const ids = ['start', ...tasks.map((_, i) => `t${i}`), 'end'];
  const flows = ids.slice(1).map((target, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${target}" />`);
  const taskXml = tasks.map((body, i) => `<bpmn:serviceTask id="t${i}" ${body}<bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing></bpmn:serviceTask>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:zeebe="${ZEEBE}" id="defs_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${taskXml.join('\n    ')}
    <bpmn:endEvent id="end"><bpmn:incoming>f${tasks.length}</bpmn:incoming></bpmn:endEvent>
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

const zeebeTask = (type: string): string => `><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;

/** Zeebe flavour: each service task is a job of type bench-a/b/c. */
export function threeTasksXml(): string {
  return chain(THREE_TASKS_ID, TASK_TYPES.map(zeebeTask));
}

/** One service task nobody works on: every instance waits there. */
export function waitingXml(taskType = 'bench-nobody'): string {
  return chain(WAITING_ID, [zeebeTask(taskType)]);
}

/** bpmn-engine flavour: the same flow, each service task an in-process function from `environment.services`. */
export function threeTasksXmlForBpmnEngine(serviceNames: readonly string[] = TASK_TYPES.map((t) => t.replace('-', '_'))): string {
  return chain(THREE_TASKS_ID, serviceNames.map((name) => `implementation="\${environment.services.${name}}">`));
}
