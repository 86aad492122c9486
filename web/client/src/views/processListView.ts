import { api, type ProcessDefinition } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { hasRole } from '../session.js';
import { startForms } from './startInstanceView.js';

interface Draft {
  diagramId: string;
  version: number;
  author: string;
  createdAt: string;
}

/** The deployed procedures (latest version of each), and the designer's drafts. */
export async function processListView(main: HTMLElement): Promise<void> {
  const { items } = await api.get<{ items: ProcessDefinition[] }>('/api/processes');
  const latest = new Map<string, ProcessDefinition>();
  for (const d of items) if ((latest.get(d.processDefinitionId)?.version ?? 0) < d.version) latest.set(d.processDefinitionId, d);
  const designer = hasRole('designer', 'admin');
  const canSeeStatus = hasRole('provincia', 'comune', 'auditor', 'admin');
  const startable = new Set((await startForms()).map((f) => f.processDefinitionId));
  const rows = [...latest.values()].sort((a, b) => a.processDefinitionId.localeCompare(b.processDefinitionId));

  main.append(
    h('h1', {}, t('processes.title')),
    rows.length === 0
      ? h('p', {}, t('processes.empty'))
      : h(
          'table',
          { class: 'table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('processes.name')), h('th', { scope: 'col' }, t('processes.id')), h('th', { scope: 'col' }, t('processes.version')), h('th', { scope: 'col' }, ''))),
          h(
            'tbody',
            {},
            ...rows.map((d) =>
              h(
                'tr',
                { 'data-process-id': d.processDefinitionId },
                h('td', {}, d.name ?? d.processDefinitionId),
                h('td', {}, h('code', { class: 'id' }, d.processDefinitionId)),
                h('td', {}, String(d.version)),
                h(
                  'td',
                  { class: 'actions' },
                  canSeeStatus ? h('a', { href: `#/processes/${d.processDefinitionKey}`, class: 'button' }, t('processes.status')) : null,
                  designer ? h('a', { href: `#/modeler?definition=${d.processDefinitionKey}`, class: 'button' }, t('processes.edit')) : null,
                  startable.has(d.processDefinitionId) ? h('a', { href: `#/processes/${d.processDefinitionKey}/start`, class: 'button button--primary' }, t('processes.start')) : null,
                ),
              ),
            ),
          ),
        ),
  );

  if (designer) {
    const drafts = (await api.get<{ items: Draft[] }>('/api/drafts')).items;
    main.append(
      h('h2', {}, t('drafts.title')),
      h('p', {}, h('a', { href: '#/modeler?new=1', class: 'button button--primary' }, t('processes.newDiagram'))),
      drafts.length === 0
        ? h('p', {}, t('drafts.empty'))
        : h(
            'ul',
            { class: 'list' },
            ...drafts.map((d) =>
              h(
                'li',
                {},
                h('a', { href: `#/modeler?draft=${encodeURIComponent(d.diagramId)}` }, d.diagramId),
                ' – ',
                t('drafts.savedBy', { version: d.version, author: d.author, date: formatDateTime(d.createdAt) }),
              ),
            ),
          ),
    );
  }
}
