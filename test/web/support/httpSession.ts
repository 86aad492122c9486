/** HTTP helpers for the web app with no test-runner import, so benchmarks can use them too. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

/** Serves app.callback() on an ephemeral loopback port for the duration of a test file. */
export async function serve(app: Koa<never> | { callback(): http.RequestListener }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token it was given. */
export class WebClient {
  private cookies = new Map<string, string>();
  csrfToken?: string;
  /** sent with every request, e.g. the X-Forwarded-For a reverse proxy would add */
  headers: Record<string, string> = {};

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrf !== false && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (XML, HTML)
    }
    if (parsed && typeof parsed === 'object' && typeof (parsed as { csrfToken?: unknown }).csrfToken === 'string') {
      this.csrfToken = (parsed as { csrfToken: string }).csrfToken;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown, options?: { csrf?: boolean }) {
    return this.request('POST', path, body ?? {}, options);
  }

  async signIn(username: string, password: string) {
    await this.get('/api/session');
    return this.post('/api/session', { username, password });
  }
}
