import type { CaseListItem } from '../../shared/caseFileTypes.js';
import { COMUNE_VARIABLE, COMUNI_VARIABLE, comuniOf, scopeComuniOf } from '../auth/InstanceScope.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { topInstances } from '../engine/topInstances.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import { barred } from '../openwork/openWorkRows.js';
import { CANDIDATE_VARIABLES, candidatesOf, casePartiesOf, EMPLOYEE_VARIABLES, searchable } from './caseParties.js';
import { caseNumberOf } from './caseResolver.js';

/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;
const FACT_VARIABLES = [...BUSINESS_KEY_VARIABLES, COMUNE_VARIABLE, COMUNI_VARIABLE, ...EMPLOYEE_VARIABLES, ...CANDIDATE_VARIABLES];
/** Between the fields of the search text: no search text holds it, so a match never spans two fields. */
const FIELD_SEPARATOR = '\u0001';

export interface CaseFacts {
  own: Record<string, unknown>;
  /** the candidates of the case and of its phases (the applications are handled in a called process) */
  candidates: Record<string, unknown>;
}

export interface CaseIndexRow {
  root_key: string;
  process_definition_id: string;
  state: string;
  start_ms: number;
  scope_comuni: string;
  comuni: string;
  search_text: string;
  item: string;
  facts: string;
  indexed_at: number;
}

/**
 * The Pratiche rows of the cases among these instances (roots and the instances they called, any state): root-scope
 * facts read in batches of variable searches, one row per root instance.
 */
export async function caseIndexRows(engine: EngineClient, instances: ProcessInstanceSummary[], comuneNames: Map<string, string>, indexedAt: number): Promise<CaseIndexRow[]> {
  const facts = await factsOf(engine, instances);
  return instances
    .filter((i) => !i.parentProcessInstanceKey)
    .map((root) => {
      const f = facts.get(root.processInstanceKey) ?? { own: {}, candidates: {} };
      const codes = comuneCodes(f.own);
      const item: CaseListItem = {
        caseNumber: caseNumberOf(f.own),
        processInstanceKey: root.processInstanceKey,
        processDefinitionId: root.processDefinitionId,
        procedure: root.processDefinitionName ?? root.processDefinitionId,
        state: root.state as CaseListItem['state'],
        hasIncident: root.hasIncident,
        startDate: root.startDate,
        endDate: root.endDate,
        comuni: codes.map((c) => ({ codiceIstat: c, nome: comuneNames.get(c) })),
        parties: casePartiesOf({ ...f.candidates, ...f.own }),
      };
      return {
        root_key: root.processInstanceKey,
        process_definition_id: root.processDefinitionId,
        state: root.state,
        start_ms: root.startDate ? Date.parse(root.startDate) : 0,
        scope_comuni: barred(scopeOf(f.own)),
        comuni: barred(codes),
        search_text: searchTextOf(item, f),
        item: JSON.stringify(item),
        facts: JSON.stringify(f),
        indexed_at: indexedAt,
      };
    });
}

/** Root-scope facts per case: its own, and the candidates named anywhere in its phases. */
async function factsOf(engine: EngineClient, instances: ProcessInstanceSummary[]): Promise<Map<string, CaseFacts>> {
  const byKey = new Map(instances.map((i) => [i.processInstanceKey, i]));
  const tops = topInstances(instances);
  const rootKey = (i: ProcessInstanceSummary): string => tops.get(i.processInstanceKey)!.processInstanceKey;
  const out = new Map<string, CaseFacts>();
  const keys = instances.map((i) => i.processInstanceKey);
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const vars = await engine.searchVariables({ processInstanceKeys: keys.slice(i, i + KEYS_PER_QUERY), names: FACT_VARIABLES });
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

function mergeCandidates(into: Record<string, unknown>, name: string, value: unknown): void {
  if (Array.isArray(value)) into[name] = [...(Array.isArray(into[name]) ? (into[name] as unknown[]) : []), ...value];
  else if (!into[name]) into[name] = value;
}

const asVariable = (name: string, value: unknown) => ({ name, value: JSON.stringify(value), scopeKey: '', processInstanceKey: '' });

function comuneCodes(vars: Record<string, unknown>): string[] {
  const codes: string[] = [];
  for (const name of [COMUNE_VARIABLE, COMUNI_VARIABLE]) {
    if (vars[name] === undefined) continue;
    for (const c of comuniOf(asVariable(name, vars[name]))) if (!codes.includes(c)) codes.push(c);
  }
  return codes;
}

/** The Comuni the scope finds the case under (InstanceScope.scopeComuniOf of its root-scope variables). */
function scopeOf(vars: Record<string, unknown>): string[] {
  return [COMUNE_VARIABLE, COMUNI_VARIABLE].flatMap((name) => (vars[name] === undefined ? [] : scopeComuniOf(asVariable(name, vars[name]))));
}

/** What the search text is matched in, in matchOf's order. */
function searchFields(item: CaseListItem, f: CaseFacts): Array<{ text: unknown; matched: string }> {
  return [
    { text: item.caseNumber, matched: '' },
    ...EMPLOYEE_VARIABLES.map((name) => ({ text: f.own[name], matched: `Dipendente: ${String(f.own[name])}` })),
    ...candidatesOf({ ...f.candidates, ...f.own }).flatMap((c) => {
      const matched = `Candidato: ${[c.nominativo, c.codiceFiscale].filter(Boolean).join(' · ')}`;
      return [{ text: c.nominativo, matched }, { text: c.codiceFiscale, matched }];
    }),
    ...item.comuni.flatMap((c) => [{ text: c.nome, matched: `Comune: ${c.nome ?? c.codiceIstat}` }, { text: c.codiceIstat, matched: `Comune: ${c.nome ?? c.codiceIstat}` }]),
  ];
}

function searchTextOf(item: CaseListItem, f: CaseFacts): string {
  return searchFields(item, f)
    .flatMap((field) => (typeof field.text === 'string' ? [searchable(field.text).replaceAll(FIELD_SEPARATOR, ' ')] : []))
    .join(FIELD_SEPARATOR);
}

/** '' when the case number matched, the field in words for anything else, undefined for no match. */
export function matchOf(needle: string, item: CaseListItem, f: CaseFacts): string | undefined {
  return searchFields(item, f).find((field) => typeof field.text === 'string' && searchable(field.text).includes(needle))?.matched;
}

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
