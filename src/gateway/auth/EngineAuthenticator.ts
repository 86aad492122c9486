import { createHash, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { CommandActor } from '../../engine/processor/commands/types.js';
import type { EngineClient, EngineCredentials } from './EngineCredentials.js';

/** Who a request was authenticated as: a Basic user, or the OAuth client a token was issued to (Camunda's actor types). */
export type Principal = CommandActor & { type: 'USER' | 'CLIENT' };

/** A request without valid credentials: gRPC UNAUTHENTICATED, REST 401. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** An OAuth2 token request the engine refuses (RFC 6749 §5.2 error codes). */
export class TokenRequestError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

export const TOKEN_ISSUER = 'urn:embedded-zeebe:engine';
/** Audience of a token when the client names none (Camunda's default for the Zeebe API). */
export const DEFAULT_AUDIENCE = 'zeebe-api';
export const TOKEN_LIFETIME_SECONDS = 3600;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
/** Compared against for an unknown client, so that case takes as long as a wrong secret. */
const NO_CLIENT_DIGEST = digest('\u0000no-such-client');

/**
 * Checks credentials the way Camunda 8 with Identity does, on both faces: `Authorization: Bearer <JWT>` (issued by
 * this engine's token endpoint, HS256, verified with jose) or `Authorization: Basic` with a client id and secret.
 */
export class EngineAuthenticator {
  private readonly key: Uint8Array;
  private readonly clients = new Map<string, EngineClient>();
  /** Digest of each client's secret, made once: every gRPC call and REST request is checked against it. */
  private readonly secretDigests = new Map<string, Buffer>();

  constructor(credentials: EngineCredentials) {
    this.key = Buffer.from(credentials.signingKey, 'base64url');
    for (const client of credentials.clients) this.addClient(client);
  }

  /** Registers another client (tests, or an operator's extra client); the file stays the source at start. */
  addClient(client: EngineClient): void {
    this.clients.set(client.id, client);
    this.secretDigests.set(client.id, digest(client.secret));
  }

  /** Secrets compared in constant time, over digests so their lengths do not leak either. */
  checkSecret(clientId: string, secret: string): boolean {
    const expected = this.secretDigests.get(clientId);
    return timingSafeEqual(expected ?? NO_CLIENT_DIGEST, digest(secret)) && expected !== undefined;
  }

  /** The OAuth2 client credentials grant: a signed JWT naming the client as subject. */
  async issueToken(clientId: string, secret: string, audience?: string): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
    if (!this.checkSecret(clientId, secret)) throw new TokenRequestError('invalid_client', 'Unknown client or wrong client secret');
    const accessToken = await new SignJWT({ azp: clientId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(clientId)
      .setAudience(audience || DEFAULT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.key);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: '' };
  }

  /** The principal of an `Authorization` header, or AuthenticationError saying what was wrong. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new AuthenticationError("Expected credentials in the 'authorization' header (Bearer token or Basic), but found nothing");
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme)) {
      try {
        const { payload } = await jwtVerify(value, this.key, { issuer: TOKEN_ISSUER, algorithms: ['HS256'] });
        // a token outlives neither its client: a client removed from the file loses its tokens at restart
        if (!payload.sub || !this.clients.has(payload.sub)) throw new Error('unknown client');
        return { id: payload.sub, type: 'CLIENT' };
      } catch {
        throw new AuthenticationError('Expected a valid token, but it is expired, malformed or not issued by this engine');
      }
    }
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon < 0 ? decoded : decoded.slice(0, colon);
      if (colon < 0 || !this.checkSecret(user, decoded.slice(colon + 1))) throw new AuthenticationError('Wrong user name or password');
      return { id: user, type: 'USER' };
    }
    throw new AuthenticationError(`Unsupported authorization scheme '${scheme}': use Bearer or Basic`);
  }
}
