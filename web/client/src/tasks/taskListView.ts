import { api } from '../api.js';
import { comuneLabel, comuneNames } from '../comuni.js';
import { clear, h } from '../dom.js';
import { formatDate } from '../i18n/i18n.js';
import { followLive } from '../live.js';
import type { TaskItem, TaskListState, TaskView } from './taskApi.js';
import { daysLeftText, tt } from './taskMessages.js';
import { setTaskCount } from './taskNotifications.js';
import './tasks.css';

const VIEWS: TaskView[] = ['all', 'mine', 'unassigned', 'groups'];
const FILTERS = ['view', 'process', 'comune', 'dueBefore', 'sort', 'order', 'page'] as const;

/**
 * The task list: what the user may act on, with filters, counts per view, sorting, and live updates
 * (a new task for the user's groups appears, one completed elsewhere disappears) over SSE.
 */
export async function taskListView(main: HTMLElement, params: URLSearchParams): Promise<() => void> {
  const query = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) query.set(name, params.get(name)!);
  const view = (params.get('view') as TaskView | null) ?? 'all';
  const [first, comuni] = await Promise.all([api.get<TaskListState>(`/api/tasks?${query}`), comuneNames()]);

  const tabs = h('nav', { class: 'task-views', 'aria-label': tt('tasks.filters') });
  const form = h('form', { class: 'filters', 'aria-label': tt('tasks.filters'), id: 'task-filters' });
  const liveState = h('p', { class: 'live-state', role: 'status' });
  const notices = h('div', { class: 'task-notices', role: 'status', 'aria-live': 'polite', id: 'task-notices' });
  const results = h('section', { id: 'task-results', 'aria-live': 'polite' });
  main.append(h('h1', {}, tt('tasks.title')), tabs, form, liveState, notices, results);

  const link = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(query);
    for (const [k, v] of Object.entries(next)) (v ? p.set(k, v) : p.delete(k));
    return `#/tasks?${p}`;
  };

  const renderFilters = (state: TaskListState) => {
    clear(form);
    const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `tf-${name}` }, label), input);
    const select = (name: string, options: Array<[string, string]>) => {
      const s = h('select', { id: `tf-${name}`, name });
      for (const [v, label] of options) s.append(h('option', { value: v, selected: v === (params.get(name) ?? '') }, label));
      return s;
    };
    form.append(
      field('process', tt('tasks.process'), select('process', [['', tt('tasks.any')], ...state.facets.processes.map((p): [string, string] => [p.id, p.name])])),
      field('comune', tt('tasks.comune'), select('comune', [['', tt('tasks.any')], ...state.facets.comuni.map((c): [string, string] => [c, comuneLabel(comuni, c)])])),
      field('dueBefore', tt('tasks.dueBefore'), h('input', { id: 'tf-dueBefore', name: 'dueBefore', type: 'date', value: params.get('dueBefore') ?? '' })),
      field('sort', tt('tasks.sort'), select('sort', [['due', tt('tasks.sort.due')], ['priority', tt('tasks.sort.priority')], ['created', tt('tasks.sort.created')]])),
      h('button', { type: 'submit', class: 'button button--primary' }, tt('tasks.apply')),
    );
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string | undefined> = {};
    for (const name of ['process', 'comune', 'dueBefore', 'sort']) next[name] = (form.elements.namedItem(name) as HTMLInputElement | null)?.value || undefined;
    location.hash = link({ ...next, page: undefined });
  });

  const renderTabs = (state: TaskListState) => {
    clear(tabs);
    tabs.append(
      h(
        'ul',
        {},
        ...VIEWS.map((v) =>
          h(
            'li',
            {},
            h('a', { href: link({ view: v === 'all' ? undefined : v, page: undefined }), 'aria-current': v === view ? 'page' : undefined, 'data-view': v }, `${tt(`tasks.view.${v}`)} `, h('span', { class: 'count', 'data-count': v }, String(state.counts[v]))),
          ),
        ),
      ),
    );
  };

  const renderTable = (state: TaskListState) => {
    clear(results);
    if (state.items.length === 0) {
      results.append(h('p', { class: 'empty' }, tt('tasks.empty')));
      return;
    }
    results.append(
      h('p', { class: 'summary' }, tt('tasks.count', { count: state.total })),
      h(
        'table',
        { class: 'table', id: 'tasks-table' },
        h('thead', {}, h('tr', {}, ...[tt('tasks.name'), tt('tasks.process'), tt('tasks.case'), tt('tasks.comune'), tt('tasks.due'), tt('tasks.priority'), tt('tasks.assignee')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...state.items.map((item) => row(item, comuni))),
      ),
      pager(state) ?? '',
    );
  };

  /** The list is paged on the server: every task is reachable, page by page, and the total is always shown. */
  const pager = (state: TaskListState) => {
    const pages = Math.ceil(state.total / state.pageSize);
    if (pages <= 1) return null;
    const to = (n: number, label: string, rel: string) => h('a', { href: link({ page: n === 1 ? undefined : String(n) }), class: 'button', rel }, label);
    return h(
      'nav',
      { class: 'pager', 'aria-label': tt('tasks.pages'), id: 'tasks-pager' },
      state.page > 1 ? to(state.page - 1, tt('tasks.previous'), 'prev') : null,
      h('span', {}, tt('tasks.page', { page: state.page, pages })),
      state.page < pages ? to(state.page + 1, tt('tasks.next'), 'next') : null,
    );
  };

  let known = new Map(first.items.map((t) => [t.userTaskKey, t.name]));
  let knownTotal = first.total;
  const render = (state: TaskListState) => {
    renderTabs(state);
    renderTable(state);
    if (view === 'all' && !query.has('page') && query.size === 0) setTaskCount(state.total);
    const now = new Map(state.items.map((t) => [t.userTaskKey, t.name]));
    // On a page, a task also enters or leaves when others move: only a change of the total is news.
    if (state.total > knownTotal) for (const [key, name] of now) if (!known.has(key)) notify(notices, tt('tasks.new', { name }));
    if (state.total < knownTotal) for (const [key, name] of known) if (!now.has(key)) notify(notices, tt('tasks.gone', { name }));
    known = now;
    knownTotal = state.total;
  };
  renderFilters(first);
  render(first);
  const stop = followLive<TaskListState>(`/api/tasks/live?${query}`, render, (ok) => {
    liveState.textContent = ok ? tt('tasks.live') : tt('tasks.offline');
  });
  return stop;
}

function row(t: TaskItem, comuni: Map<string, string>): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-task-key': t.userTaskKey, 'data-element-id': t.elementId },
    h('td', {}, h('a', { href: `#/tasks/${t.userTaskKey}` }, t.name)),
    h('td', {}, t.processName ?? t.processDefinitionId),
    h('td', {}, t.businessKey ?? t.processInstanceKey),
    h('td', {}, comuneLabel(comuni, t.comune)),
    h('td', {}, t.deadline ? deadlineBadge(t.deadline) : ''),
    h('td', {}, String(t.priority)),
    h('td', {}, t.assignee ?? tt('tasks.unassigned')),
  );
}

export function deadlineBadge(d: { dueAt: string; daysLeft: number; status: string; nature?: string; legalSource?: string; lastDay?: string }): HTMLElement {
  const title = [d.nature ? tt(`task.nature.${d.nature}` as never) : '', d.legalSource ?? ''].filter(Boolean).join(' – ');
  return h(
    'span',
    { class: `deadline deadline--${d.status}`, title: title || undefined },
    `${formatDate(d.lastDay ?? d.dueAt)} · ${daysLeftText(d.daysLeft, d.status)}`,
    d.nature ? h('span', { class: 'nature' }, ` (${tt(`task.nature.${d.nature}` as never)})`) : null,
  );
}

export function notify(region: HTMLElement, text: string): void {
  const note = h('p', { class: 'message message--ok toast' }, text);
  region.append(note);
  setTimeout(() => note.remove(), 8000);
}
