/**
 * An error meant for the user: the one error middleware turns it into an RFC 9457 problem
 * response with this status, code and (Italian-first) detail. Anything else becomes a bare 500.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (code: string, detail: string, extra?: Record<string, unknown>) => new HttpProblem(400, code, detail, extra);
export const unauthorized = () => new HttpProblem(401, 'UNAUTHENTICATED', 'Accesso richiesto.');
export const forbidden = (detail = 'Operazione non consentita per il tuo ruolo.') => new HttpProblem(403, 'FORBIDDEN', detail);
export const notFound = (detail = 'Risorsa non trovata.') => new HttpProblem(404, 'NOT_FOUND', detail);
