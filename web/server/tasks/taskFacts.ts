import { COMUNE_VARIABLE, COMUNI_VARIABLE, comuniOf, scopeComuniOf } from '../auth/InstanceScope.js';
import { deadlineStatus, type DeadlineStatus } from '../deadlines/deadlineStatus.js';
import type { EngineClient } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { UserTaskSummary } from './TaskClient.js';

/** A task of the list with its case facts: what every user who may see it sees alike. */
export interface TaskWithFacts extends UserTaskSummary {
  comune?: string;
  businessKey?: string;
  deadline?: { dueAt: string; lastDay?: string; daysLeft: number; status: DeadlineStatus; nature?: string; legalSource?: string; variable?: string };
}

/** A task as the open-work index keeps it: the facts, and the Comuni the scope sees its instance under. */
export interface IndexedTask {
  task: TaskWithFacts;
  scope: string[];
}

interface CaseFacts {
  comune?: string;
  /** root-scope codiceIstat (as a string) and comuniAderenti: what InstanceScope finds the instance by */
  scope: string[];
  /** the Comune of a task done once per Comune (local `codiceIstat`), by the task's element instance key */
  taskComune: Map<string, string>;
  businessKey?: string;
  scadenze: Array<Record<string, unknown>>;
}

/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;
const FACT_VARIABLES = [COMUNE_VARIABLE, COMUNI_VARIABLE, 'scadenze', ...BUSINESS_KEY_VARIABLES];

/**
 * The facts of many tasks' cases with a few variable searches (the variables they come from, for up to
 * KEYS_PER_QUERY instances at once), not one search per case: the Comune (a per-Comune task's own local
 * one first), the case number, and the legal source of the `scadenze` entry behind the due date.
 */
export async function readTaskFacts(engine: EngineClient, tasks: UserTaskSummary[], now: Date = new Date()): Promise<IndexedTask[]> {
  const facts = await caseFacts(engine, [...new Set(tasks.map((t) => t.processInstanceKey))]);
  return tasks.map((t) => {
    const f = facts.get(t.processInstanceKey) ?? emptyFacts();
    return { task: { ...t, comune: f.taskComune.get(t.elementInstanceKey) ?? f.comune, businessKey: f.businessKey, deadline: deadlineOf(t, f, now) }, scope: f.scope };
  });
}

async function caseFacts(engine: EngineClient, processInstanceKeys: string[]): Promise<Map<string, CaseFacts>> {
  const out = new Map<string, CaseFacts>();
  const caseNumbers = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < processInstanceKeys.length; i += KEYS_PER_QUERY) {
    const vars = await engine.searchVariables({ processInstanceKeys: processInstanceKeys.slice(i, i + KEYS_PER_QUERY), names: FACT_VARIABLES });
    for (const v of vars) {
      let f = out.get(v.processInstanceKey);
      if (!f) out.set(v.processInstanceKey, (f = emptyFacts()));
      if (v.scopeKey !== v.processInstanceKey) {
        // A task done once per Comune (multi-instance over the Comuni of a concorso) carries its own Comune.
        const code = v.name === COMUNE_VARIABLE ? comuniOf(v)[0] : undefined;
        if (code) f.taskComune.set(v.scopeKey, code);
        continue;
      }
      f.scope.push(...scopeComuniOf(v));
      if (v.name === COMUNE_VARIABLE) f.comune = comuniOf(v)[0];
      else if (v.name === COMUNI_VARIABLE) continue;
      else if (v.name === 'scadenze') {
        const scadenze = parsed(v.value);
        f.scadenze = Array.isArray(scadenze) ? (scadenze.filter((e) => e && typeof e === 'object') as Array<Record<string, unknown>>) : [];
      } else caseNumbers.set(v.processInstanceKey, { ...caseNumbers.get(v.processInstanceKey), [v.name]: parsed(v.value) });
    }
  }
  // The case number is the first of BUSINESS_KEY_VARIABLES the case has.
  for (const [key, values] of caseNumbers) out.get(key)!.businessKey = BUSINESS_KEY_VARIABLES.map((n) => values[n]).find((v) => typeof v === 'string') as string | undefined;
  return out;
}

const emptyFacts = (): CaseFacts => ({ taskComune: new Map(), scadenze: [], scope: [] });

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The task's due date, with the legal source of the `scadenze` entry that produced it when there is one. */
function deadlineOf(task: UserTaskSummary, facts: CaseFacts, now: Date): TaskWithFacts['deadline'] {
  if (!task.dueDate || !Number.isFinite(Date.parse(task.dueDate))) return undefined;
  const due = Date.parse(task.dueDate);
  const entry = facts.scadenze.find((s) => typeof s.scadeIl === 'string' && Date.parse(s.scadeIl) === due);
  const lastDay = typeof entry?.dataTermine === 'string' ? entry.dataTermine : undefined;
  return {
    dueAt: task.dueDate,
    lastDay,
    ...deadlineStatus(task.dueDate, lastDay, now),
    nature: typeof entry?.natura === 'string' ? entry.natura : undefined,
    legalSource: typeof entry?.fonte === 'string' ? entry.fonte : undefined,
    variable: typeof entry?.variabile === 'string' ? entry.variabile : undefined,
  };
}
