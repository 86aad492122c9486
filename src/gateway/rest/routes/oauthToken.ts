import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { TokenRequestError, type EngineAuthenticator } from '../../auth/EngineAuthenticator.js';
import type { RestState } from '../RestState.js';

export { TOKEN_PATH } from '../../../camunda/embeddedEngineLogin.js';
import { TOKEN_PATH } from '../../../camunda/embeddedEngineLogin.js';

/** Client authentication by HTTP Basic (RFC 6749 §2.3.1, what Go's oauth2 package tries first) or in the form. */
function clientOf(authorization: string, form: Record<string, unknown>): { id: string; secret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.client_id;
  const secret = form.client_secret;
  if (typeof id !== 'string' || !id || typeof secret !== 'string') throw new TokenRequestError('invalid_request', "Expected 'client_id' and 'client_secret' in the form, or HTTP Basic client authentication");
  return { id, secret };
}

/**
 * The OAuth2 token endpoint of the embedded engine (client credentials grant, RFC 6749 §4.4), the one Camunda's
 * clients call through CAMUNDA_OAUTH_URL / ZEEBE_AUTHORIZATION_SERVER_URL. Form-encoded as the standard says;
 * errors as RFC 6749 §5.2 `{error, error_description}`.
 */
export function oauthTokenRouter(authenticator: EngineAuthenticator): Router<RestState> {
  const router = new Router<RestState>();
  router.post(TOKEN_PATH, bodyParser({ enableTypes: ['form', 'json'], formLimit: '16kb', jsonLimit: '16kb' }), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      const form = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (form.grant_type !== 'client_credentials') throw new TokenRequestError('unsupported_grant_type', `Only grant_type=client_credentials is supported, got '${String(form.grant_type ?? '')}'`);
      const client = clientOf(ctx.get('authorization'), form);
      ctx.body = await authenticator.issueToken(client.id, client.secret, typeof form.audience === 'string' ? form.audience : undefined);
    } catch (error) {
      if (!(error instanceof TokenRequestError)) throw error;
      ctx.status = error.error === 'invalid_client' ? 401 : 400;
      if (error.error === 'invalid_client') ctx.set('WWW-Authenticate', 'Basic realm="zeebe"');
      ctx.body = { error: error.error, error_description: error.message };
    }
  });
  return router;
}
