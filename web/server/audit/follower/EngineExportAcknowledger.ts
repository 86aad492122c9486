/**
 * How the follower tells the embedded engine how far the audit trail holds its history, so that the engine's
 * retention (ENGINE_RETENTION) deletes only ended instances the trail already has. Camunda 8 keeps its own
 * retention and has no such call: on ENGINE=external nothing acknowledges (see README, Retention).
 */
export interface ExportAcknowledger {
  /** An engine instant (ms epoch) before which every command the engine processed is on its disk. */
  mark(): Promise<number>;
  /** Everything that ended before `exportedUntil` (engine time, ms epoch) is in the trail. */
  acknowledge(exportedUntil: number): Promise<void>;
}

/**
 * The embedded engine's exporter-position routes (src/gateway/rest/routes/retention.ts), signed in as the web app's
 * client with Basic (the engine takes a client id and secret as Basic credentials, as for a token).
 */
export class EmbeddedEngineExports implements ExportAcknowledger {
  private readonly base: string;
  private readonly authorization: string | undefined;

  constructor(options: { restAddress: string; sdkConfig?: Record<string, string> }) {
    this.base = options.restAddress.replace(/\/+$/, '');
    const c = options.sdkConfig ?? {};
    const id = c.ZEEBE_CLIENT_ID ?? c.CAMUNDA_BASIC_AUTH_USERNAME;
    const secret = c.ZEEBE_CLIENT_SECRET ?? c.CAMUNDA_BASIC_AUTH_PASSWORD;
    this.authorization = id && secret ? `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` : undefined;
  }

  async mark(): Promise<number> {
    const body = (await this.call('POST', '/engine/retention/export-mark')) as { mark?: string };
    const at = Date.parse(body.mark ?? '');
    if (!Number.isFinite(at)) throw new Error(`the engine's export mark is not a date-time: ${JSON.stringify(body)}`);
    return at;
  }

  async acknowledge(exportedUntil: number): Promise<void> {
    await this.call('PUT', '/engine/retention/exported-position', { exportedUntil: new Date(exportedUntil).toISOString() });
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(this.authorization ? { authorization: this.authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
