import { t } from './i18n/i18n.js';

/** The server's JSON API. Every state-changing call carries the session's CSRF token. */
export interface SessionUser {
  username: string;
  displayName: string;
  roles: string[];
  services: string[];
  comuni: string[] | 'all';
  groups: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** the input field a 400 names, when the server names one */
    readonly field?: string,
  ) {
    super(detail);
  }
}

let csrfToken = '';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const p = (payload ?? {}) as { code?: string; detail?: string; title?: string; field?: unknown };
    // The server's detail is written for the user (Italian first). Without one, the problem's title and the
    // status text are HTTP's English ("Internal Server Error"): the page says what happened in its language.
    const detail = p.detail ?? t(res.status >= 500 ? 'error.server' : 'error.request', { status: res.status });
    throw new ApiError(res.status, p.code ?? 'ERROR', detail, typeof p.field === 'string' ? p.field : undefined);
  }
  if (payload && typeof payload === 'object' && typeof (payload as { csrfToken?: unknown }).csrfToken === 'string') {
    csrfToken = (payload as { csrfToken: string }).csrfToken;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export interface ElementStatistics {
  elementId: string;
  active: number;
  completed: number;
  canceled: number;
  incidents: number;
}

export interface ProcessDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
  resourceName?: string;
}

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate?: string;
  endDate?: string;
  hasIncident: boolean;
  codiceIstat?: string;
}

export interface InstanceVariable {
  name: string;
  value: unknown;
  scopeKey: string;
}

export interface InstanceStatus {
  instance: ProcessInstance;
  flows: string[];
  elements: ElementStatistics[];
  incidents: Array<{ incidentKey: string; elementId?: string; errorType?: string; errorMessage?: string; creationTime?: string }>;
  variables: InstanceVariable[];
}
