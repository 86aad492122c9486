import { api } from '../api.js';
import { comuneLabel, comuneNames } from '../comuni.js';
import { h } from '../dom.js';
import { formatDate } from '../i18n/i18n.js';
import type { DeadlineStatus, RegisterEntry } from './taskApi.js';
import { daysLeftText, tt } from './taskMessages.js';
import './tasks.css';

/** The scadenzario: open deadlines across procedures in the user's scope, with status and CSV export. */
export async function deadlineRegisterView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const query = new URLSearchParams();
  for (const name of ['status', 'process', 'comune', 'page']) if (params.get(name)) query.set(name, params.get(name)!);
  const [res, comuni] = await Promise.all([api.get<RegisterPage>(`/api/deadlines?${query}`), comuneNames()]);
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete('page');
  main.append(
    h('h1', {}, tt('register.title')),
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
            h('td', {}, d.siteName ?? d.kind ?? d.variable),
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

interface RegisterPage {
  /** one page, by due date */
  items: RegisterEntry[];
  /** every open deadline after the filters */
  total: number;
  page: number;
  pageSize: number;
  counts: Record<DeadlineStatus, number>;
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
