import { h } from '../dom.js';
import { followLive } from '../live.js';
import type { TaskListState } from './taskApi.js';
import { notify } from './taskListView.js';
import { tt } from './taskMessages.js';

let stop: (() => void) | undefined;
let known: Set<string> | undefined;
let count = 0;

/**
 * New tasks for the user's groups without reloading, on every page: one SSE stream of the user's
 * task list; the nav link shows the count and a notice names each new task.
 */
export function startTaskNotifications(): void {
  if (stop) return;
  const region = h('div', { class: 'task-notices task-notices--global', role: 'status', 'aria-live': 'polite', id: 'global-task-notices' });
  document.body.append(region);
  stop = followLive<TaskListState>('/api/tasks/live', (state) => {
    const keys = new Set(state.items.map((t) => t.userTaskKey));
    // The task list page announces changes itself.
    if (known && !location.hash.startsWith('#/tasks')) for (const t of state.items) if (!known.has(t.userTaskKey)) notify(region, tt('tasks.new', { name: t.name }));
    known = keys;
    count = state.total;
    paintBadge();
  });
}

export function stopTaskNotifications(): void {
  stop?.();
  stop = undefined;
  known = undefined;
  document.getElementById('global-task-notices')?.remove();
}

/** Puts the open-task count on the nav link (called again after the header is redrawn). */
export function paintBadge(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[href="#/tasks"]');
  if (!link) return;
  let badge = link.querySelector('.nav-count');
  if (!badge) link.append((badge = h('span', { class: 'nav-count', 'aria-label': tt('tasks.count', { count }) })));
  badge.textContent = String(count);
  badge.setAttribute('aria-label', tt('tasks.count', { count }));
}
