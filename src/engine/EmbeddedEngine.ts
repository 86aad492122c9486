import fs from 'node:fs';
import path from 'node:path';
import { Engine, type EngineOptions } from './Engine.js';
import { GatewayServer } from '../gateway/grpc/GatewayServer.js';
import { RestServer } from '../gateway/rest/RestServer.js';
import type { DeployResult } from './processor/commands/deploy.js';

export interface EmbeddedEngineOptions extends EngineOptions {
  /** `acceptCompression`: see GatewayOptions (ENGINE_GRPC_COMPRESSION). */
  grpc?: { host: string; port: number; acceptCompression?: boolean };
  /** Serve the REST v2 API too (port 0 = ephemeral); off when absent. */
  rest?: { host: string; port: number };
}

/** The engine with its network faces, as `npm start` and the integration tests run it. */
export class EmbeddedEngine {
  private constructor(
    readonly engine: Engine,
    readonly gateway: GatewayServer,
    readonly rest?: RestServer,
  ) {}

  static async start(options: EmbeddedEngineOptions = {}): Promise<EmbeddedEngine> {
    const engine = await Engine.open(options);
    const host = options.grpc?.host ?? '127.0.0.1';
    const gateway = new GatewayServer(engine, host, { acceptCompression: options.grpc?.acceptCompression });
    await gateway.listen(options.grpc?.port ?? 0);
    let rest: RestServer | undefined;
    if (options.rest) {
      rest = new RestServer(engine, options.rest.host);
      await rest.listen(options.rest.port);
    }
    return new EmbeddedEngine(engine, gateway, rest);
  }

  get grpcAddress(): string {
    return `127.0.0.1:${this.gateway.port}`;
  }

  /** Base URL of the REST v2 API, when it is served. */
  get restAddress(): string | undefined {
    return this.rest ? `http://${this.rest.host}:${this.rest.port}` : undefined;
  }

  /** Deploys every BPMN and form file under a folder (the `processes/` of this project). */
  async deployFolder(folder: string): Promise<DeployResult | undefined> {
    if (!fs.existsSync(folder)) return undefined;
    const files = (fs.readdirSync(folder, { recursive: true }) as string[])
      .filter((f) => /\.(bpmn|form)$/i.test(f))
      .sort();
    if (files.length === 0) return undefined;
    return this.engine.execute<DeployResult>({
      type: 'deploy',
      resources: files.map((f) => ({ name: path.basename(f), content: fs.readFileSync(path.join(folder, f)) })),
    });
  }

  async stop(): Promise<void> {
    await this.rest?.close();
    await this.gateway.close();
    await this.engine.close();
  }
}
