/**
 * A short disciplinary procedure that passes through everything the audit trail records: a
 * deadlines-and-document job, a protocol job that can fail into an incident, a user task with a
 * perentorio term (due date and boundary timer on the same variable), a check that can throw a
 * BPMN error. The process id starts with procedimento-disciplinare, so reading it leaves case.read.
 */
export const AUDIT_PROCESS_ID = 'procedimento-disciplinare-audit';
export const JOB_CALCOLA = 'audit-test-calcola-scadenze';
export const JOB_PROTOCOLLO = 'audit-test-protocollo';
export const JOB_VERIFICA = 'audit-test-verifica';
export const ERROR_ARCHIVIAZIONE = 'PEC_NON_CONSEGNATA';

const shape = (id: string, x: number, y: number, w = 100, h = 80) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
const edge = (id: string, ...points: Array<[number, number]>) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`;

export function auditTestProcess(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_audit" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0">
  <bpmn:error id="Error_Archiviazione" name="Archiviazione" errorCode="${ERROR_ARCHIVIAZIONE}" />
  <bpmn:process id="${AUDIT_PROCESS_ID}" name="Procedimento disciplinare (audit)" isExecutable="true">
    <bpmn:startEvent id="Start" name="Conoscenza del fatto"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Service_Calcola" name="Calcola i termini e redige la segnalazione">
      <bpmn:extensionElements><zeebe:taskDefinition type="${JOB_CALCOLA}" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:serviceTask id="Service_Protocollo" name="Protocolla">
      <bpmn:extensionElements><zeebe:taskDefinition type="${JOB_PROTOCOLLO}" retries="1" /></bpmn:extensionElements>
      <bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Task_Contestazione" name="Redigi la contestazione d'addebito">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="provincia-upd" />
        <zeebe:taskSchedule dueDate="=scadenzaContestazione" />
      </bpmn:extensionElements>
      <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Timer_Perentorio" name="Termine di contestazione scaduto" attachedToRef="Task_Contestazione">
      <bpmn:outgoing>F6</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=scadenzaContestazione</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="Service_Verifica" name="Verifica la consegna">
      <bpmn:extensionElements><zeebe:taskDefinition type="${JOB_VERIFICA}" /></bpmn:extensionElements>
      <bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="Error_NonConsegnata" name="PEC non consegnata" attachedToRef="Service_Verifica">
      <bpmn:outgoing>F7</bpmn:outgoing>
      <bpmn:errorEventDefinition errorRef="Error_Archiviazione" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="End_Contestato" name="Contestazione consegnata"><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End_Estinto" name="Procedimento estinto"><bpmn:incoming>F6</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End_Consegna" name="Consegna a mano"><bpmn:incoming>F7</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Service_Calcola" />
    <bpmn:sequenceFlow id="F2" sourceRef="Service_Calcola" targetRef="Service_Protocollo" />
    <bpmn:sequenceFlow id="F3" sourceRef="Service_Protocollo" targetRef="Task_Contestazione" />
    <bpmn:sequenceFlow id="F4" sourceRef="Task_Contestazione" targetRef="Service_Verifica" />
    <bpmn:sequenceFlow id="F5" sourceRef="Service_Verifica" targetRef="End_Contestato" />
    <bpmn:sequenceFlow id="F6" sourceRef="Timer_Perentorio" targetRef="End_Estinto" />
    <bpmn:sequenceFlow id="F7" sourceRef="Error_NonConsegnata" targetRef="End_Consegna" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_audit">
    <bpmndi:BPMNPlane id="Plane_audit" bpmnElement="${AUDIT_PROCESS_ID}">
      ${shape('Start', 152, 102, 36, 36)}
      ${shape('Service_Calcola', 240, 80)}
      ${shape('Service_Protocollo', 390, 80)}
      ${shape('Task_Contestazione', 540, 80)}
      ${shape('Timer_Perentorio', 572, 142, 36, 36)}
      ${shape('Service_Verifica', 690, 80)}
      ${shape('Error_NonConsegnata', 722, 142, 36, 36)}
      ${shape('End_Contestato', 842, 102, 36, 36)}
      ${shape('End_Estinto', 572, 242, 36, 36)}
      ${shape('End_Consegna', 722, 242, 36, 36)}
      ${edge('F1', [188, 120], [240, 120])}
      ${edge('F2', [340, 120], [390, 120])}
      ${edge('F3', [490, 120], [540, 120])}
      ${edge('F4', [640, 120], [690, 120])}
      ${edge('F5', [790, 120], [842, 120])}
      ${edge('F6', [590, 178], [590, 242])}
      ${edge('F7', [740, 178], [740, 242])}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** A case that calls a phase (a called process, as the disciplinary procedure calls its istruttoria). */
export const CALLER_PROCESS_ID = 'procedimento-disciplinare-audit-chiamante';
export const CALLED_PROCESS_ID = `${CALLER_PROCESS_ID}-fase`;

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0"`;

/** start → middle → end on one line, with its diagram. */
function straightProcess(id: string, name: string, middle: string): string {
  return `${HEADER} id="Definitions_${id}">
  <bpmn:process id="${id}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    ${middle}
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Step" />
    <bpmn:sequenceFlow id="F2" sourceRef="Step" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${id}">
    <bpmndi:BPMNPlane id="Plane_${id}" bpmnElement="${id}">
      ${shape('Start', 152, 102, 36, 36)}
      ${shape('Step', 240, 80)}
      ${shape('End', 392, 102, 36, 36)}
      ${edge('F1', [188, 120], [240, 120])}
      ${edge('F2', [340, 120], [392, 120])}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export function callerProcess(): string {
  return straightProcess(
    CALLER_PROCESS_ID,
    'Procedimento disciplinare (audit, chiamante)',
    `<bpmn:callActivity id="Step" name="Fase chiamata">
      <bpmn:extensionElements><zeebe:calledElement processId="${CALLED_PROCESS_ID}" propagateAllChildVariables="false" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:callActivity>`,
  );
}

export function calledProcess(): string {
  return straightProcess(CALLED_PROCESS_ID, 'Fase chiamata (audit)', `<bpmn:manualTask id="Step" name="Istruttoria"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:manualTask>`);
}
