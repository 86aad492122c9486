import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { EmbeddedEngine } from '../../../src/engine/EmbeddedEngine.js';
import { createApp, type WebApp } from '../../../web/server/createApp.js';
import { CamundaEngineClient } from '../../../web/server/engine/CamundaEngineClient.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { sdkClient } from '../../support/engineHarness.js';
import { demoPassword, serve } from './webClient.js';

export interface WebStack {
  embedded: EmbeddedEngine;
  zeebe: ReturnType<typeof sdkClient>;
  engine: CamundaEngineClient;
  db: AppDatabase;
  app: WebApp;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The whole thing on loopback: the embedded engine (gRPC + REST on ephemeral ports), the web app
 * reading it through the Camunda REST API, and an SDK gRPC client to start instances and work jobs.
 */
export async function startWebStack(options: { staticDir?: string; liveIntervalMs?: number } = {}): Promise<WebStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-stack-'));
  const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const zeebe = sdkClient(embedded.grpcAddress);
  const engine = new CamundaEngineClient({ restAddress: embedded.restAddress });
  const db = await openAppDatabase({ dataDir: path.join(dataDir, 'app'), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  const app = createApp({ db, engine, staticDir: options.staticDir, live: { intervalMs: options.liveIntervalMs ?? 150 } });
  const server = await serve(app);
  return {
    embedded,
    zeebe,
    engine,
    db,
    app,
    url: server.url,
    dataDir,
    async stop() {
      app.services.live.closeAll();
      await server.close();
      await engine.close();
      await zeebe.close().catch(() => undefined);
      await db.close();
      await embedded.stop();
    },
  };
}

/** A small procedure of the UPD service: one job, one user task with a deadline, with DI so it draws. */
export function updTestProcess(processId = 'procedimento-disciplinare-web'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_web" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0">
  <bpmn:process id="${processId}" name="Procedimento di prova" isExecutable="true">
    <bpmn:startEvent id="Start" name="Notizia del fatto">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:serviceTask id="Task_Registra" name="Registra la segnalazione">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="web-test-registra" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Task_Contestazione" name="Scrivi la contestazione">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="provincia-upd" />
        <zeebe:taskSchedule dueDate="=scadenzaContestazione" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_2</bpmn:incoming>
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End" name="Fine">
      <bpmn:incoming>Flow_3</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Registra" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Registra" targetRef="Task_Contestazione" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Contestazione" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1">
    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Registra_di" bpmnElement="Task_Registra"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Contestazione_di" bpmnElement="Task_Contestazione"><dc:Bounds x="400" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="562" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="340" y="120" /><di:waypoint x="400" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="500" y="120" /><di:waypoint x="562" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
