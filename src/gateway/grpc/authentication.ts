import * as grpc from '@grpc/grpc-js';
import type { CommandActor } from '../../engine/processor/commands/types.js';
import { AuthenticationError, type EngineAuthenticator } from '../auth/EngineAuthenticator.js';

/**
 * The principal travels from the interceptor to the handlers in these metadata keys. A client's own values are
 * always removed first, so a handler only ever sees what the interceptor authenticated.
 */
const PRINCIPAL_ID = 'x-embedded-engine-principal-id';
const PRINCIPAL_TYPE = 'x-embedded-engine-principal-type';

const ANONYMOUS: CommandActor = { id: 'anonymous', type: 'ANONYMOUS' };

/**
 * Zeebe's gateway with authentication on: every call carries `authorization` metadata (a Bearer token from the
 * token endpoint, or Basic), else it ends with UNAUTHENTICATED before its handler runs. Without an authenticator
 * (ENGINE_AUTH=none) calls pass as anonymous. `acceptEncodings`: the `grpc-accept-encoding` every response advertises.
 */
export function authenticationInterceptor(authenticator: EngineAuthenticator | undefined, acceptEncodings?: string): grpc.ServerInterceptor {
  return (_method, call) =>
    new grpc.ServerInterceptingCall(call, {
      // Tells grpc clients which request encodings to use (`grpc-accept-encoding` on every response). Done here,
      // not by an interceptor of its own: each interceptor wraps every call in one more intercepting call.
      sendMetadata: acceptEncodings === undefined
        ? undefined
        : (metadata, next) => {
            metadata.set('grpc-accept-encoding', acceptEncodings);
            next(metadata);
          },
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, passOn) => {
            metadata.remove(PRINCIPAL_ID);
            metadata.remove(PRINCIPAL_TYPE);
            if (!authenticator) {
              passOn(metadata);
              return;
            }
            const header = metadata.get('authorization')[0];
            authenticator
              .authenticate(typeof header === 'string' ? header : header?.toString('utf8'))
              .then((principal) => {
                metadata.set(PRINCIPAL_ID, principal.id);
                metadata.set(PRINCIPAL_TYPE, principal.type);
                passOn(metadata);
              })
              .catch((error: unknown) => {
                const details = error instanceof AuthenticationError ? error.message : 'Authentication failed';
                call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details, metadata: new grpc.Metadata() });
              });
          },
        }),
    });
}

/** Who sent a call, as the interceptor authenticated it. */
export function principalOf(metadata: grpc.Metadata): CommandActor {
  const id = metadata.get(PRINCIPAL_ID)[0];
  const type = metadata.get(PRINCIPAL_TYPE)[0];
  if (typeof id !== 'string' || (type !== 'USER' && type !== 'CLIENT')) return ANONYMOUS;
  return { id, type };
}
