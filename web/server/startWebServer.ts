import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppDatabase, type AppDatabase } from '../../src/db/index.js';
import { AuditChainAlarm } from './audit/AuditChainAlarm.js';
import { startAuditServices } from './audit/startAuditServices.js';
import { EmbeddedEngineExports } from './audit/follower/EngineExportAcknowledger.js';
import { CamundaEventSource } from './audit/follower/CamundaEventSource.js';
import { MonitoringAggregator } from './monitoring/MonitoringAggregator.js';
import { CamundaMonitoringSource } from './monitoring/MonitoringSource.js';
import type { SignInLimits } from './auth/SignInThrottle.js';
import { createApp, type WebApp } from './createApp.js';
import { CamundaEngineClient } from './engine/CamundaEngineClient.js';
import type { EngineClient } from './engine/EngineClient.js';
import { ensureFirstAdministrator } from './seed/firstAdministrator.js';
import { removeDemoUsers, seedDemoUsers, type DemoSignIn } from './seed/seedDemoUsers.js';
import { CamundaTaskClient } from './tasks/CamundaTaskClient.js';
import { TaskAccess } from './tasks/TaskAccess.js';
import { TaskMailNotifier } from './tasks/TaskMailNotifier.js';
import { Mailer, type SmtpSettings } from '../../workers/shared/Mailer.js';

export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface StartWebServerOptions {
  host?: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** the Camunda REST API, e.g. http://127.0.0.1:8080 */
  restAddress: string;
  /**
   * how the app signs in to it: the SDK's own settings (CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID, CAMUNDA_OAUTH_URL, ...);
   * `npm start` passes the embedded engine's `web-app` client. Absent, the SDK reads the environment.
   */
  /**
   * The engine is the embedded one: its audit follower acknowledges how far the trail holds the engine's history, so
   * ENGINE_RETENTION deletes only what the trail has. Off for Camunda 8 (ENGINE=external), which keeps its own retention.
   */
  acknowledgeEngineExports?: boolean;
  sdkConfig?: Record<string, string>;
  /** SEED_DEMO_USERS: true creates the demo accounts (random passwords), false removes them, unset leaves them be */
  seedDemoUsers?: boolean;
  staticDir?: string;
  log?: (line: string) => void;
  /** NODE_ENV=production: Secure cookie and HSTS always (src/config.ts) */
  production?: boolean;
  /** TRUST_PROXY: reverse proxies in front of the app (src/config.ts) */
  trustProxy?: number;
  /** SIGN_IN_*: failed sign-ins before a temporary lockout */
  signInLimits?: SignInLimits;
  /** the audit anchor: AUDIT_ANCHOR_INTERVAL_MS (default ten minutes) and AUDIT_TSA_URL (src/config.ts) */
  auditAnchors?: { intervalMs?: number; tsaUrl?: string };
  /** e-mail for new tasks to users who opted in (issue #7): the SMTP settings of src/config.ts and MAIL_FROM */
  taskMail?: { smtp: SmtpSettings; from: string; intervalMs?: number };
}

export interface WebServer {
  url: string;
  app: WebApp;
  db: AppDatabase;
  engine: EngineClient;
  /** demo sign-ins created (or given a new password) by this start, with their passwords: print them once */
  demoUsers: DemoSignIn[];
  /** the administrator created on an app database without any account, with its password: print it once */
  firstAdministrator?: DemoSignIn;
  /** demo accounts removed by SEED_DEMO_USERS=false at this start */
  removedDemoUsers: string[];
  close(): Promise<void>;
}

