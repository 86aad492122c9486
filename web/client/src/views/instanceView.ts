import { api, ApiError, type InstanceStatus } from '../api.js';
import { createStatusViewer } from '../bpmn/createViewer.js';
import type { OpenDeadline } from '../bpmn/deadline-badge/DeadlineBadge.js';
import { clear, h } from '../dom.js';
import { currentLang, formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { followLive } from '../live.js';
import { hasRole } from '../session.js';
import { legend } from './definitionView.js';
import { operationsPanel } from './instanceOperations.js';

/** 32 hex digits; getRandomValues works on plain http too, where randomUUID does not. */
function newPageViewId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One instance: path taken, tokens, incidents, case data and open deadlines, updated live. */
export async function instanceView(main: HTMLElement, key: string): Promise<() => void> {
  main.classList.add('main--wide');
  // Every call of this page carries one id, so that opening a disciplinary case is one read in the trail.
  const page = `pageView=${newPageViewId()}`;
  const status = await api.get<InstanceStatus>(`/api/instances/${encodeURIComponent(key)}/status?${page}`);
  const xml = await api.get<string>(`/api/processes/${encodeURIComponent(status.instance.processDefinitionKey)}/xml`);
  const heading = h('h1', {}, t('instance.title', { key }));
  const summary = h('p', { class: 'summary' });
  const liveState = h('p', { class: 'live-state', role: 'status', 'aria-live': 'polite' });
  const container = h('div', { class: 'diagram', id: 'instance-diagram' });
  const tokens = h('ul', { id: 'tokens' });
  const incidents = h('ul', { id: 'incidents' });
  const deadlines = h('ul', { id: 'deadlines' });
  const variables = h('tbody', {});
  const actions = h('section', { id: 'case-actions', 'aria-labelledby': 'case-actions-title', hidden: true });
  const actionMessage = h('p', { id: 'case-action-message', role: 'status', 'aria-live': 'polite' });
  const operations = operationsPanel(key);
  main.append(
    heading,
    summary,
    h('p', {}, h('a', { href: `#/pratiche/${encodeURIComponent(key)}?istanza=${encodeURIComponent(key)}`, id: 'open-case' }, t('instance.openCase'))),
    actions,
    actionMessage,
    ...(hasRole('auditor', 'admin') ? [h('p', {}, h('a', { href: `#/audit/instances/${encodeURIComponent(key)}`, id: 'open-audit' }, t('audit.instance.open')))] : []),
    legend(),
    liveState,
    container,
    h(
      'div',
      { class: 'panels' },
      h('section', { 'aria-labelledby': 'tokens-title' }, h('h2', { id: 'tokens-title' }, t('instance.tokens')), tokens),
      h('section', { 'aria-labelledby': 'incidents-title' }, h('h2', { id: 'incidents-title' }, t('instance.incidents')), incidents),
      h('section', { 'aria-labelledby': 'deadlines-title' }, h('h2', { id: 'deadlines-title' }, t('instance.deadlines')), deadlines),
    ),
    h(
      'section',
      { 'aria-labelledby': 'variables-title' },
      h('h2', { id: 'variables-title' }, t('instance.variables')),
      h('table', { class: 'table', id: 'variables' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('instance.name')), h('th', { scope: 'col' }, t('instance.value')))), variables),
    ),
    operations.element,
  );
  const viewer = await createStatusViewer(container, xml);
  const elementName = (id: string) => {
    const el = (viewer.viewer.get('elementRegistry') as { get(id: string): { businessObject?: { name?: string } } | undefined }).get(id);
    return el?.businessObject?.name ? `${el.businessObject.name} (${id})` : id;
  };

  const render = (s: InstanceStatus) => {
    summary.textContent = `${s.instance.processDefinitionName ?? s.instance.processDefinitionId} – ${t(`state.${s.instance.state}`)} – ${formatDateTime(s.instance.startDate)}`;
    viewer.statusOverlay.show(s.elements);
    viewer.pathHighlight.show(s);
    const rootVars = s.variables.filter((v) => v.scopeKey === s.instance.processInstanceKey);
    const open: OpenDeadline[] = viewer.deadlineBadge.show(rootVars, s.elements);
    fill(tokens, s.elements.filter((e) => e.active > 0).map((e) => `${elementName(e.elementId)}${e.active > 1 ? ` ×${e.active}` : ''}`), t('instance.noTokens'));
    fill(incidents, s.incidents.map((i) => `${i.elementId ? elementName(i.elementId) : ''}: ${i.errorMessage ?? i.errorType ?? ''}`), t('instance.noIncidents'));
    fill(
      deadlines,
      open.map((d) => `${elementName(d.elementId)} – ${d.variable}: ${formatDate(d.lastDay ?? d.due.toISOString())} (${d.daysLeft < 0 ? t('deadline.overdue', { days: -d.daysLeft }) : d.daysLeft === 0 ? t('deadline.dueToday') : t('deadline.dueIn', { days: d.daysLeft })})`),
      t('instance.noDeadlines'),
    );
    clear(variables);
    for (const v of rootVars) variables.append(h('tr', {}, h('th', { scope: 'row' }, v.name), h('td', {}, h('code', {}, JSON.stringify(v.value)))));
    container.dataset.updatedAt = String(Date.now());
  };
  // The messages the case waits for that this user may deliver (e.g. the Comune's segnalazione), re-read when the tokens move.
  let offeredFor = '';
  const refreshActions = async (s: InstanceStatus) => {
    const activeIds = `${s.instance.state}|${s.elements.filter((e) => e.active > 0).map((e) => e.elementId).join(',')}|${s.incidents.length}`;
    if (activeIds === offeredFor) return;
    offeredFor = activeIds;
    void operations.refresh();
    const { items } = await api.get<{ items: CaseMessageOffer[] }>(`/api/instances/${encodeURIComponent(key)}/messages?${page}`).catch(() => ({ items: [] as CaseMessageOffer[] }));
    clear(actions);
    actions.hidden = items.length === 0;
    if (items.length > 0) actions.append(h('h2', { id: 'case-actions-title' }, t('instance.actions')));
    for (const m of items) actions.append(messageForm(key, m, actionMessage, page));
  };
  let latest = status;
  render(status);
  void refreshActions(status);
  const stop = followLive<InstanceStatus>(`/api/instances/${encodeURIComponent(key)}/live?${page}`, (s) => { render((latest = s)); void refreshActions(s); }, (ok) => {
    liveState.textContent = ok ? t('status.live') : t('status.offline');
  });
  // Countdowns change with the day even when nothing else does.
  const minute = window.setInterval(() => render(latest), 60_000);
  return () => {
    stop();
    clearInterval(minute);
    viewer.viewer.destroy();
    main.classList.remove('main--wide');
  };
}

