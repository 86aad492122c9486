import type { Knex } from 'knex';
import type { CaseListItem, CaseListPage, CaseState } from '../../shared/caseFileTypes.js';
import { COMUNE_VARIABLE, COMUNI_VARIABLE, comuniOf, type InstanceScope } from '../auth/InstanceScope.js';
import { processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import { allProcessInstances } from '../engine/allProcessInstances.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { badRequest } from '../errors.js';
import { pageOf, parsePageQuery, type PageRequest } from '../paging.js';
import { listComuni } from '../routes/comuneRoutes.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import { CANDIDATE_VARIABLES, candidatesOf, casePartiesOf, EMPLOYEE_VARIABLES, searchable } from './caseParties.js';
import { caseNumberOf } from './caseResolver.js';

export const CASE_PAGE_SIZES = { default: 20, max: 100 } as const;
const STATES: readonly CaseState[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];
/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;
const FACT_VARIABLES = [...BUSINESS_KEY_VARIABLES, COMUNE_VARIABLE, COMUNI_VARIABLE, ...EMPLOYEE_VARIABLES, ...CANDIDATE_VARIABLES];

export interface CaseQuery extends PageRequest {
  /** a case number, an employee (matricola, codice fiscale), a candidate (name, codice fiscale) or a Comune (name, ISTAT code) */
  text?: string;
  state?: CaseState;
  /** a process id or its service prefix */
  process?: string;
  comune?: string;
}

export function parseCaseQuery(q: Record<string, string | undefined>): CaseQuery {
  const text = q.q?.trim();
  if (text && text.length > 100) throw badRequest('INVALID_FILTER', 'Testo di ricerca troppo lungo (al massimo 100 caratteri).', { field: 'q' });
  if (q.state && !STATES.includes(q.state as CaseState)) throw badRequest('INVALID_FILTER', `Stato non valido: ${q.state}.`, { field: 'state' });
  if (q.comune && !/^\d{6}$/.test(q.comune)) throw badRequest('INVALID_FILTER', 'Il codice ISTAT ha 6 cifre.', { field: 'comune' });
  if (q.process && !/^[A-Za-z0-9_.-]{1,200}$/.test(q.process)) throw badRequest('INVALID_FILTER', 'Procedimento non valido.', { field: 'process' });
  return { ...parsePageQuery(q, CASE_PAGE_SIZES), text: text || undefined, state: (q.state as CaseState) || undefined, process: q.process || undefined, comune: q.comune || undefined };
}

interface Facts {
  own: Record<string, unknown>;
  /** the candidates of the case and of its phases (the applications are handled in a called process) */
  candidates: Record<string, unknown>;
}

/**
 * The Pratiche search: every case (root instance) the user may see, in any state, matched on its number,
 * its employee, its candidates or its Comune, newest first, paged, with the total. Read with a number of
 * REST queries that does not grow with the number of cases: the instances page by page, their facts in
 * batches of variable searches.
 */
export class CaseSearch {
  constructor(
    private readonly engine: EngineClient,
    private readonly scope: InstanceScope,
    private readonly knex: Knex,
  ) {}

  async search(user: UserAccess, query: CaseQuery): Promise<CaseListPage> {
    const visible = await this.scope.visibleInstanceKeys(user);
    const allowed = visibleProcessIds(user);
    const instances = (await allProcessInstances(this.engine, { processInstanceKeys: visible === 'all' ? undefined : visible })).filter((i) => processIdAllowed(allowed, i.processDefinitionId));
    const facts = await this.factsOf(instances);
    const comuni = new Map((await listComuni(this.knex).catch(() => [])).map((c) => [c.codiceIstat, c.nome]));
    const needle = query.text ? searchable(query.text) : undefined;
    const items: CaseListItem[] = [];
    for (const root of instances.filter((i) => !i.parentProcessInstanceKey)) {
      if (query.state && root.state !== query.state) continue;
      if (query.process && root.processDefinitionId !== query.process && !root.processDefinitionId.startsWith(`${query.process}-`)) continue;
      const f = facts.get(root.processInstanceKey) ?? { own: {}, candidates: {} };
      const codes = comuneCodes(f.own);
      if (query.comune && !codes.includes(query.comune)) continue;
      const item: CaseListItem = {
        caseNumber: caseNumberOf(f.own),
        processInstanceKey: root.processInstanceKey,
        processDefinitionId: root.processDefinitionId,
        procedure: root.processDefinitionName ?? root.processDefinitionId,
        state: root.state,
        hasIncident: root.hasIncident,
        startDate: root.startDate,
        endDate: root.endDate,
        comuni: codes.map((c) => ({ codiceIstat: c, nome: comuni.get(c) })),
        parties: casePartiesOf({ ...f.candidates, ...f.own }),
      };
      if (needle) {
        const matched = matchOf(needle, item, f);
        if (matched === undefined) continue;
        if (matched) item.matchedOn = matched;
      }
      items.push(item);
    }
    items.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || b.processInstanceKey.localeCompare(a.processInstanceKey));
    return { items: pageOf(items, query), total: items.length, page: query.page, pageSize: query.pageSize };
  }

  /** Root-scope facts per case: its own, and the candidates named anywhere in its phases. */
  private async factsOf(instances: ProcessInstanceSummary[]): Promise<Map<string, Facts>> {
    const byKey = new Map(instances.map((i) => [i.processInstanceKey, i]));
    const rootKey = (i: ProcessInstanceSummary): string => {
      let top = i;
      for (let d = 0; top.parentProcessInstanceKey && d < 10; d++) {
        const parent = byKey.get(top.parentProcessInstanceKey);
        if (!parent) break;
        top = parent;
      }
      return top.processInstanceKey;
    };
    const out = new Map<string, Facts>();
    const keys = instances.map((i) => i.processInstanceKey);
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      const vars = await this.engine.searchVariables({ processInstanceKeys: keys.slice(i, i + KEYS_PER_QUERY), names: FACT_VARIABLES });
      for (const v of vars) {
        if (v.scopeKey !== v.processInstanceKey) continue;
        const instance = byKey.get(v.processInstanceKey);
        if (!instance) continue;
        const root = rootKey(instance);
        let f = out.get(root);
        if (!f) out.set(root, (f = { own: {}, candidates: {} }));
        const value = parsed(v.value);
        if (instance.processInstanceKey === root) f.own[v.name] = value;
        if ((CANDIDATE_VARIABLES as readonly string[]).includes(v.name)) mergeCandidates(f.candidates, v.name, value);
      }
    }
    return out;
  }
}

