import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { Config } from '../config.js';
import { camundaSdkConfig } from './camundaSdkConfig.js';
import { deployProcessFolder, type ProcessResource, type ResourceDeployer } from './deployProcessFolder.js';

export interface ExternalCluster {
  stop(): Promise<void>;
}

export interface UseExternalClusterOptions {
  /** the models to deploy; `processes/` of the working directory by default */
  processesDir?: string;
  /** how long to wait for a cluster that is still starting (docker compose starts us beside it) */
  waitForGatewayMs?: number;
  log?: (line: string) => void;
  logError?: (line: string) => void;
}

/**
 * ENGINE=external: nothing of the embedded engine is loaded. The models under processes/ are deployed
 * through the cluster's public gRPC gateway with the SDK, as `npm start` deploys them on the embedded engine.
 */
export async function useExternalCluster(config: Config, options: UseExternalClusterOptions = {}): Promise<ExternalCluster> {
  const log = options.log ?? ((line: string) => console.log(line));
  log(`ENGINE=external: using the Camunda 8 cluster at ${config.grpcAddress} (REST ${config.restAddress}); the embedded engine does not start.`);
  const camunda = new Camunda8(camundaSdkConfig(config) as never);
  const zeebe = camunda.getZeebeGrpcApiClient();
  const deployer: ResourceDeployer = {
    deployResources: (resources: ProcessResource[]) => zeebe.deployResources(resources) as never,
  };
  try {
    const deployed = await deployProcessFolder(deployer, options.processesDir ?? path.resolve('processes'), {
      waitForGatewayMs: options.waitForGatewayMs ?? 5 * 60_000,
      log,
    });
    for (const d of deployed?.deployments ?? []) {
      const process = d.process as { bpmnProcessId: string; version: number; resourceName: string } | undefined;
      const form = d.form as { formId: string; version: number } | undefined;
      if (process) log(`Deployed process ${process.bpmnProcessId} v${process.version} (${process.resourceName})`);
      else if (form) log(`Deployed form ${form.formId} v${form.version}`);
    }
  } catch (error) {
    // as on the embedded engine: the app still serves what the cluster already has
    (options.logError ?? console.error)(`Deploying processes/ failed:\n${(error as Error).message}`);
  }
  return {
    async stop() {
      await zeebe.close();
    },
  };
}
