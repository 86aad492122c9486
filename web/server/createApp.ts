import { randomBytes } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { AuditTrail } from '../../src/audit/index.js';
import { DiagramDraftStore, SessionStore, UserStore, type AppDatabase } from '../../src/db/index.js';
import type { AppServices, AppState } from './AppState.js';
import { AuditChainAlarm } from './audit/AuditChainAlarm.js';
import { auditRoutes } from './audit/auditRoutes.js';
import type { EngineEventSource } from './audit/follower/EngineEventSource.js';
import { InstanceScope } from './auth/InstanceScope.js';
import { SignInThrottle, type SignInLimits } from './auth/SignInThrottle.js';
import type { EngineClient } from './engine/EngineClient.js';
import { LiveFeed, type LiveFeedOptions } from './live/LiveFeed.js';
import { csrfProtection } from './middleware/csrf.js';
import { problemDetails } from './middleware/problemDetails.js';
import { securityHeaders } from './middleware/securityHeaders.js';
import { sessions } from './middleware/session.js';
import { staticAssets } from './middleware/staticAssets.js';
import { deploymentRoutes } from './routes/deploymentRoutes.js';
import { draftRoutes } from './routes/draftRoutes.js';
import { healthRoutes } from './routes/healthRoutes.js';
import { instanceRoutes } from './routes/instanceRoutes.js';
import { requestRoutes } from './requests/requestRoutes.js';
import { instanceOperationRoutes } from './routes/instanceOperationRoutes.js';
import { processRoutes } from './routes/processRoutes.js';
import { profileRoutes } from './routes/profileRoutes.js';
import { comuneRoutes } from './routes/comuneRoutes.js';
import { calendarRoutes } from './routes/calendarRoutes.js';
import { formRoutes } from './routes/formRoutes.js';
import { sessionRoutes } from './routes/sessionRoutes.js';
import { taskRouters, type TaskDeps } from './routes/tasks.js';
import { userRoutes } from './routes/userRoutes.js';
import { monitoringRoutes } from './monitoring/monitoringRoutes.js';

export interface AppDeps {
  db: AppDatabase;
  engine: EngineClient;
  /** keys that sign the session cookie; random per process when absent (sessions then end on restart) */
  cookieKeys?: string[];
  /** the Vite build to serve; none in API-only tests */
  staticDir?: string;
  /** Secure cookies and HSTS on every response (startWebServer passes NODE_ENV=production from src/config.ts); over TLS they are always on */
  secureCookies?: boolean;
  /**
   * TRUST_PROXY: the app sits behind this many reverse proxies (0: none, the default), so the client
   * address is the one the nearest proxy appended to X-Forwarded-For and the scheme its X-Forwarded-Proto.
   */
  trustProxy?: number;
  /** failed sign-in limits (src/config.ts SIGN_IN_*) */
  signInLimits?: SignInLimits;
  live?: LiveFeedOptions;
  /** the task list's engine client and documents folder (issue #7) */
  tasks?: TaskDeps;
  /** the engine's history for the audit views (called instances); see startWebServer */
  auditSource?: EngineEventSource;
  /** the deployed forms designers open (default processes/forms) */
  formsDir?: string;
  /** DATA_DIR: holds calendario-uffici.json, the patron-saint days the deadline workers read (default the task list's dataDir) */
  dataDir?: string;
  /** the chain's alarm, shared with the anchor scheduler (startWebServer); a fresh one by default */
  auditAlarm?: AuditChainAlarm;
  /** where unexpected errors go (default console.error) */
  logError?: (error: unknown) => void;
}

export type WebApp = Koa<AppState> & { services: AppServices };

/** Builds the web app; never listens (tests use app.callback(), startWebServer listens). */
export function createApp(deps: AppDeps): WebApp {
  const services: AppServices = {
    users: new UserStore(deps.db.knex),
    sessions: new SessionStore(deps.db.knex),
    drafts: new DiagramDraftStore(deps.db.knex),
    audit: new AuditTrail(deps.db),
    auditAlarm: deps.auditAlarm ?? new AuditChainAlarm(),
    engine: deps.engine,
    scope: new InstanceScope(deps.engine),
    live: new LiveFeed(deps.live),
    secureCookies: deps.secureCookies ?? false,
    signInThrottle: new SignInThrottle(deps.db.knex, deps.signInLimits),
  };
  const trustProxy = deps.trustProxy ?? 0;
  // maxIpsCount: only the addresses our own proxies appended count; what the client put in X-Forwarded-For is not trusted.
  const app = new Koa<AppState>({
    keys: deps.cookieKeys ?? [randomBytes(32).toString('base64url')],
    proxy: trustProxy > 0,
    ...(trustProxy > 0 ? { maxIpsCount: trustProxy } : {}),
  }) as WebApp;
  app.services = services;
  app.silent = true;

  app.use(securityHeaders({ hsts: services.secureCookies }));
  app.use(problemDetails(deps.logError));
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '4mb', encoding: 'utf-8' }));
  app.use(sessions(services.sessions, services.users));
  app.use(csrfProtection());
  for (const router of [
    healthRoutes(services),
    sessionRoutes(services),
    processRoutes(services),
    instanceRoutes(services, deps.db.knex),
    requestRoutes(services, deps.db.knex),
    instanceOperationRoutes(services),
    profileRoutes(services),
    comuneRoutes(deps.db.knex),
    formRoutes(services, deps.db, deps.formsDir),
    draftRoutes(services),
    deploymentRoutes(services),
    userRoutes(services),
    ...(deps.dataDir ?? deps.tasks?.dataDir ? [calendarRoutes(services, (deps.dataDir ?? deps.tasks?.dataDir) as string)] : []),
    ...taskRouters(services, deps.db, deps.tasks, deps.formsDir),
    auditRoutes(services, { db: deps.db, source: deps.auditSource }),
    monitoringRoutes(deps.db.knex, services.audit),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  if (deps.staticDir) app.use(staticAssets(deps.staticDir));
  return app;
}
