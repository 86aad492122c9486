import { EngineRejectionError } from './EngineClient.js';

/** A 4xx problem from the Camunda REST API becomes an EngineRejectionError the routes turn into a response. */
export function asRejection(error: unknown): unknown {
  const e = error as { status?: number; title?: string; detail?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new EngineRejectionError(e.status, e.title ?? 'Rejected', e.detail ?? String((error as Error).message));
  }
  return error;
}

/** Runs one SDK REST call, with its rejections translated. */
export async function callRest<T>(request: () => unknown): Promise<T> {
  try {
    return (await request()) as T;
  } catch (error) {
    throw asRejection(error);
  }
}

/** undefined for a 404 (unknown key), the result otherwise. */
export async function optionalRest<T>(request: () => unknown): Promise<T | undefined> {
  try {
    return (await request()) as T;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw asRejection(error);
  }
}
