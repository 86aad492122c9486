/**
 * A short disciplinary procedure for the browser test: the same candidate groups and forms as
 * processes/procedimento-disciplinare*.bpmn (the Comune registers the notizia del fatto, the UPD writes
 * the contestazione under its 30-day perentorio term), with one job in between that the test works as
 * the deadlines and documents workers would.
 */
export const E2E_PROCESS_ID = 'procedimento-disciplinare-e2e';
export const E2E_JOB_TYPE = 'tasks-e2e-calcola-scadenze';

export function disciplinareE2eProcess(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_e2e" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0">
  <bpmn:process id="${E2E_PROCESS_ID}" name="Procedimento disciplinare (prova)" isExecutable="true">
    <bpmn:startEvent id="Start" name="Conoscenza del fatto"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_RegistraNotizia" name="Registra la notizia del fatto">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="disciplinare-notizia-fatto" />
        <zeebe:assignmentDefinition candidateGroups="=&#34;comune-&#34; + codiceIstat" />
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="Service_CalcolaScadenze" name="Calcola il termine di contestazione">
      <bpmn:extensionElements><zeebe:taskDefinition type="${E2E_JOB_TYPE}" /></bpmn:extensionElements>
      <bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Task_RedigiContestazione" name="Redigi la contestazione d&#39;addebito e la convocazione">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="disciplinare-contestazione" />
        <zeebe:assignmentDefinition candidateGroups="provincia-upd" />
        <zeebe:taskSchedule dueDate="=scadenzaContestazione" />
        <zeebe:priorityDefinition priority="80" />
      </bpmn:extensionElements>
      <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Timer_ContestazionePerentorio" name="Termine perentorio di contestazione scaduto" attachedToRef="Task_RedigiContestazione">
      <bpmn:outgoing>F5</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=scadenzaContestazione</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="End_Contestato" name="Contestazione redatta"><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End_Estinto" name="Procedimento estinto"><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_RegistraNotizia" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_RegistraNotizia" targetRef="Service_CalcolaScadenze" />
    <bpmn:sequenceFlow id="F3" sourceRef="Service_CalcolaScadenze" targetRef="Task_RedigiContestazione" />
    <bpmn:sequenceFlow id="F4" sourceRef="Task_RedigiContestazione" targetRef="End_Contestato" />
    <bpmn:sequenceFlow id="F5" sourceRef="Timer_ContestazionePerentorio" targetRef="End_Estinto" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_e2e">
    <bpmndi:BPMNPlane id="Plane_e2e" bpmnElement="${E2E_PROCESS_ID}">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_RegistraNotizia_di" bpmnElement="Task_RegistraNotizia"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Service_CalcolaScadenze_di" bpmnElement="Service_CalcolaScadenze"><dc:Bounds x="400" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_RedigiContestazione_di" bpmnElement="Task_RedigiContestazione"><dc:Bounds x="560" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Timer_ContestazionePerentorio_di" bpmnElement="Timer_ContestazionePerentorio"><dc:Bounds x="592" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_Contestato_di" bpmnElement="End_Contestato"><dc:Bounds x="722" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_Estinto_di" bpmnElement="End_Estinto"><dc:Bounds x="722" y="222" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="340" y="120" /><di:waypoint x="400" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="500" y="120" /><di:waypoint x="560" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F4_di" bpmnElement="F4"><di:waypoint x="660" y="120" /><di:waypoint x="722" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F5_di" bpmnElement="F5"><di:waypoint x="610" y="178" /><di:waypoint x="610" y="240" /><di:waypoint x="722" y="240" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** What the deadlines worker computes for the contestazione (workers/shared/deadlines.ts shape). */
export function contestazioneDeadline(from: Date, days = 30): { scadenzaContestazione: string; scadenze: Array<Record<string, unknown>> } {
  const last = new Date(from.getTime() + days * 86_400_000);
  const lastDay = last.toISOString().slice(0, 10);
  // The term is missed when its last day is over: the timer fires at the next midnight in Rome.
  const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const scadeIl = `${next}T00:00:00+01:00`;
  return {
    scadenzaContestazione: scadeIl,
    scadenze: [
      {
        variabile: 'scadenzaContestazione',
        tipo: 'contestazione',
        scadeIl,
        dataTermine: lastDay,
        decorrenza: from.toISOString().slice(0, 10),
        giorni: days,
        natura: 'perentorio',
        limite: 'notAfter',
        fonte: 'art. 55-bis c.4 D.Lgs. 165/2001',
        spostataDa: null,
        motivoSpostamento: null,
      },
    ],
  };
}
