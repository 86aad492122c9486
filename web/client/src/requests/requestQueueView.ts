import { api } from '../api.js';
import { clear, h, submitFiltersToHash } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { hasRole } from '../session.js';
import type { QueuedRequest, RequestKinds } from './requestTypes.js';
import './requests.css';

interface QueuePage {
  items: QueuedRequest[];
  total: number;
  page: number;
  pageSize: number;
}

const FILTERS = ['kind', 'comune'] as const;

/**
 * «Richieste in arrivo»: every request the Comuni sent, newest first, paged with the total and filtered by
 * kind and Comune (the Provincia); a Comune's users see their own Comune's requests on the same page.
 */
export async function requestQueueView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const provincia = hasRole('provincia', 'admin');
  const value = (name: string) => params.get(name) ?? '';
  const [kinds, comuni] = await Promise.all([
    api.get<RequestKinds>('/api/requests/kinds'),
    provincia ? api.get<{ items: Array<{ codiceIstat: string; nome: string }> }>('/api/comuni').then((r) => r.items) : Promise.resolve([]),
  ]);
  const select = (name: string, options: Array<[string, string]>) =>
    h('select', { id: `q-${name}`, name }, ...options.map(([v, label]) => h('option', { value: v, selected: v === value(name) }, label)));
  const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `q-${name}` }, label), input);
  const form = h(
    'form',
    { class: 'filters', 'aria-label': t('queue.filters') },
    field('kind', t('queue.kind'), select('kind', [['', t('queue.any')], ...kinds.items.map((k) => [k.id, t(`queue.kind.${k.id}` as MessageKey)] as [string, string])])),
    provincia ? field('comune', t('queue.comune'), select('comune', [['', t('queue.any')], ...comuni.map((c) => [c.codiceIstat, `${c.nome} (${c.codiceIstat})`] as [string, string])])) : null,
    h('button', { type: 'submit', class: 'button button--primary' }, t('queue.search')),
  );
  submitFiltersToHash(form, FILTERS, '#/richieste');
  main.append(h('h1', {}, t(provincia ? 'queue.title' : 'queue.titleComune')));
  if (kinds.mayFile) main.append(h('p', {}, h('a', { href: '#/richieste/nuova', class: 'button', id: 'queue-new' }, t('queue.new'))));
  main.append(form);

  const query = new URLSearchParams();
  for (const name of [...FILTERS, 'page']) if (params.get(name)) query.set(name, params.get(name)!);
  const page = await api.get<QueuePage>(`/api/requests?${query}`);
  const results = h('section', { 'aria-live': 'polite', id: 'queue-results' });
  main.append(results);
  clear(results);
  results.append(h('p', { id: 'queue-total' }, page.total === 1 ? t('queue.totalOne') : t('queue.total', { total: page.total })));
  if (page.items.length === 0) {
    results.append(h('p', {}, t('queue.empty')));
    return;
  }
  const columns = [t('queue.received'), t('queue.comune'), t('queue.from'), t('queue.what'), t('queue.case'), t('queue.state')];
  const cell = (i: number, ...content: Array<Node | string | null>) => h('td', { 'data-label': columns[i] }, ...content);
  results.append(
    h(
      'table',
      { class: 'table request-queue', id: 'queue-table' },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...page.items.map((r) =>
          h(
            'tr',
            { 'data-request-id': String(r.id) },
            cell(0, formatDateTime(r.createdAt)),
            cell(1, `${r.comuneNome} (${r.codiceIstat})`),
            cell(2, r.displayName),
            cell(3, t(`queue.kind.${r.kind}` as MessageKey), h('span', { class: 'request-summary' }, r.summary)),
            cell(4, r.processInstanceKey ? h('a', { href: `#/instances/${r.processInstanceKey}` }, r.businessKey) : r.businessKey),
            cell(5, [r.state ? t(`state.${r.state}` as MessageKey) : '', t(`queue.outcome.${r.outcome}` as MessageKey)].filter(Boolean).join(' · ')),
          ),
        ),
      ),
    ),
  );
  const pages = Math.ceil(page.total / page.pageSize);
  if (pages > 1) {
    const link = (n: number, label: string) => {
      const p = new URLSearchParams(params);
      p.set('page', String(n));
      return h('a', { href: `#/richieste?${p}`, class: 'button' }, label);
    };
    results.append(
      h(
        'nav',
        { class: 'pager', 'aria-label': t('queue.pages') },
        page.page > 1 ? link(page.page - 1, t('queue.previous')) : null,
        h('span', {}, t('queue.page', { page: page.page, pages })),
        page.page < pages ? link(page.page + 1, t('queue.next')) : null,
      ),
    );
  }
}
