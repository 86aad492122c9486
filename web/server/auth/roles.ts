import type { AppUser } from '../../../src/db/index.js';

export const ROLES = ['designer', 'provincia', 'comune', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A Province service and the process ids it runs. A `provincia` user holds one group per service
 * (`provincia-upd`, ...) in the roles list, as the BPMN candidate groups name them.
 */
export const SERVICES = {
  upd: ['procedimento-disciplinare'],
  selezione: ['selezione-personale'],
  formazione: ['formazione'],
} as const satisfies Record<string, readonly string[]>;
export type Service = keyof typeof SERVICES;

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
const isService = (value: string): value is Service => Object.hasOwn(SERVICES, value);

/** What a signed-in user may see and do, derived once per request from their account. */
export interface UserAccess {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** services of a `provincia` user */
  services: Service[];
  /** ISTAT codes a `comune` or `auditor` user is scoped to; `all` for a Provincia-wide auditor or an admin */
  comuni: string[] | 'all';
  /** BPMN candidate groups, e.g. provincia-upd, comune-108033 */
  groups: string[];
}

export function accessOf(user: AppUser): UserAccess {
  const roles = user.roles.filter(isRole);
  const services = user.roles
    .map((r) => /^provincia-(.+)$/.exec(r)?.[1])
    .filter((s): s is Service => s !== undefined && isService(s));
  const comuni: string[] | 'all' =
    roles.includes('admin') || (roles.includes('auditor') && user.comuniIstat.length === 0) ? 'all' : [...user.comuniIstat];
  const groups = [...services.map((s) => `provincia-${s}`), ...(roles.includes('comune') ? user.comuniIstat.map((c) => `comune-${c}`) : [])];
  return { userId: user.id, username: user.username, displayName: user.displayName, roles, services, comuni, groups };
}

export const hasRole = (access: UserAccess, ...roles: Role[]): boolean => roles.some((r) => access.roles.includes(r));

/** Process ids a user may see the instances of; `all` when no service restriction applies. */
export function visibleProcessIds(access: UserAccess): 'all' | string[] {
  if (hasRole(access, 'admin', 'auditor', 'comune')) return 'all';
  if (hasRole(access, 'provincia')) return access.services.flatMap((s) => [...SERVICES[s]]);
  return [];
}

/** Process ids are prefixes: a called process (`procedimento-disciplinare-istruttoria`) belongs to its service. */
export function processIdAllowed(allowed: 'all' | string[], processDefinitionId: string): boolean {
  return allowed === 'all' || allowed.some((p) => processDefinitionId === p || processDefinitionId.startsWith(`${p}-`));
}
