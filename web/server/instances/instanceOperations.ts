import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { hasRole, type UserAccess } from '../auth/roles.js';
import { EngineRejectionError } from '../engine/EngineClient.js';
import { badRequest, forbidden, HttpProblem } from '../errors.js';

/**
 * Operator actions on a running case, as Operate offers them: only Provincia staff and administrators;
 * Comune users and auditors see cases but never change them by hand, and every action says why.
 */
export function ensureMayOperate(user: UserAccess): void {
  if (!hasRole(user, 'admin', 'provincia')) throw forbidden('Solo il personale della Provincia e gli amministratori possono intervenire su un caso.');
}

export const mayOperate = (user: UserAccess): boolean => hasRole(user, 'admin', 'provincia');

const REASON_MAX = 2000;

/** The reason goes into the audit trail with the user: an action without one is refused. */
export function readReason(body: unknown): string {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim().length < 5) {
    throw badRequest('REASON_REQUIRED', 'Indica il motivo dell’intervento (almeno 5 caratteri): resta nel registro di audit.', { field: 'reason' });
  }
  if (reason.length > REASON_MAX) throw badRequest('REASON_TOO_LONG', `Il motivo supera ${REASON_MAX} caratteri.`, { field: 'reason' });
  return reason.trim();
}

/** An engine refusal of an operator action (wrong state, unmapped element...) is a conflict the user can read. */
export function asOperationRefusal(error: unknown): unknown {
  if (error instanceof EngineRejectionError && error.status >= 400 && error.status < 500) {
    return new HttpProblem(409, 'ENGINE_REFUSED', `Il motore ha rifiutato l’operazione: ${error.detail}`, { engineStatus: error.status, engineTitle: error.title });
  }
  return error;
}

export async function refusedAsConflict<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw asOperationRefusal(error);
  }
}

interface Node {
  id: string;
  name?: string;
  $type: string;
  flowElements?: Node[];
  rootElements?: Node[];
}

const moddle = new BpmnModdle({ zeebe: zeebeSchema as object });

/** Every flow node of a process at any depth (tasks, events, gateways, sub-processes), by id, with its name. */
export async function flowNodesOf(xml: string, processId: string): Promise<Map<string, string>> {
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: Node };
  const process = (rootElement.rootElements ?? []).find((r) => r.$type === 'bpmn:Process' && r.id === processId);
  const nodes = new Map<string, string>();
  const visit = (scope: Node) => {
    for (const node of scope.flowElements ?? []) {
      if (node.$type === 'bpmn:SequenceFlow') continue;
      nodes.set(node.id, node.name?.trim() || node.id);
      visit(node);
    }
  };
  if (process) visit(process);
  return nodes;
}

/**
 * Operate's default migration plan: each element maps to the element with the same id in the target
 * version; the user's own mappings win. Returns the plan and the active elements it leaves unmapped.
 */
export function migrationPlan(
  source: Map<string, string>,
  target: Map<string, string>,
  activeElementIds: string[],
  overrides: Array<{ sourceElementId: string; targetElementId: string }> = [],
): { mappings: Array<{ sourceElementId: string; targetElementId: string }>; unmapped: string[] } {
  const plan = new Map<string, string>();
  for (const id of source.keys()) if (target.has(id)) plan.set(id, id);
  for (const o of overrides) plan.set(o.sourceElementId, o.targetElementId);
  const mappings = [...plan].map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
  return { mappings, unmapped: [...new Set(activeElementIds.filter((id) => !plan.has(id)))] };
}

export function readMappings(value: unknown): Array<{ sourceElementId: string; targetElementId: string }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('INVALID_MAPPINGS', 'Le corrispondenze devono essere un elenco.');
  return value.map((m) => {
    const { sourceElementId, targetElementId } = (m ?? {}) as { sourceElementId?: unknown; targetElementId?: unknown };
    if (typeof sourceElementId !== 'string' || typeof targetElementId !== 'string' || !sourceElementId || !targetElementId) {
      throw badRequest('INVALID_MAPPINGS', 'Ogni corrispondenza indica l’elemento di partenza e quello di arrivo.');
    }
    return { sourceElementId, targetElementId };
  });
}
