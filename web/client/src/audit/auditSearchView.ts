import { api } from '../api.js';
import { h, submitFiltersToHash } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { AUDIT_ACTIONS, type AuditSearchResult } from './auditApi.js';
import { actionLabel } from './auditActionLabel.js';
import { auditEntryRow } from './auditEntryView.js';
import { chainStatusBanner } from './chainStatusBanner.js';

const FILTERS = ['actor', 'action', 'comune', 'processInstanceKey', 'from', 'to'] as const;
const PAGE_SIZE = 50;

/** Search across the trail (actor, action, Comune, instance, period); the server keeps it to the auditor's Comuni. */
export async function auditSearchView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const value = (name: string) => params.get(name) ?? '';
  const field = (name: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: `a-${name}` }, label), input);
  const action = h('select', { id: 'a-action', name: 'action' }, h('option', { value: '' }, t('audit.search.anyAction')));
  for (const a of AUDIT_ACTIONS) action.append(h('option', { value: a, title: a, selected: a === value('action') }, actionLabel(a)));
  const form = h(
    'form',
    { class: 'filters', id: 'audit-search', 'aria-label': t('audit.title') },
    field('actor', t('audit.search.actor'), h('input', { id: 'a-actor', name: 'actor', value: value('actor') })),
    field('action', t('audit.search.action'), action),
    field('comune', t('audit.search.comune'), h('input', { id: 'a-comune', name: 'comune', inputmode: 'numeric', pattern: '\\d{6}', value: value('comune') })),
    field('processInstanceKey', t('audit.search.instance'), h('input', { id: 'a-processInstanceKey', name: 'processInstanceKey', inputmode: 'numeric', value: value('processInstanceKey') })),
    field('from', t('audit.search.from'), h('input', { id: 'a-from', name: 'from', type: 'date', value: value('from') })),
    field('to', t('audit.search.to'), h('input', { id: 'a-to', name: 'to', type: 'date', value: value('to') })),
    h('button', { type: 'submit', class: 'button button--primary' }, t('audit.search.submit')),
  );
  submitFiltersToHash(form, FILTERS, '#/audit');

  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(Math.max(0, Number(value('offset')) || 0)) });
  for (const name of FILTERS) {
    const v = value(name);
    if (!v) continue;
    // Dates are whole days in Rome: "to" includes the day it names.
    if (name === 'from') query.set('from', new Date(`${v}T00:00:00`).toISOString());
    else if (name === 'to') query.set('to', new Date(new Date(`${v}T00:00:00`).getTime() + 86_400_000).toISOString());
    else query.set(name, v);
  }
  const result = await api.get<AuditSearchResult>(`/api/audit/entries?${query.toString()}`);
  const columns = ['seq', 'time', 'actor', 'action', 'entity', 'comune', 'data', 'rule', 'hash'] as const;
  const table = h(
    'table',
    { class: 'table audit-table', id: 'audit-results' },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, t(`audit.col.${c}`))))),
    h('tbody', {}, ...result.items.map(auditEntryRow)),
  );
  const pager = h('p', { class: 'pager' }, t('audit.search.count', { total: result.total }));
  for (const [label, offset] of [
    [t('instances.previous'), result.offset - PAGE_SIZE],
    [t('instances.next'), result.offset + PAGE_SIZE],
  ] as const) {
    if (offset < 0 || offset >= result.total) continue;
    const next = new URLSearchParams(params);
    next.set('offset', String(offset));
    pager.append(h('a', { href: `#/audit?${next.toString()}`, class: 'button' }, label));
  }
  main.append(
    h('h1', {}, t('audit.title')),
    chainStatusBanner(),
    form,
    // nine columns do not fit a phone, nor the longest data at desktop width: the table scrolls in its box
    result.items.length === 0 ? h('p', { class: 'empty' }, t('audit.search.empty')) : h('div', { class: 'table-scroll', id: 'audit-results-box' }, table),
    pager,
  );
}