function mergeCandidates(into: Record<string, unknown>, name: string, value: unknown): void {
  if (Array.isArray(value)) into[name] = [...(Array.isArray(into[name]) ? (into[name] as unknown[]) : []), ...value];
  else if (!into[name]) into[name] = value;
}

function comuneCodes(vars: Record<string, unknown>): string[] {
  const codes: string[] = [];
  for (const name of [COMUNE_VARIABLE, COMUNI_VARIABLE]) {
    if (vars[name] === undefined) continue;
    for (const c of comuniOf({ name, value: JSON.stringify(vars[name]), scopeKey: '', processInstanceKey: '' })) if (!codes.includes(c)) codes.push(c);
  }
  return codes;
}

/** '' when the case number matched, the field in words for anything else, undefined for no match. */
function matchOf(needle: string, item: CaseListItem, f: Facts): string | undefined {
  const has = (text: unknown) => typeof text === 'string' && searchable(text).includes(needle);
  if (has(item.caseNumber)) return '';
  for (const name of EMPLOYEE_VARIABLES) if (has(f.own[name])) return `Dipendente: ${String(f.own[name])}`;
  for (const c of candidatesOf({ ...f.candidates, ...f.own })) {
    if (has(c.nominativo) || has(c.codiceFiscale)) return `Candidato: ${[c.nominativo, c.codiceFiscale].filter(Boolean).join(' · ')}`;
  }
  for (const c of item.comuni) if (has(c.nome) || has(c.codiceIstat)) return `Comune: ${c.nome ?? c.codiceIstat}`;
  return undefined;
}

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
