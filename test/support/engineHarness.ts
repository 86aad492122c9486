import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { EmbeddedEngine, type EmbeddedEngineOptions } from '../../src/engine/EmbeddedEngine.js';

export interface Harness {
  embedded: EmbeddedEngine;
  zeebe: ZeebeGrpcClient;
  dataDir: string;
  address: string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'engine-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A Camunda 8 SDK gRPC client pointed at an address, quiet and without auth (as for a local gateway). */
export function sdkClient(address: string): ZeebeGrpcClient {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  return camunda.getZeebeGrpcApiClient();
}

/** Starts the embedded engine on a fresh SQLite file and an ephemeral loopback port, with an SDK client. */
export async function startHarness(options: EmbeddedEngineOptions & { dataDir?: string } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDir();
  const embedded = await EmbeddedEngine.start({ ...options, dataDir, grpc: { ...options.grpc, host: '127.0.0.1', port: 0 } });
  const address = embedded.grpcAddress;
  const zeebe = sdkClient(address);
  return {
    embedded,
    zeebe,
    dataDir,
    address,
    async stop() {
      await zeebe.close().catch(() => undefined);
      await embedded.stop();
    },
  };
}

export const fixture = (dir: string, name: string): string => path.join(dir, 'fixtures', name);

/** Minimal BPMN builder for tests: a process with the given flow-node XML and flows, no DI. */
export function bpmn(processId: string, body: string, extraRoot = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  ${extraRoot}
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** Deploys BPMN text through the SDK (DeployResource). */
export async function deployXml(zeebe: ZeebeGrpcClient, name: string, xml: string) {
  return zeebe.deployResource({ name, process: Buffer.from(xml) } as never);
}

/** Records of one process instance from the engine's record log, in order. */
export async function records(embedded: EmbeddedEngine, processInstanceKey: string | number, valueType?: string) {
  const query = embedded.engine.knex('records').where('process_instance_key', Number(processInstanceKey)).orderBy('position');
  if (valueType) query.andWhere('value_type', valueType);
  return ((await query) as { key: number; intent: string; element_id: string | null; value_type: string; value: string }[]).map((r) => ({ ...r, value: JSON.parse(r.value) as Record<string, unknown> }));
}

/** Element ids in the order they completed in an instance. */
export async function completedElements(embedded: EmbeddedEngine, processInstanceKey: string | number): Promise<string[]> {
  return (await records(embedded, processInstanceKey, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.element_id as string);
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
