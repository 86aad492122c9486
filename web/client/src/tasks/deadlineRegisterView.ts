import { api } from '../api.js';
import { comuneLabel, comuneNames } from '../comuni.js';
import { h } from '../dom.js';
import { formatDate } from '../i18n/i18n.js';
import type { DeadlineStatus, RegisterEntry } from './taskApi.js';
import { daysLeftText, tt } from './taskMessages.js';
import './tasks.css';

const FILTERS = ['process', 'comune', 'nature', 'status', 'from', 'to', 'sort', 'order'] as const;

/**
 * The scadenzario: open deadlines across procedures in the user's scope, named in Italian, filtered
 * (procedure, Comune, nature, status, last-day range) and sorted (due date, case, Comune) by the server,
 * with status counts and CSV export of the same selection.
 */
export async function deadlineRegisterView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const query = new URLSearchParams();
  for (const name of [...FILTERS, 'page']) if (params.get(name)) query.set(name, params.get(name)!);
  const [res, comuni] = await Promise.all([api.get<RegisterPage>(`/api/deadlines?${query}`), comuneNames()]);
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete('page');
  main.append(
    h('h1', {}, tt('register.title')),
    filterForm(res, params, comuni),
    h(
      'p',
      { class: 'summary', id: 'register-summary' },
      tt('register.summary', res.counts), ' ',
      h('a', { class: 'button', href: `/api/deadlines/export.csv?${exportQuery}`, download: 'scadenzario.csv', id: 'register-export' }, tt('register.export')),
    ),
  );
  if (res.items.length === 0) {
    main.append(h('p', { class: 'empty' }, tt('register.empty')));
    return;
  }
  const cols = [tt('register.status'), tt('task.procedure'), tt('task.case'), tt('task.comune'), tt('register.deadline'), tt('register.date'), tt('register.days'), tt('register.nature'), tt('register.source')];
  main.append(
    h(
      'table',
      { class: 'table', id: 'register-table' },
      h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...res.items.map((d) =>
          h(
            'tr',
            { 'data-status': d.status, 'data-instance-key': d.processInstanceKey },
            h('td', {}, h('span', { class: `deadline deadline--${d.status}` }, tt(`deadline.status.${d.status}`))),
            h('td', {}, d.processName ?? d.processDefinitionId),
            h('td', {}, h('a', { href: `#/instances/${d.processInstanceKey}` }, d.businessKey ?? d.processInstanceKey)),
            h('td', {}, comuneLabel(comuni, d.comune)),
            h('td', { class: 'deadline-name' }, d.name),
            h('td', {}, formatDate(d.lastDay ?? d.dueAt)),
            h('td', {}, daysLeftText(d.daysLeft, d.status)),
            h('td', {}, d.nature ? tt(`task.nature.${d.nature}`) : ''),
            h('td', {}, d.legalSource ?? ''),
          ),
        ),
      ),
    ),
    pager(res, query) ?? '',
  );
}

/** The filters as a form; applying it asks the server again from the first page. */
function filterForm(res: RegisterPage, params: URLSearchParams, comuni: Map<string, string>): HTMLElement {
  const form = h('form', { class: 'filters', 'aria-label': tt('register.filters'), id: 'register-filters' });
  const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `rf-${name}` }, label), input);
  const select = (name: string, options: Array<[string, string]>) => {
    const s = h('select', { id: `rf-${name}`, name });
    for (const [v, label] of options) s.append(h('option', { value: v, selected: v === (params.get(name) ?? '') }, label));
    return s;
  };
  const any: [string, string] = ['', tt('tasks.any')];
  form.append(
    field('process', tt('tasks.process'), select('process', [any, ...res.facets.processes.map((p): [string, string] => [p.id, p.name])])),
    field('comune', tt('tasks.comune'), select('comune', [any, ...res.facets.comuni.map((c): [string, string] => [c, comuneLabel(comuni, c)])])),
    field('nature', tt('register.filter.nature'), select('nature', [any, ['perentorio', tt('task.nature.perentorio')], ['ordinatorio', tt('task.nature.ordinatorio')]])),
    field('status', tt('register.filter.status'), select('status', [any, ...(['overdue', 'soon', 'ok'] as const).map((v): [string, string] => [v, tt(`register.filter.status.${v}`)])])),
    field('from', tt('register.filter.from'), h('input', { id: 'rf-from', name: 'from', type: 'date', value: params.get('from') ?? '' })),
    field('to', tt('register.filter.to'), h('input', { id: 'rf-to', name: 'to', type: 'date', value: params.get('to') ?? '' })),
    field('sort', tt('register.sort'), select('sort', [['due', tt('register.sort.due')], ['case', tt('register.sort.case')], ['comune', tt('register.sort.comune')]])),
    field('order', tt('register.order'), select('order', [['asc', tt('register.order.asc')], ['desc', tt('register.order.desc')]])),
    h('button', { type: 'submit', class: 'button button--primary' }, tt('tasks.apply')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const v = (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
      if (v && !(name === 'sort' && v === 'due') && !(name === 'order' && v === 'asc')) next.set(name, v);
    }
    location.hash = `#/scadenzario?${next}`;
  });
  return form;
}

interface RegisterPage {
  /** one page, by due date */
  items: RegisterEntry[];
  /** every open deadline after the filters */
  total: number;
  page: number;
  pageSize: number;
  counts: Record<DeadlineStatus, number>;
  /** the procedures and Comuni the register holds, for the filters */
  facets: { processes: Array<{ id: string; name: string }>; comuni: string[] };
}

/** Every deadline is reachable page by page; the summary above counts them all. */
function pager(res: RegisterPage, query: URLSearchParams): HTMLElement | null {
  const pages = Math.ceil(res.total / res.pageSize);
  if (pages <= 1) return null;
  const to = (n: number, label: string, rel: string) => {
    const p = new URLSearchParams(query);
    if (n === 1) p.delete('page');
    else p.set('page', String(n));
    return h('a', { href: `#/scadenzario?${p}`, class: 'button', rel }, label);
  };
  return h(
    'nav',
    { class: 'pager', 'aria-label': tt('register.pages'), id: 'register-pager' },
    res.page > 1 ? to(res.page - 1, tt('tasks.previous'), 'prev') : null,
    h('span', {}, tt('tasks.page', { page: res.page, pages })),
    res.page < pages ? to(res.page + 1, tt('tasks.next'), 'next') : null,
  );
}
