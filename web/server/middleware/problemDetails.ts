import type { Middleware } from 'koa';
import { HttpProblem } from '../errors.js';
import { EngineRejectionError } from '../engine/EngineClient.js';
import type { AppState } from '../AppState.js';

/**
 * The one error path: every error becomes an RFC 9457 problem document. Details are shown only
 * for errors meant for the user (HttpProblem, an engine rejection, Koa's `expose` errors);
 * anything else is logged and answered with a bare 500.
 */
export function problemDetails(log: (error: unknown) => void = (e) => console.error(e)): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new HttpProblem(404, 'NOT_FOUND', 'Risorsa non trovata.');
      }
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) log(error);
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = {
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        code: problem.code,
        ...(problem.detail ? { detail: problem.detail } : {}),
        instance: ctx.path,
        ...problem.extra,
      };
    }
  };
}

interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  extra: Record<string, unknown>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) {
    return { status: error.status, code: error.code, title: TITLES[error.status] ?? 'Error', detail: error.detail, extra: error.extra };
  }
  if (error instanceof EngineRejectionError) {
    // The engine's words are what a designer needs to fix a refused diagram.
    return { status: 422, code: 'ENGINE_REJECTED', title: TITLES[422], detail: error.detail, extra: { engineStatus: error.status, engineTitle: error.title } };
  }
  const e = error as { status?: number; statusCode?: number; expose?: boolean; message?: string; code?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: e.code ?? 'BAD_REQUEST', title: TITLES[status] ?? 'Error', detail: e.expose ? e.message : undefined, extra: {} };
  }
  return { status: 500, code: 'INTERNAL', title: TITLES[500], detail: undefined, extra: {} };
}
