import type { CaseListItem, CaseListPage } from '../../../shared/caseFileTypes.js';
import { api } from '../api.js';
import { h, submitFiltersToHash } from '../dom.js';
import { formatDate } from '../i18n/i18n.js';
import { caseHref, ct } from './caseMessages.js';
import './cases.css';

const STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;

/** The Pratiche: a search box over number, employee, candidate and Comune, and the matching cases page by page. */
export async function caseListView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(state ? { state } : {}), page: String(page), pageSize: '20' });
  const result = await api.get<CaseListPage>(`/api/cases?${query.toString()}`);

  const form = h(
    'form',
    { class: 'case-search', role: 'search', 'aria-label': ct('cases.searchForm') },
    h('p', {}, h('label', { for: 'case-q' }, ct('cases.search')), h('input', { id: 'case-q', name: 'q', type: 'search', value: q, placeholder: ct('cases.searchPlaceholder'), maxlength: '100' })),
    h(
      'p',
      {},
      h('label', { for: 'case-state' }, ct('cases.state')),
      h('select', { id: 'case-state', name: 'state' }, h('option', { value: '' }, ct('cases.state.any')), ...STATES.map((s) => h('option', { value: s, selected: s === state }, ct(`state.${s}`)))),
    ),
    h('p', {}, h('button', { type: 'submit', class: 'button button--primary' }, ct('cases.submit'))),
  );
  submitFiltersToHash(form, ['q', 'state'], '#/pratiche');

  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (n: number, label: string) => {
    const next = new URLSearchParams({ ...(q ? { q } : {}), ...(state ? { state } : {}), page: String(n) });
    return h('a', { href: `#/pratiche?${next.toString()}`, class: 'button' }, label);
  };
  main.append(
    ...[
      h('h1', {}, ct('cases.title')),
      form,
      h('p', { id: 'case-count', role: 'status' }, result.total === 1 ? ct('cases.count.one') : ct('cases.count', { count: result.total })),
      result.items.length === 0 ? h('p', { class: 'empty' }, ct('cases.empty')) : caseTable(result.items),
      pages > 1
        ? h('nav', { 'aria-label': ct('cases.pages'), class: 'toolbar' }, page > 1 ? pageLink(page - 1, ct('cases.previous')) : null, h('span', {}, ct('cases.page', { page, pages })), page < pages ? pageLink(page + 1, ct('cases.next')) : null)
        : null,
    ].filter((x): x is HTMLElement => x !== null),
  );
}

function caseTable(items: CaseListItem[]): HTMLElement {
  const head = [ct('cases.number'), ct('cases.procedure'), ct('cases.comune'), ct('cases.parties'), ct('cases.state'), ct('cases.started')];
  return h(
    'table',
    { class: 'table table--stacked', id: 'case-list' },
    h('thead', {}, h('tr', {}, ...head.map((label) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      {},
      ...items.map((c) =>
        h(
          'tr',
          {},
          h(
            'td',
            { 'data-label': head[0] },
            h('a', { href: caseHref(c.caseNumber ?? c.processInstanceKey), class: 'case-number' }, c.caseNumber ?? ct('cases.noNumber', { key: c.processInstanceKey })),
            c.matchedOn ? h('div', { class: 'hint' }, c.matchedOn) : null,
          ),
          h('td', { 'data-label': head[1] }, c.procedure),
          h('td', { 'data-label': head[2] }, c.comuni.map((x) => x.nome ?? x.codiceIstat).join(', ')),
          h('td', { 'data-label': head[3] }, c.parties.map((p) => `${p.role}: ${p.name}`).join('; ')),
          h('td', { 'data-label': head[4] }, ct(`state.${c.state}`)),
          h('td', { 'data-label': head[5] }, formatDate(c.startDate)),
        ),
      ),
    ),
  );
}