/** Opens the app database, builds the app and listens; `npm start` runs it beside the engine. */
export async function startWebServer(options: StartWebServerOptions): Promise<WebServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const db = await openAppDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, log });
  const demoUsers = options.seedDemoUsers === true ? await seedDemoUsers(db.knex) : [];
  const removedDemoUsers = options.seedDemoUsers === false ? await removeDemoUsers(db.knex) : [];
  if (removedDemoUsers.length > 0) log(`[web] SEED_DEMO_USERS=false: removed the demo accounts ${removedDemoUsers.join(', ')}`);
  const firstAdministrator = await ensureFirstAdministrator(db.knex);
  const engine = new CamundaEngineClient({ restAddress: options.restAddress, sdkConfig: options.sdkConfig });
  const staticDir = options.staticDir ?? WEB_DIST_DIR;
  if (!existsSync(path.join(staticDir, 'index.html'))) log(`[web] no client build in ${staticDir}: run \`npm run build:web\` (the API works without it)`);
  const tasks = new CamundaTaskClient({ restAddress: options.restAddress, sdkConfig: options.sdkConfig });
  const auditSource = new CamundaEventSource({ restAddress: options.restAddress, sdkConfig: options.sdkConfig });
  const monitoringSource = new CamundaMonitoringSource(auditSource, { restAddress: options.restAddress, sdkConfig: options.sdkConfig });
  const auditAlarm = new AuditChainAlarm(log);
  const app = createApp({
    db,
    engine,
    cookieKeys: await cookieKeys(options.dataDir),
    staticDir,
    tasks: { client: tasks, dataDir: options.dataDir, openWork: { log } },
    auditSource,
    auditAlarm,
    dataDir: options.dataDir,
    secureCookies: options.production ?? false,
    trustProxy: options.trustProxy ?? 0,
    ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}),
  });
  // The anchor (verified first, issue #14) and the engine event follower run with the app (issue #8).
  const audit = startAuditServices({
    db,
    trail: app.services.audit,
    source: auditSource,
    alarm: auditAlarm,
    anchorIntervalMs: options.auditAnchors?.intervalMs,
    tsaUrl: options.auditAnchors?.tsaUrl,
    // Monitoraggio (issue #19): its aggregates follow the same engine history; retention (ENGINE_RETENTION) waits for the trail's acknowledgement.
    follower: {
      aggregates: [new MonitoringAggregator(db.knex, monitoringSource, { log })],
      ...(options.acknowledgeEngineExports ? { exports: new EmbeddedEngineExports({ restAddress: options.restAddress, sdkConfig: options.sdkConfig }) } : {}),
    },
    log,
  });
  // The task list and the scadenzario's index: built now if new (not on the first request), rebuilt every 10 minutes.
  app.services.openWork?.start();
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/`;
  let taskMail: { notifier: TaskMailNotifier; mailer: Mailer } | undefined;
  if (options.taskMail) {
    const mailer = new Mailer(options.taskMail.smtp);
    const access = new TaskAccess(app.services.engine, app.services.scope);
    const notifier = new TaskMailNotifier(tasks, app.services.users, db.knex, mailer, access, {
      from: options.taskMail.from,
      appUrl: url,
      intervalMs: options.taskMail.intervalMs,
      onError: (error) => log(`[web] new-task e-mail: ${(error as Error).message}`),
    });
    notifier.start();
    taskMail = { notifier, mailer };
  }
  // Anonymous sessions (handed out for the sign-in CSRF token), expired ones and spent sign-in counters are swept hourly.
  const sweep = setInterval(() => {
    void app.services.sessions.deleteExpired().catch(() => undefined);
    void app.services.signInThrottle.deleteExpired().catch(() => undefined);
  }, 60 * 60 * 1000);
  sweep.unref();
  return {
    url,
    app,
    db,
    engine,
    demoUsers,
    firstAdministrator,
    removedDemoUsers,
    async close() {
      clearInterval(sweep);
      await taskMail?.notifier.stop();
      taskMail?.mailer.close();
      app.services.live.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await audit.stop();
      await app.services.openWork?.stop();
      await monitoringSource.close();
      await engine.close();
      await tasks.close();
      await db.close();
    },
  };
}

/** Cookie-signing keys kept in DATA_DIR (or WEB_COOKIE_KEYS), so sessions survive a restart. */
async function cookieKeys(dataDir: string): Promise<string[]> {
  if (process.env.WEB_COOKIE_KEYS) return process.env.WEB_COOKIE_KEYS.split(',');
  const file = path.join(dataDir, 'web-cookie-keys');
  try {
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  } catch {
    const key = randomBytes(32).toString('base64url');
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return [key];
  }
}
