import { Router } from '@koa/router';
import type { AppServices, AppState } from '../AppState.js';

/** How long /api/health waits for the engine's topology before calling it unreachable. */
const ENGINE_PROBE_TIMEOUT_MS = 3_000;

export interface HealthReport {
  /** the web app answers (this response is the proof) */
  status: 'UP';
  engine: { reachable: boolean; gatewayVersion?: string; brokers?: number; error?: string };
  /**
   * The audit chain as last verified (at start, before each anchor, by the audit views): BROKEN means
   * a verification found it altered and anchoring stopped; UNKNOWN until the first verification.
   * Which entry broke is for auditors (/api/audit/alarm), not for an anonymous probe.
   */
  audit: 'OK' | 'BROKEN' | 'UNKNOWN';
}

/**
 * GET /api/health, no sign-in: for container health checks and load balancers. Always 200 while the app
 * serves; `engine.reachable` says whether the Camunda REST API answered GET /v2/topology (through the SDK),
 * `audit` whether the audit chain last verified.
 */
export function healthRoutes(services: AppServices): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/health' });
  router.get('/', async (ctx) => {
    const report: HealthReport = { status: 'UP', engine: await probeEngine(services), audit: services.auditAlarm.current.status };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  });
  return router;
}

async function probeEngine({ engine }: AppServices): Promise<HealthReport['engine']> {
  if (!engine.getTopology) return { reachable: false, error: 'this engine client cannot report its topology' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const topology = await Promise.race([
      engine.getTopology(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ENGINE_PROBE_TIMEOUT_MS} ms`)), ENGINE_PROBE_TIMEOUT_MS);
      }),
    ]);
    return { reachable: true, gatewayVersion: topology.gatewayVersion, brokers: topology.brokers };
  } catch (error) {
    return { reachable: false, error: (error as Error)?.message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}
