import { api, type ProcessDefinition, type ProcessInstance } from '../api.js';
import { comuneLabel, comuneNames } from '../comuni.js';
import { clear, h, submitFiltersToHash } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';

interface InstancePage {
  items: ProcessInstance[];
  total: number;
  page: number;
  size: number;
}

const FILTERS = ['processDefinitionId', 'comune', 'state', 'startedFrom', 'startedTo', 'businessKey'] as const;

/** Instances with filters (procedure, Comune, state, started between, business key) and paging. */
export async function instanceListView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const definitions = (await api.get<{ items: ProcessDefinition[] }>('/api/processes')).items;
  // One option per procedure, named as the process list names it (the latest version's name).
  const names = new Map<string, string>();
  for (const d of [...definitions].sort((a, b) => a.version - b.version)) names.set(d.processDefinitionId, d.name ?? d.processDefinitionId);
  const procedures = [...names].sort((a, b) => a[1].localeCompare(b[1], 'it'));
  const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), input);
  const value = (name: string) => params.get(name) ?? '';
  const select = (name: string, options: Array<[string, string]>) => {
    const s = h('select', { id: `f-${name}`, name });
    for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value(name) }, label));
    return s;
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': t('instances.filters') },
    field('processDefinitionId', t('instances.process'), select('processDefinitionId', [['', t('instances.any')], ...procedures])),
    field('comune', t('instances.comune'), h('input', { id: 'f-comune', name: 'comune', inputmode: 'numeric', pattern: '\\d{6}', value: value('comune') })),
    field('state', t('instances.state'), select('state', [['', t('instances.any')], ['ACTIVE', t('state.ACTIVE')], ['COMPLETED', t('state.COMPLETED')], ['TERMINATED', t('state.TERMINATED')]])),
    field('startedFrom', t('instances.startedFrom'), h('input', { id: 'f-startedFrom', name: 'startedFrom', type: 'date', value: value('startedFrom') })),
    field('startedTo', t('instances.startedTo'), h('input', { id: 'f-startedTo', name: 'startedTo', type: 'date', value: value('startedTo') })),
    field('businessKey', t('instances.businessKey'), h('input', { id: 'f-businessKey', name: 'businessKey', value: value('businessKey') })),
    h('button', { type: 'submit', class: 'button button--primary' }, t('instances.search')),
  );
  submitFiltersToHash(form, FILTERS, '#/instances');
  main.append(h('h1', {}, t('instances.title')), form);
  const results = h('section', { 'aria-live': 'polite' });
  main.append(results);
  await instanceTable(results, params, true);
}

/** A page of instances as a table, with paging links when `paging` is on. */
export async function instanceTable(container: HTMLElement, params: URLSearchParams, paging: boolean): Promise<void> {
  const query = new URLSearchParams();
  for (const name of [...FILTERS, 'page', 'size']) if (params.get(name)) query.set(name, params.get(name)!);
  if (params.get('startedTo')) query.set('startedTo', new Date(new Date(params.get('startedTo')!).getTime() + 86_400_000).toISOString().slice(0, 10));
  const [page, comuni] = await Promise.all([api.get<InstancePage>(`/api/instances?${query}`), comuneNames()]);
  const table = h('div', {});
  if (page.items.length === 0) table.append(h('p', {}, t('instances.empty')));
  else {
    table.append(
      h(
        'table',
        { class: 'table', id: 'instances-table' },
        h(
          'thead',
          {},
          h('tr', {}, ...[t('instances.key'), t('instances.process'), t('instances.comune'), t('instances.state'), t('instances.started')].map((c) => h('th', { scope: 'col' }, c))),
        ),
        h(
          'tbody',
          {},
          ...page.items.map((i) =>
            h(
              'tr',
              { 'data-instance-key': i.processInstanceKey },
              h('td', {}, h('a', { href: `#/instances/${i.processInstanceKey}` }, i.processInstanceKey)),
              h('td', {}, i.processDefinitionName ?? i.processDefinitionId),
              h('td', {}, comuneLabel(comuni, i.codiceIstat)),
              h('td', {}, `${t(`state.${i.state}`)}${i.hasIncident ? ' ⚠' : ''}`),
              h('td', {}, formatDateTime(i.startDate)),
            ),
          ),
        ),
      ),
    );
  }
  if (paging && page.total > page.size) {
    const pages = Math.ceil(page.total / page.size);
    const link = (n: number, label: string) => {
      const p = new URLSearchParams(params);
      p.set('page', String(n));
      return h('a', { href: `#/instances?${p}`, class: 'button' }, label);
    };
    table.append(
      h(
        'nav',
        { class: 'pager', 'aria-label': t('instances.pages') },
        page.page > 1 ? link(page.page - 1, t('instances.previous')) : null,
        h('span', {}, t('instances.page', { page: page.page, pages, total: page.total })),
        page.page < pages ? link(page.page + 1, t('instances.next')) : null,
      ),
    );
  }
  const previous = container.querySelector(':scope > .instance-results');
  if (previous) clear(previous);
  table.classList.add('instance-results');
  container.append(table);
}
