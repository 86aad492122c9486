import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../../engine/Engine.js';
import { createApp, type RestAppOptions } from './createApp.js';

/** Serves the REST v2 app on a host and port (0 = ephemeral); `npm start` uses 127.0.0.1:8080. */
export class RestServer {
  private readonly server: http.Server;

  constructor(
    engine: Engine,
    readonly host: string,
    options: Pick<RestAppOptions, 'authenticator' | 'clockControlled' | 'retention' | 'onExportAcknowledged'> = {},
  ) {
    const app = createApp(engine, { ...options, address: () => ({ host: this.host, port: this.port }) });
    this.server = http.createServer(app.callback());
    // Long-polling job activation may hold a request open for its requestTimeout.
    this.server.requestTimeout = 0;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
