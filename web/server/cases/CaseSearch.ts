import type { Knex } from 'knex';
import type { CaseListItem, CaseListPage, CaseState } from '../../shared/caseFileTypes.js';
import { comuneScopeOf } from '../auth/InstanceScope.js';
import { visibleProcessIds, type UserAccess } from '../auth/roles.js';
import type { EngineClient } from '../engine/EngineClient.js';
import { badRequest } from '../errors.js';
import type { OpenWorkIndex } from '../openwork/OpenWorkIndex.js';
import { containsText, holdsAny, processAllowed, processFilter } from '../openwork/visibility.js';
import { parsePageQuery, type PageRequest } from '../paging.js';
import { searchable } from './caseParties.js';
import { matchOf, type CaseFacts } from './caseIndexRows.js';

export const CASE_PAGE_SIZES = { default: 20, max: 100 } as const;
const STATES: readonly CaseState[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];

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

/**
 * The Pratiche search: every case (root instance) the user may see, in any state, matched on its number,
 * its employee, its candidates or its Comune, newest first, paged, with the total. One SQL query over the
 * case index the open-work index keeps (migration 0024); the state and incidents of the page's cases are
 * read from the engine as they are now.
 */
export class CaseSearch {
  constructor(
    private readonly engine: EngineClient,
    private readonly knex: Knex,
    private readonly index: OpenWorkIndex,
  ) {}

  async search(user: UserAccess, query: CaseQuery): Promise<CaseListPage> {
    await this.index.fresh();
    const q = this.knex('case_index as c');
    const comuni = comuneScopeOf(user);
    if (comuni !== 'all') holdsAny(q, 'c.scope_comuni', comuni);
    processAllowed(q, 'c.process_definition_id', visibleProcessIds(user));
    if (query.state) q.where('c.state', query.state);
    processFilter(q, 'c.process_definition_id', query.process);
    if (query.comune) holdsAny(q, 'c.comuni', [query.comune]);
    const needle = query.text ? searchable(query.text) : undefined;
    if (needle) containsText(q, 'c.search_text', needle);
    const [[counted], rows] = await Promise.all([
      q.clone().count({ n: '*' }) as Promise<Array<{ n: number | string }>>,
      q
        .clone()
        .select('c.item', 'c.facts')
        .orderBy('c.start_ms', 'desc')
        .orderBy('c.root_key', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize) as Promise<Array<{ item: string; facts: string }>>,
    ]);
    const items = rows.map((r) => {
      const item = JSON.parse(r.item) as CaseListItem;
      const matched = needle ? matchOf(needle, item, JSON.parse(r.facts) as CaseFacts) : undefined;
      return matched ? { ...item, matchedOn: matched } : item;
    });
    // State and incidents as the engine shows them now (an incident is raised without a step the index would see).
    const now = await this.engine.searchProcessInstances({ processInstanceKeys: items.map((i) => i.processInstanceKey) }, { from: 0, limit: items.length || 1 });
    const current = new Map(now.items.map((i) => [i.processInstanceKey, i]));
    return {
      items: items.map((i) => {
        const c = current.get(i.processInstanceKey);
        return c ? { ...i, state: c.state as CaseListItem['state'], hasIncident: c.hasIncident, endDate: c.endDate } : i;
      }),
      total: Number(counted?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
