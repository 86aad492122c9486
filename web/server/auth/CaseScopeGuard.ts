import type { AuditEntity, AuditTrail, JsonValue } from '../../../src/audit/index.js';
import { badRequest, type HttpProblem } from '../errors.js';
import { COMUNE_VARIABLE, COMUNI_VARIABLE } from './InstanceScope.js';
import type { UserAccess } from './roles.js';

/**
 * The variables that say whose case this is (InstanceScope reads them, the BPMN candidate groups are
 * built from them): the Comune of a disciplinary case, the Comuni of a concorso or training plan, and the
 * per-Comune element of a multi-instance (`comune`, with the local `codiceIstatRichiedente`). The service
 * is the process definition itself, which no variable can change. They are set when the case starts
 * (web/server/instances/startForms.ts) or by the diagram's own input mappings, never afterwards by a person:
 * a form or case action that could rewrite `codiceIstat` would move a case, and every later read, to
 * another Comune.
 */
export const CASE_SCOPE_VARIABLES: readonly string[] = [COMUNE_VARIABLE, COMUNI_VARIABLE, 'comune', 'codiceIstatRichiedente'];

const canonical = (value: unknown): string => {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
};

/**
 * What the case holds for each scope variable, as a task or message sees it. A task of a per-Comune
 * phase may see only `comune` ({codiceIstat, nome}): its `codiceIstat` is then that one.
 */
function expectedValue(name: string, current: Record<string, unknown>): unknown {
  if (name in current) return current[name];
  const comune = current.comune;
  if (name === COMUNE_VARIABLE && comune && typeof comune === 'object' && 'codiceIstat' in comune) return (comune as { codiceIstat: unknown }).codiceIstat;
  return undefined;
}

/**
 * `comune` scopes a per-Comune phase only where the diagram's multi-instance put it; elsewhere it is an
 * ordinary form field (e.g. the Comune of an office), so only a value the case holds is guarded. For the
 * others, setting one where the case has none would hand the case (or its candidate groups) to a Comune.
 */
const GUARDED_ONLY_WHEN_HELD = new Set(['comune']);

/** The submitted scope variables that differ from what the case holds (absent counts as different, but for `comune`). */
export function scopeChanges(submitted: Record<string, unknown>, current: Record<string, unknown>): string[] {
  return CASE_SCOPE_VARIABLES.filter((name) => {
    if (!Object.hasOwn(submitted, name)) return false;
    const expected = expectedValue(name, current);
    if (expected === undefined) return !GUARDED_ONLY_WHEN_HELD.has(name);
    return canonical(submitted[name]) !== canonical(expected);
  });
}

/**
 * Refuses a submission that would change a case's scope: 400 naming the field, and an audit entry
 * (`case.scope-change-refused`) with what was attempted, so an auditor sees who tried to move which case.
 */
export class CaseScopeGuard {
  constructor(private readonly audit: AuditTrail) {}

  async check(
    user: UserAccess,
    via: 'task.complete' | 'instance.message',
    entity: AuditEntity,
    submitted: Record<string, unknown>,
    current: Record<string, unknown>,
  ): Promise<void> {
    const fields = scopeChanges(submitted, current);
    if (fields.length === 0) return;
    const attempted: { [k: string]: JsonValue } = {};
    const held: { [k: string]: JsonValue } = {};
    for (const f of fields) {
      attempted[f] = toJson(submitted[f]);
      held[f] = toJson(expectedValue(f, current) ?? null);
    }
    await this.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'case.scope-change-refused',
      entity,
      data: { via, fields, attempted, current: held },
    });
    throw scopeRefused(fields);
  }
}

function scopeRefused(fields: string[]): HttpProblem {
  return badRequest(
    'CASE_SCOPE_IMMUTABLE',
    `${fields.join(', ')}: il Comune (o i Comuni) del caso si fissano all’avvio e non si possono cambiare.`,
    { field: fields[0], fields },
  );
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    return String(value);
  }
}
