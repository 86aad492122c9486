import { h } from '../dom.js';
import { followLive } from '../live.js';
import type { TaskListState } from './taskApi.js';
import { notify } from './taskListView.js';
import { tt } from './taskMessages.js';

let stop: (() => void) | undefined;
let known: Set<string> | undefined;
let count: number | undefined;

/**
 * New tasks for the user's groups without reloading, on every page: one SSE stream of the user's
 * task list; the nav link shows the count and a notice names each new task. The task pages follow
 * their own stream, so this one closes there: a browser keeps only six connections per host, and
 * every open stream holds one for as long as the tab is open.
 */
export function startTaskNotifications(): void {
  if (location.hash.startsWith('#/tasks')) {
    stop?.();
    stop = undefined;
    known = undefined;
    return;
  }
  if (stop) return;
  let region = document.getElementById('global-task-notices');
  // In the page's flow between the header and the content, not floating over it: a fixed toast in a corner
  // covered the deadlines card of the instance page; here a notice pushes the content down while it lasts.
  if (!region) document.getElementById('main')?.before((region = h('div', { class: 'task-notices task-notices--global', role: 'status', 'aria-live': 'polite', id: 'global-task-notices' })));
  if (!region) return;
  const notices = region;
  stop = followLive<TaskListState>('/api/tasks/live', (state) => {
    if (known) for (const t of state.items) if (!known.has(t.userTaskKey)) notify(notices, tt('tasks.new', { name: t.name }));
    known = new Set(state.items.map((t) => t.userTaskKey));
    setTaskCount(state.total);
  });
}

export function stopTaskNotifications(): void {
  stop?.();
  stop = undefined;
  known = undefined;
  count = undefined;
  document.getElementById('global-task-notices')?.remove();
}

/** The open-task count for the nav link (the task list page reports it too). */
export function setTaskCount(total: number): void {
  count = total;
  paintBadge();
}

/** Puts the open-task count on the nav link (called again after the header is redrawn). */
export function paintBadge(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[href="#/tasks"]');
  if (!link || count === undefined) return;
  let badge = link.querySelector('.nav-count');
  if (!badge) link.append((badge = h('span', { class: 'nav-count' })));
  badge.textContent = String(count);
  badge.setAttribute('aria-label', tt('tasks.count', { count }));
}
