import './audit.css';
import { api } from '../api.js';
import { createStatusViewer } from '../bpmn/createViewer.js';
import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import type { AuditEntry, EngineStep, InstanceTrail } from './auditApi.js';
import { actionView } from './auditActionLabel.js';
import { actorLabel, dataDetails, entityLabel } from './auditEntryView.js';
import { chainStatusBanner } from './chainStatusBanner.js';

type TimelineItem = { at: string; order: number; node: HTMLElement };

/**
 * One instance for an auditor: every step of its trail (who, what data, which rule, which hash)
 * beside the diagram with the path it took, the engine's own element history interleaved, and
 * the exports (CSV, PDF report) to attach to the file.
 */
export async function auditInstanceView(main: HTMLElement, key: string): Promise<() => void> {
  main.classList.add('main--wide');
  const trail = await api.get<InstanceTrail>(`/api/audit/instances/${encodeURIComponent(key)}`);
  const xml = await api.get<string>(`/api/processes/${encodeURIComponent(trail.instance.processDefinitionKey)}/xml`);
  const base = `/api/audit/instances/${encodeURIComponent(key)}`;
  const container = h('div', { class: 'diagram', id: 'audit-diagram' });
  const timeline = h('ol', { class: 'audit-timeline', id: 'audit-timeline', 'aria-label': t('audit.instance.timeline') });
  main.append(
    h('h1', {}, t('audit.instance.title', { key })),
    h('p', { class: 'summary' }, `${trail.instance.processDefinitionName ?? trail.instance.processDefinitionId} – ${t(`state.${trail.instance.state}`)} – ${formatDateTime(trail.instance.startDate)}`),
    ...(trail.calledInstances.length > 0 ? [calledInstances(trail.calledInstances)] : []),
    chainStatusBanner(),
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'button', id: 'export-csv', href: `${base}/export.csv`, download: `audit-${key}.csv` }, t('audit.instance.exportCsv')),
      h('a', { class: 'button', id: 'export-pdf', href: `${base}/export.pdf`, download: `audit-${key}.pdf` }, t('audit.instance.exportPdf')),
    ),
    h('div', { class: 'audit-layout' }, container, h('section', { 'aria-labelledby': 'timeline-title', class: 'audit-timeline-panel' }, h('h2', { id: 'timeline-title' }, t('audit.instance.timeline')), timeline)),
  );
  const viewer = await createStatusViewer(container, xml);
  viewer.statusOverlay.show(trail.elements);
  viewer.pathHighlight.show(trail);
  const registry = viewer.viewer.get('elementRegistry') as { get(id: string): { businessObject?: { name?: string } } | undefined };
  const elementName = (id: string) => registry.get(id)?.businessObject?.name ?? id;

  const items: TimelineItem[] = [
    ...trail.entries.map((e) => ({ at: e.timestamp, order: 1, node: entryItem(e) })),
    ...trail.steps.flatMap((s) => stepItems(s, elementName)),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  if (items.length === 0) timeline.append(h('li', { class: 'empty' }, t('audit.instance.empty')));
  for (const item of items) timeline.append(item.node);
  return () => {
    viewer.viewer.destroy();
    main.classList.remove('main--wide');
  };
}

/** The instances this one called (a case's phases): each a link to its own trail. */
function calledInstances(keys: string[]): HTMLElement {
  const links = keys.flatMap((key, i) => [i > 0 ? ', ' : null, h('a', { href: `#/audit/instances/${encodeURIComponent(key)}` }, key)]);
  return h('p', { class: 'summary', id: 'audit-called' }, `${t('audit.instance.called')} `, ...links);
}

function entryItem(e: AuditEntry): HTMLElement {
  return h(
    'li',
    { class: `audit-item audit-item--${e.actor.type}`, 'data-seq': e.seq, 'data-action': e.action },
    h('span', { class: 'audit-when' }, formatDateTime(e.timestamp)),
    ' ',
    actionView(e.action),
    ' – ',
    h('strong', { class: 'audit-actor' }, actorLabel(e)),
    ' – ',
    entityLabel(e),
    e.legalRule ? h('span', { class: 'audit-rule' }, ` (${e.legalRule})`) : null,
    dataDetails(e),
    h('span', { class: 'audit-hash', title: `prevHash ${e.prevHash}` }, `#${e.seq} ${e.hash.slice(0, 16)}…`),
  );
}

function stepItems(s: EngineStep, elementName: (id: string) => string): TimelineItem[] {
  const node = (at: string, state: string) =>
    h('li', { class: 'audit-item audit-item--step', 'data-element-id': s.elementId }, h('span', { class: 'audit-when' }, formatDateTime(at)), ' ', t('audit.instance.engineStep', { element: elementName(s.elementId), state }));
  const out: TimelineItem[] = [];
  if (s.startDate) out.push({ at: s.startDate, order: 0, node: node(s.startDate, t('state.ACTIVE')) });
  if (s.endDate) out.push({ at: s.endDate, order: 2, node: node(s.endDate, t(`state.${s.state}`)) });
  return out;
}
