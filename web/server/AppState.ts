import type Koa from 'koa';
import type { AuditTrail } from '../../src/audit/index.js';
import type { DiagramDraftStore, SessionStore, UserStore } from '../../src/db/index.js';
import type { AuditChainAlarm } from './audit/AuditChainAlarm.js';
import type { InstanceScope } from './auth/InstanceScope.js';
import type { OpenWorkIndex } from './openwork/OpenWorkIndex.js';
import type { SignInThrottle } from './auth/SignInThrottle.js';
import type { UserAccess } from './auth/roles.js';
import type { EngineClient } from './engine/EngineClient.js';
import type { LiveFeed } from './live/LiveFeed.js';

export interface WebSession {
  id: string;
  userId?: string;
  csrfToken: string;
}

/** Request data the middleware puts on ctx.state; handlers read it, never ad-hoc ctx properties. */
export interface AppState {
  session?: WebSession;
  user?: UserAccess;
}

export type AppContext = Koa.ParameterizedContext<AppState>;

/** Everything the routes use, built once by createApp from its dependencies. */
export interface AppServices {
  users: UserStore;
  sessions: SessionStore;
  drafts: DiagramDraftStore;
  audit: AuditTrail;
  /** the latest verification of the chain (health endpoint, auditors' banner) */
  auditAlarm: AuditChainAlarm;
  engine: EngineClient;
  scope: InstanceScope;
  live: LiveFeed;
  /**
   * cookies always get the Secure flag and responses HSTS (NODE_ENV=production); otherwise they do on
   * requests that came over TLS (directly, or through a trusted proxy's X-Forwarded-Proto)
   */
  secureCookies: boolean;
  /** failed sign-ins counted per account and per address, with temporary lockout */
  signInThrottle: SignInThrottle;
  /**
   * the open tasks and deadlines of running cases (task list, scadenzario), set up with the task routes; what
   * the app changes without a step (variables, assignments) is written to it through refresh()
   */
  openWork?: OpenWorkIndex;
}
