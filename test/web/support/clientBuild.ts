export { CLIENT_DIST } from '../../../scripts/web/ensureClientBuild.js';
import { CLIENT_DIST, ensureClientBuild as ensureBuilt } from '../../../scripts/web/ensureClientBuild.js';

/** Builds the client with Vite unless dist/web was built from the current sources. */
export function ensureClientBuild(): string {
  ensureBuilt();
  return CLIENT_DIST;
}