function fill(list: HTMLElement, lines: string[], empty: string): void {
  clear(list);
  if (lines.length === 0) list.append(h('li', { class: 'empty' }, empty));
  for (const line of lines) list.append(h('li', {}, line));
}

export interface CaseMessageOffer {
  id: string;
  label: { it: string; en: string };
  fields: Array<{ name: string; kind: 'date' | 'text' | 'email' | 'choice'; required: boolean; maxLength?: number; label: { it: string; en: string }; options?: Array<{ value: string; label: { it: string; en: string } }> }>;
}

/** One action: a small form for what the message carries, checked again by the server. */
export function messageForm(key: string, m: CaseMessageOffer, status: HTMLElement, page: string, onDone?: () => void): HTMLElement {
  const lang = currentLang();
  const inputs = m.fields.map((f) => {
    const id = `msg-${m.id}-${f.name}`;
    const input =
      f.kind === 'choice'
        ? h('select', { id, name: f.name, ...(f.required ? { required: true } : {}) }, h('option', { value: '' }, '—'), ...(f.options ?? []).map((o) => h('option', { value: o.value }, o.label[lang])))
        : f.kind === 'text'
        ? h('textarea', { id, name: f.name, rows: '4', ...(f.required ? { required: true } : {}), ...(f.maxLength ? { maxlength: String(f.maxLength) } : {}) })
        : h('input', { id, name: f.name, type: f.kind, ...(f.required ? { required: true } : {}), ...(f.maxLength ? { maxlength: String(f.maxLength) } : {}) });
    return { f, input, row: h('p', {}, h('label', { for: id }, f.label[lang]), h('br', {}), input) };
  });
  const submit = h('button', { type: 'submit', class: 'button' }, `${m.label[lang]}`);
  const form = h('form', { class: 'case-action', 'data-message': m.id, 'aria-label': m.label[lang] }, h('h3', {}, m.label[lang]), ...inputs.map((i) => i.row), submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const { f, input } of inputs) values[f.name] = (input as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
    submit.disabled = true;
    api
      .post(`/api/instances/${encodeURIComponent(key)}/messages/${encodeURIComponent(m.id)}?${page}`, { values })
      .then(() => {
        status.textContent = t('instance.actionDone');
        form.remove();
        onDone?.();
      })
      .catch((e: unknown) => {
        status.textContent = e instanceof ApiError ? e.detail : String(e);
        submit.disabled = false;
      });
  });
  return form;
}
