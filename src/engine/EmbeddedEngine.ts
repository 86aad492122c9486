import fs from 'node:fs';
import path from 'node:path';
import { Engine, type EngineOptions } from './Engine.js';
import { dataDirProblem, DataDirError, isStorageFailure } from './dataDirCheck.js';
import { GatewayServer } from '../gateway/grpc/GatewayServer.js';
import { RestServer } from '../gateway/rest/RestServer.js';
import type { DeployResult } from './processor/commands/deploy.js';
import { EngineAuthenticator } from '../gateway/auth/EngineAuthenticator.js';
import { loadOrCreateCredentials, type EngineClient, type EngineCredentials, type LoadedCredentials } from '../gateway/auth/EngineCredentials.js';
import { TOKEN_PATH } from '../gateway/rest/routes/oauthToken.js';
import type { RetentionPolicy } from '../retentionPolicy.js';
import { RetentionSweeper, type RetentionSweeperOptions } from './retention/RetentionSweeper.js';

export interface EmbeddedEngineOptions extends EngineOptions {
  /** `acceptCompression`: see GatewayOptions (ENGINE_GRPC_COMPRESSION). */
  grpc?: { host: string; port: number; acceptCompression?: boolean };
  /** Serve the REST v2 API too (port 0 = ephemeral); off when absent. */
  rest?: { host: string; port: number };
  /**
   * Who may call the gateways. By default every call needs credentials: the clients of
   * `DATA_DIR/engine-credentials.json`, created on the first start. `'none'` (ENGINE_AUTH=none) lets anyone in.
   */
  auth?: 'none' | { credentials: EngineCredentials };
  /** ZEEBE_CLOCK_CONTROLLED=true: the REST API may pin and reset the engine clock (tests); off by default. */
  clockControlled?: boolean;
  /**
   * ENGINE_RETENTION: ended instances are deleted this long after they ended, once the audit trail has acknowledged
   * them (src/engine/retention); absent: kept for ever. `sweeper` tunes the background sweep (tests, benchmark).
   */
  retention?: RetentionPolicy;
  retentionSweeper?: Omit<RetentionSweeperOptions, 'policy'> & { autoStart?: boolean };
}

/** The engine with its network faces, as `npm start` and the integration tests run it. */
export class EmbeddedEngine {
  private constructor(
    readonly engine: Engine,
    readonly gateway: GatewayServer,
    readonly rest: RestServer | undefined,
    /** the clients and where they are kept; undefined with auth 'none' */
    readonly credentials: LoadedCredentials | undefined,
    readonly authenticator: EngineAuthenticator | undefined,
    /** the background deletion of ended instances, with ENGINE_RETENTION set */
    readonly retention: RetentionSweeper | undefined,
  ) {}

  static async start(options: EmbeddedEngineOptions = {}): Promise<EmbeddedEngine> {
    const dataDir = options.dataDir ?? (options.file ? path.dirname(options.file) : './data');
    const problem = dataDirProblem(dataDir);
    let credentials: LoadedCredentials | undefined;
    let engine: Engine;
    try {
      credentials = options.auth === 'none' ? undefined : options.auth ? { credentials: options.auth.credentials, file: '', created: false } : loadOrCreateCredentials(dataDir);
      engine = await Engine.open(options);
    } catch (error) {
      if (!problem && !isStorageFailure(error)) throw error;
      throw new DataDirError(`${problem ?? `DATA_DIR ${dataDir} cannot be used`}: the engine cannot start (${(error as Error).message.split('\n')[0]})`);
    }
    // A full disk still opens: reads are served and commands refused with RESOURCE_EXHAUSTED until there is room.
    if (problem) console.error(`${problem}: commands will be refused with RESOURCE_EXHAUSTED until it takes writes`);
    const authenticator = credentials && new EngineAuthenticator(credentials.credentials);
    const retention = options.retention && new RetentionSweeper(engine, { ...options.retentionSweeper, policy: options.retention });
    try {
      const host = options.grpc?.host ?? '127.0.0.1';
      const gateway = new GatewayServer(engine, host, { acceptCompression: options.grpc?.acceptCompression, authenticator });
      await gateway.listen(options.grpc?.port ?? 0);
      let rest: RestServer | undefined;
      if (options.rest) {
        rest = new RestServer(engine, options.rest.host, { authenticator, clockControlled: options.clockControlled ?? false, retention: options.retention, onExportAcknowledged: () => retention?.wake() });
        await rest.listen(options.rest.port);
      }
      if (retention && options.retentionSweeper?.autoStart !== false) retention.start();
      return new EmbeddedEngine(engine, gateway, rest, credentials, authenticator, retention);
    } catch (error) {
      await engine.close();
      throw error;
    }
  }

  /** A client of the credentials file by id (`web-app`, `job-workers`, `operator`), to connect with. */
  client(id: string): EngineClient {
    const client = this.credentials?.credentials.clients.find((c) => c.id === id);
    if (!client) throw new Error(`No engine client '${id}'${this.credentials ? '' : ': authentication is off (ENGINE_AUTH=none)'}`);
    return client;
  }

  /** The OAuth2 token endpoint (client credentials grant), when REST is served with authentication on. */
  get tokenUrl(): string | undefined {
    return this.rest && this.authenticator ? `${this.restAddress}${TOKEN_PATH}` : undefined;
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
      .filter((f) => /\.(bpmn|dmn|form)$/i.test(f))
      .sort();
    if (files.length === 0) return undefined;
    return this.engine.execute<DeployResult>({
      type: 'deploy',
      resources: files.map((f) => ({ name: path.basename(f), content: fs.readFileSync(path.join(folder, f)) })),
    });
  }

  async stop(): Promise<void> {
    await this.retention?.stop();
    await this.rest?.close();
    await this.gateway.close();
    await this.engine.close();
  }
}
