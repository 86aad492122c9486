import { api, type ProcessDefinition } from '../api.js';
import { comuneLabel, comuneNames } from '../comuni.js';
import { h } from '../dom.js';
import { formatDate, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { caseHref } from '../cases/caseMessages.js';
import { hasRole } from '../session.js';
import { showHeatmap } from './heatmapViewer.js';
import { items, monitoringUrl, type CasePage, type DeadlineRow, type DurationRow, type InProgressRow, type IncidentRow, type KpiRow, type MonitoringQuery, type TrainingRow, type VolumeRow, type WaitingRow } from './monitoringApi.js';
import { barChart, disposeCharts } from './monitoringChart.js';

const days = (ms: number) => (Math.round((ms / 86_400_000) * 10) / 10).toLocaleString('it-IT');
type Cell = string | number | HTMLElement;

function table(headers: MessageKey[], rows: Cell[][], caption: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'mon-empty' }, t('mon.empty'));
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'table mon-table' },
      h('caption', { class: 'visually-hidden' }, `${caption} – ${t('mon.table')}`),
      h('thead', {}, h('tr', {}, ...headers.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, typeof c === 'number' ? c.toLocaleString('it-IT') : c)))))));
}

/** #/monitoraggio: the Monitoraggio area, each figure a chart with its table, its CSV and the cases behind its numbers. */
export async function monitoringView(root: HTMLElement, params: URLSearchParams): Promise<() => void> {
  const query: MonitoringQuery = {};
  for (const name of ['processId', 'from', 'to']) if (params.get(name)) query[name] = params.get(name)!;
  const [names, definitions] = await Promise.all([comuneNames().catch(() => new Map<string, string>()), api.get<{ items: ProcessDefinition[] }>('/api/processes').then((r) => r.items).catch(() => [] as ProcessDefinition[])]);
  const comune = (code: string) => (code ? comuneLabel(names, code) : '–');
  const processIds = [...new Set(definitions.map((d) => d.processDefinitionId))].sort();
  const casesBox = h('section', { class: 'mon-section', id: 'mon-cases', 'aria-live': 'polite' });

  /** A number that opens the cases behind it. */
  const drill = (value: number, figure: Record<string, string>): Cell => {
    if (value === 0) return 0;
    return h('button', { type: 'button', class: 'link mon-drill', onclick: () => void openCases(figure) }, value.toLocaleString('it-IT'));
  };
  /** The cases behind a figure, a page at a time with the total; each opens its «Pratiche» page (the instance page only when it has no number). */
  const openCases = async (figure: Record<string, string>, page = 1) => {
    const result = await api.get<CasePage>(monitoringUrl('cases', query, { ...figure, page: String(page) }));
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const link = (r: CasePage['items'][number]) => (r.caseNumber
      ? h('a', { href: caseHref(r.caseNumber, r.processInstanceKey), class: 'mon-case' }, r.caseNumber)
      : h('a', { href: `#/instances/${encodeURIComponent(r.processInstanceKey)}`, class: 'mon-case' }, t('mon.cases.noNumber', { key: r.processInstanceKey })));
    const detail = (r: CasePage['items'][number]) => (figure.kind === 'step' && /^\d+$/.test(r.detail) ? t('mon.cases.days', { days: days(Number(r.detail)) }) : r.detail);
    const pager = (n: number, key: MessageKey) => h('button', { type: 'button', class: 'button button--secondary', disabled: n < 1 || n > pages, onclick: () => void openCases(figure, n) }, t(key));
    casesBox.replaceChildren(...[
      h('div', { class: 'mon-section-head' }, h('h2', {}, t('mon.cases.title')), h('a', { class: 'button button--secondary', href: monitoringUrl('cases', query, { ...figure, format: 'csv' }), download: '' }, t('mon.csv'))),
      h('p', { id: 'mon-cases-total' }, t('mon.cases.total', { total: result.total.toLocaleString('it-IT'), page: result.page.toLocaleString('it-IT'), pages: pages.toLocaleString('it-IT') })),
      table(['mon.col.case', 'mon.col.process', 'mon.col.comune', 'mon.col.detail', 'mon.col.date'], result.items.map((r) => [link(r), r.processId, comune(r.comune), detail(r), /^\d{4}-\d{2}-\d{2}T/.test(r.at) ? formatDate(r.at) : r.at]), t('mon.cases.title')),
      pages > 1 ? h('nav', { class: 'mon-pager', 'aria-label': t('mon.cases.pages') }, pager(result.page - 1, 'mon.cases.previous'), pager(result.page + 1, 'mon.cases.next')) : null,
    ].filter((n): n is HTMLElement => n !== null));
    casesBox.scrollIntoView({ block: 'start' });
  };
  const section = (titleKey: MessageKey, figure: string, ...content: Array<HTMLElement | null>) =>
    h('section', { class: 'mon-section', 'data-figure': figure },
      h('div', { class: 'mon-section-head' }, h('h2', {}, t(titleKey)), h('a', { class: 'button button--secondary', href: monitoringUrl(figure, query, { format: 'csv' }), download: '' }, t('mon.csv'))),
      ...content);

  const [volumes, durations, inProgress, waiting, incidents, deadlines, training, targets] = await Promise.all([
    items<VolumeRow>('volumes', query), items<DurationRow>('durations', query), items<InProgressRow>('in-progress', query), items<WaitingRow>('waiting', query), items<IncidentRow>('incidents', query),
    items<DeadlineRow>('deadlines', query), items<TrainingRow>('training', {}), items<KpiRow>('targets', query),
  ]);

  const filters = h('form', { class: 'mon-filters' },
    h('label', {}, t('mon.filter.process'), h('select', { name: 'processId' }, h('option', { value: '' }, t('mon.filter.all')), ...processIds.map((id) => h('option', { value: id, selected: id === query.processId }, id)))),
    h('label', {}, t('mon.filter.from'), h('input', { type: 'month', name: 'from', value: query.from ?? '' })),
    h('label', {}, t('mon.filter.to'), h('input', { type: 'month', name: 'to', value: query.to ?? '' })),
    h('button', { type: 'submit', class: 'button' }, t('mon.filter.submit')),
    h('a', { class: 'button button--secondary', href: monitoringUrl('report.pdf', query), target: '_blank', rel: 'noopener' }, t('mon.pdf')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const name of ['processId', 'from', 'to']) {
      const v = (filters.elements.namedItem(name) as HTMLInputElement).value;
      if (v) next.set(name, v);
    }
    location.hash = `#/monitoraggio${next.size ? `?${next}` : ''}`;
  });

  const manager = hasRole('provincia', 'admin');
  const form = manager ? targetForm() : undefined;
  const deleteTarget = async (k: KpiRow) => {
    if (!window.confirm(t('mon.target.confirmDelete', { name: k.name }))) return;
    await api.del(`/api/monitoring/targets/${k.id}`).then(() => window.dispatchEvent(new HashChangeEvent('hashchange'))).catch((error: Error) => form?.say(error.message));
  };
  const months = [...new Set(volumes.map((v) => v.month))].sort();
  const sum = (rows: VolumeRow[], m: string, k: 'opened' | 'closed') => rows.filter((r) => r.month === m).reduce((n, r) => n + r[k], 0);
  const heatmapBox = h('div', { class: 'mon-heatmap' });
  const bottlenecks = durations.filter((d) => d.elementId !== '');

  root.append(
    h('h1', {}, t('mon.title')),
    h('p', {}, t('mon.intro')),
    filters,
    section('mon.volumes.title', 'volumes',
      months.length ? barChart(t('mon.volumes.title'), months, [{ name: t('mon.col.opened'), values: months.map((m) => sum(volumes, m, 'opened')) }, { name: t('mon.col.closed'), values: months.map((m) => sum(volumes, m, 'closed')) }]) : null,
      table(['mon.col.month', 'mon.col.process', 'mon.col.comune', 'mon.col.opened', 'mon.col.closed'], volumes.map((v) => [v.month, v.processId, comune(v.comune),
        drill(v.opened, { kind: 'opened', from: v.month, to: v.month, processId: v.processId, ...(v.comune ? { comune: v.comune } : {}) }),
        drill(v.closed, { kind: 'closed', from: v.month, to: v.month, processId: v.processId, ...(v.comune ? { comune: v.comune } : {}) })]), t('mon.volumes.title'))),
    section('mon.durations.title', 'durations',
      h('p', { class: 'mon-note' }, t('mon.durations.note')),
      bottlenecks.length ? barChart(t('mon.durations.title'), bottlenecks.map((d) => d.elementId), [{ name: 'p50', values: bottlenecks.map((d) => Math.round(d.p50Ms / 8_640_000) / 10) }, { name: 'p90', values: bottlenecks.map((d) => Math.round(d.p90Ms / 8_640_000) / 10) }], { horizontal: true }) : null,
      table(['mon.col.process', 'mon.col.step', 'mon.col.count', 'mon.col.p50', 'mon.col.p90'], durations.map((d) => [d.processId, d.elementId || t('mon.whole'), d.elementId ? drill(d.count, { kind: 'step', processId: d.processId, elementId: d.elementId }) : d.count, days(d.p50Ms), days(d.p90Ms)]), t('mon.durations.title')),
      h('h3', {}, t('mon.heatmap.title')),
      query.processId ? h('p', { class: 'mon-note' }, t('mon.heatmap.legend')) : null,
      query.processId ? heatmapBox : h('p', {}, t('mon.heatmap.choose'))),
    section('mon.inProgress.title', 'in-progress',
      h('p', { class: 'mon-note' }, t('mon.inProgress.note')),
      table(['mon.col.process', 'mon.col.step', 'mon.col.inProgress', 'mon.col.oldestAge', 'mon.col.older'], inProgress.map((w) => [w.processId, w.elementId || '–', drill(w.count, { kind: 'waiting', processId: w.processId, ...(w.elementId ? { elementId: w.elementId } : {}) }), days(w.oldestAgeMs), w.over30Days]), t('mon.inProgress.title'))),
    section('mon.waiting.title', 'waiting',
      waiting.length ? barChart(t('mon.waiting.title'), waiting.map((w) => w.candidateGroup || '–'), [['mon.col.d1', 'upTo1Day'], ['mon.col.d7', 'upTo7Days'], ['mon.col.d30', 'upTo30Days'], ['mon.col.older', 'over30Days']].map(([k, f]) => ({ name: t(k as MessageKey), stack: 'age', values: waiting.map((w) => w[f as 'upTo1Day']) })), { horizontal: true }) : null,
      table(['mon.col.group', 'mon.col.waiting', 'mon.col.d1', 'mon.col.d7', 'mon.col.d30', 'mon.col.older'], waiting.map((w) => [w.candidateGroup || '–', drill(w.count, { kind: 'waiting', candidateGroup: w.candidateGroup }), w.upTo1Day, w.upTo7Days, w.upTo30Days, w.over30Days]), t('mon.waiting.title'))),
    section('mon.incidents.title', 'incidents',
      incidents.length ? barChart(t('mon.incidents.title'), incidents.map((i) => `${i.month} ${i.processId}`), [{ name: t('mon.col.incidentFree'), kind: 'line', values: incidents.map((i) => i.incidentFreePercent) }]) : null,
      table(['mon.col.month', 'mon.col.process', 'mon.col.cases', 'mon.col.withIncident', 'mon.col.incidents', 'mon.col.incidentFree'], incidents.map((i) => [i.month, i.processId, i.cases, i.casesWithIncident, drill(i.incidents, { kind: 'incident', processId: i.processId, from: i.month, to: i.month }), i.incidentFreePercent]), t('mon.incidents.title'))),
    section('mon.deadlines.title', 'deadlines',
      deadlines.length ? barChart(t('mon.deadlines.title'), deadlines.map((d) => `${comune(d.comune)} · ${d.elementId} (${d.nature})`), [{ name: t('mon.col.met'), stack: 'd', values: deadlines.map((d) => d.met) }, { name: t('mon.col.missed'), stack: 'd', values: deadlines.map((d) => d.missed) }], { horizontal: true }) : null,
      table(['mon.col.process', 'mon.col.comune', 'mon.col.step', 'mon.col.nature', 'mon.col.met', 'mon.col.missed'], deadlines.map((d) => {
        const figure = { kind: 'deadline', processId: d.processId, elementId: d.elementId, ...(d.nature ? { nature: d.nature } : {}), ...(d.comune ? { comune: d.comune } : {}) };
        return [d.processId, comune(d.comune), d.elementId, d.nature ? t(`mon.nature.${d.nature}` as MessageKey) : '–', drill(d.met, { ...figure, met: 'true' }), drill(d.missed, { ...figure, met: 'false' })];
      }), t('mon.deadlines.title'))),
    section('mon.training.title', 'training',
      training.length ? barChart(t('mon.training.title'), training.map((r) => `${comune(r.comune)} ${r.anno}`), [{ name: t('mon.col.avgHours'), values: training.map((r) => r.oreMedie) }], { horizontal: true }) : null,
      table(['mon.col.year', 'mon.col.comune', 'mon.col.employees', 'mon.col.goal', 'mon.col.avgHours', 'mon.col.mandatory'], training.map((r) => [r.anno, comune(r.comune), r.dipendenti, r.obiettivoRaggiunto, r.oreMedie, `${r.obbligatoriValidi}/${r.obbligatoriTotali}`]), t('mon.training.title'))),
    section('mon.targets.title', 'targets',
      table(['mon.col.target', 'mon.col.percent', 'mon.col.expected', 'mon.col.status', 'mon.col.trend', ...(manager ? ['mon.col.actions' as MessageKey] : [])], targets.map((k) => [k.name, k.percent, k.targetPercent,
        h('span', { class: `mon-kpi mon-kpi--${k.total === 0 ? 'none' : k.met ? 'met' : 'missed'}` }, t(k.total === 0 ? 'mon.target.noData' : k.met ? 'mon.target.met' : 'mon.target.notMet')),
        k.trend.map((m) => `${m.month}: ${m.percent.toLocaleString('it-IT')}% ${m.met ? '✓' : '✗'}`).join(' · '),
        ...(manager ? [h('span', { class: 'mon-actions' },
          h('button', { type: 'button', class: 'link', 'aria-label': t('mon.target.editOf', { name: k.name }), onclick: () => form?.edit(k) }, t('mon.target.edit')),
          h('button', { type: 'button', class: 'link', 'aria-label': t('mon.target.deleteOf', { name: k.name }), onclick: () => void deleteTarget(k) }, t('mon.target.delete')))] : [])]), t('mon.targets.title')),
      form?.element ?? null),
    casesBox,
  );

  let viewer: { destroy(): void } | undefined;
  const latest = definitions.filter((d) => d.processDefinitionId === query.processId).sort((a, b) => b.version - a.version)[0];
  if (latest) {
    const xml = await api.get<string>(`/api/processes/${encodeURIComponent(latest.processDefinitionKey)}/xml`).catch(() => undefined);
    if (xml) viewer = await showHeatmap(heatmapBox, xml, bottlenecks.filter((d) => d.processId === query.processId), inProgress.filter((w) => w.processId === query.processId));
  }
  return () => {
    viewer?.destroy();
    disposeCharts();
  };
}

