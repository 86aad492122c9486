import type Koa from 'koa';
import { Rejection, type RejectionType } from '../../engine/errors.js';

/**
 * An RFC 9457 problem the way Camunda's REST gateway writes it: `title` is the rejection type
 * (NOT_FOUND, INVALID_ARGUMENT, INVALID_STATE, ...), `detail` the engine's message.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function badRequest(detail: string): never {
  throw new ProblemError(400, 'INVALID_ARGUMENT', detail);
}

export function notFound(detail: string): never {
  throw new ProblemError(404, 'NOT_FOUND', detail);
}

/** Zeebe's REST gateway: 404 NOT_FOUND, 409 INVALID_STATE/ALREADY_EXISTS, 400 bad input, 503 backpressure, else 500. */
const statusOf: Record<RejectionType, { status: number; title: string }> = {
  INVALID_ARGUMENT: { status: 400, title: 'INVALID_ARGUMENT' },
  NOT_FOUND: { status: 404, title: 'NOT_FOUND' },
  INVALID_STATE: { status: 409, title: 'INVALID_STATE' },
  // The engine says FAILED_PRECONDITION where Zeebe's rejection type is INVALID_STATE (gRPC maps both alike).
  FAILED_PRECONDITION: { status: 409, title: 'INVALID_STATE' },
  ALREADY_EXISTS: { status: 409, title: 'ALREADY_EXISTS' },
  RESOURCE_EXHAUSTED: { status: 503, title: 'RESOURCE_EXHAUSTED' },
  DEADLINE_EXCEEDED: { status: 504, title: 'DEADLINE_EXCEEDED' },
  PROCESSING_ERROR: { status: 500, title: 'INTERNAL_ERROR' },
};

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

export function toProblem(error: unknown, instance: string): Problem {
  if (error instanceof ProblemError) return { type: 'about:blank', title: error.title, status: error.status, detail: error.message, instance };
  if (error instanceof Rejection) {
    const { status, title } = statusOf[error.type];
    return { type: 'about:blank', title, status, detail: error.message, instance };
  }
  const httpError = error as { status?: number; expose?: boolean; message?: string; type?: string };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    // Koa/body-parser errors (malformed JSON, payload too large) are the client's.
    const title = httpError.status === 413 ? 'PAYLOAD_TOO_LARGE' : httpError.status === 404 ? 'NOT_FOUND' : httpError.status === 405 ? 'METHOD_NOT_ALLOWED' : 'INVALID_ARGUMENT';
    return { type: 'about:blank', title, status: httpError.status, detail: httpError.message ?? 'Bad request', instance };
  }
  return { type: 'about:blank', title: 'INTERNAL_ERROR', status: 500, detail: 'Unexpected error while processing the request', instance };
}

/** The one error path of the REST app: every failure becomes `application/problem+json`. */
export function problemMiddleware(log: (error: unknown) => void = (error) => console.error('rest:', error)): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new ProblemError(404, 'NOT_FOUND', `No endpoint ${ctx.method} ${ctx.path}`);
    } catch (error) {
      const problem = toProblem(error, ctx.path);
      if (problem.status >= 500 && !(error instanceof Rejection)) log(error);
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem;
    }
  };
}
