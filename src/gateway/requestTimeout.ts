/**
 * The gateway's generic request timeout (Zeebe `zeebe.gateway.cluster.requestTimeout`, default 15 s).
 * CreateProcessInstanceWithResult (gRPC) and `awaitCompletion` (REST) wait this long when the request's
 * own `requestTimeout` is 0 or absent; a positive `requestTimeout` overrides it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export function resultTimeout(requested: number | undefined): number {
  return requested !== undefined && requested > 0 ? requested : DEFAULT_REQUEST_TIMEOUT_MS;
}