/** The form of a new target, or of the one being edited (the manager's «Modifica»). */
function targetForm(): { element: HTMLElement; edit(k: KpiRow): void; say(text: string): void } {
  const field = (key: MessageKey, name: string, type = 'text', extra: Record<string, string | boolean> = {}) => h('label', {}, t(key), h('input', { name, type, ...extra }));
  const message = h('p', { role: 'status' });
  const title = h('h3', {}, t('mon.target.new'));
  const save = h('button', { type: 'submit', class: 'button' }, t('mon.target.save'));
  const cancel = h('button', { type: 'button', class: 'button button--secondary', hidden: true }, t('mon.target.cancel'));
  let editing: number | undefined;
  const form = h('form', { class: 'mon-target-form', id: 'mon-target-form' },
    title,
    field('mon.target.name', 'name', 'text', { required: true }),
    field('mon.target.processId', 'processId', 'text', { required: true }),
    field('mon.target.elementId', 'elementId'),
    field('mon.target.maxDays', 'maxDays', 'number', { min: '1', required: true }),
    field('mon.target.percent', 'targetPercent', 'number', { min: '1', max: '100', required: true }),
    save, cancel, message);
  const input = (n: string) => form.elements.namedItem(n) as HTMLInputElement;
  const reset = () => {
    editing = undefined;
    form.reset();
    title.textContent = t('mon.target.new');
    save.textContent = t('mon.target.save');
    cancel.hidden = true;
  };
  cancel.addEventListener('click', reset);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: input('name').value, processId: input('processId').value, elementId: input('elementId').value, maxDays: Number(input('maxDays').value), targetPercent: Number(input('targetPercent').value) };
    (editing === undefined ? api.post('/api/monitoring/targets', body) : api.put(`/api/monitoring/targets/${editing}`, body))
      .then(() => window.dispatchEvent(new HashChangeEvent('hashchange')))
      .catch((error: Error) => { message.textContent = error.message; });
  });
  return {
    element: form,
    edit(k: KpiRow) {
      editing = k.id;
      input('name').value = k.name;
      input('processId').value = k.processId;
      input('elementId').value = k.elementId;
      input('maxDays').value = String(k.maxDays);
      input('targetPercent').value = String(k.targetPercent);
      title.textContent = t('mon.target.editing', { name: k.name });
      save.textContent = t('mon.target.update');
      cancel.hidden = false;
      message.textContent = '';
      form.scrollIntoView({ block: 'start' });
      input('name').focus();
    },
    say(text: string) {
      message.textContent = text;
    },
  };
}
