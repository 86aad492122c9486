import type Koa from 'koa';
import { AuthenticationError, type EngineAuthenticator } from '../auth/EngineAuthenticator.js';
import type { Actor, RestState } from './RestState.js';
import { ProblemError } from './problems.js';

const ANONYMOUS: Actor = { id: 'anonymous', type: 'ANONYMOUS' };

/**
 * Every request names its principal (Bearer token from `/oauth/token`, or Basic), else 401 problem details as
 * Camunda's REST gateway answers them. The actor of the audit log is that principal, never a name the request
 * merely states. Without an authenticator (ENGINE_AUTH=none) every request is anonymous.
 */
export function authenticationMiddleware(authenticator: EngineAuthenticator | undefined): Koa.Middleware<RestState> {
  return async (ctx, next) => {
    if (!authenticator) {
      ctx.state.actor = ANONYMOUS;
      await next();
      return;
    }
    try {
      ctx.state.actor = await authenticator.authenticate(ctx.get('authorization') || undefined);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      ctx.set('WWW-Authenticate', 'Bearer realm="zeebe", Basic realm="zeebe"');
      throw new ProblemError(401, 'Unauthorized', error.message);
    }
    await next();
  };
}
