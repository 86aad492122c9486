import { api, type ElementStatistics, type ProcessDefinition } from '../api.js';
import { createStatusViewer } from '../bpmn/createViewer.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { followLive } from '../live.js';
import { instanceTable } from './instanceListView.js';
import { startForms } from './startInstanceView.js';

/** A process definition with live per-element counts, and its instances below. */
export async function definitionView(main: HTMLElement, key: string): Promise<() => void> {
  main.classList.add('main--wide');
  const definition = await api.get<ProcessDefinition>(`/api/processes/${encodeURIComponent(key)}`);
  const xml = await api.get<string>(`/api/processes/${encodeURIComponent(key)}/xml`);
  const liveState = h('p', { class: 'live-state', role: 'status', 'aria-live': 'polite' });
  const container = h('div', { class: 'diagram', id: 'status-diagram', 'aria-label': definition.name ?? definition.processDefinitionId });
  const startable = (await startForms()).some((f) => f.processDefinitionId === definition.processDefinitionId);
  main.append(
    h('h1', {}, `${definition.name ?? definition.processDefinitionId} (v${definition.version})`),
    ...(startable ? [h('p', {}, h('a', { href: `#/processes/${encodeURIComponent(key)}/start`, class: 'button button--primary', id: 'start-case' }, t('processes.start')))] : []),
    legend(),
    liveState,
    container,
  );
  const viewer = await createStatusViewer(container, xml);
  const stop = followLive<{ statistics: ElementStatistics[] }>(
    `/api/processes/${encodeURIComponent(key)}/live`,
    (state) => {
      viewer.statusOverlay.show(state.statistics);
      container.dataset.updatedAt = String(Date.now());
    },
    (ok) => {
      liveState.textContent = ok ? t('status.live') : t('status.offline');
      liveState.classList.toggle('live-state--offline', !ok);
    },
  );
  const list = h('section', { 'aria-labelledby': 'instances-title' }, h('h2', { id: 'instances-title' }, t('instances.title')));
  main.append(list);
  await instanceTable(list, new URLSearchParams({ processDefinitionId: definition.processDefinitionId }), false);
  return () => {
    stop();
    viewer.viewer.destroy();
    main.classList.remove('main--wide');
  };
}

export function legend(): HTMLElement {
  const item = (kind: string, label: string) => h('li', {}, h('span', { class: `hr-badge hr-badge--${kind}`, 'aria-hidden': 'true' }, 'n'), ` ${label}`);
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('status.legend') },
    item('active', t('status.active')),
    item('completed', t('status.completed')),
    item('canceled', t('status.canceled')),
    item('incidents', t('status.incidents')),
  );
}
