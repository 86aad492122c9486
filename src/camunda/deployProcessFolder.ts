import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One resource of a deployment, in the shape `ZeebeGrpcClient.deployResources` takes. */
export type ProcessResource =
  | { name: string; process: Buffer }
  | { name: string; form: Buffer }
  | { name: string; decision: Buffer };

/** The part of the SDK's `ZeebeGrpcClient` a deployment needs (gRPC `DeployResource`). */
export interface ResourceDeployer {
  deployResources(resources: ProcessResource[]): Promise<DeploymentSummary>;
}

export interface DeploymentSummary {
  key: string | number;
  deployments: Array<Record<string, unknown>>;
}

export interface DeployProcessFolderOptions {
  /** keep retrying while the gateway is not reachable yet, up to this long (a cluster starting beside us) */
  waitForGatewayMs?: number;
  retryIntervalMs?: number;
  log?: (line: string) => void;
}

const RESOURCE_KIND: Record<string, 'process' | 'form' | 'decision'> = { '.bpmn': 'process', '.form': 'form', '.dmn': 'decision' };

/**
 * gRPC status codes of a gateway that is starting or overloaded; anything else (INVALID_ARGUMENT for a
 * model the engine rejects, UNAUTHENTICATED, PERMISSION_DENIED) is final and reported at once.
 */
const TRANSIENT_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);

/** The BPMN, form and DMN files under a folder, sorted by path, ready for one atomic deployment. */
export async function collectProcessResources(folder: string): Promise<ProcessResource[]> {
  const files = (await readdir(folder, { recursive: true })).filter((f) => RESOURCE_KIND[path.extname(f).toLowerCase()]).sort();
  return Promise.all(
    files.map(async (file) => {
      const kind = RESOURCE_KIND[path.extname(file).toLowerCase()];
      const content = await readFile(path.join(folder, file));
      const name = path.basename(file);
      return kind === 'process' ? { name, process: content } : kind === 'form' ? { name, form: content } : { name, decision: content };
    }),
  );
}

/**
 * Deploys every model under `folder` to a Camunda 8 cluster through the gateway's public gRPC API, in one
 * deployment so forms and called processes arrive with the processes that use them. Zeebe keeps the current
 * version of a resource that did not change, so deploying on every start is harmless.
 */
export async function deployProcessFolder(
  deployer: ResourceDeployer,
  folder: string,
  options: DeployProcessFolderOptions = {},
): Promise<DeploymentSummary | undefined> {
  const resources = await collectProcessResources(folder);
  if (resources.length === 0) return undefined;
  const until = Date.now() + (options.waitForGatewayMs ?? 0);
  const log = options.log ?? (() => {});
  for (;;) {
    try {
      return await deployer.deployResources(resources);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!(typeof code === 'number' && TRANSIENT_CODES.has(code)) || Date.now() >= until) throw error;
      log(`Camunda gateway not ready (gRPC status ${code}); retrying the deployment`);
      await sleep(options.retryIntervalMs ?? 2000);
    }
  }
}
