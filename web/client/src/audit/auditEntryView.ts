import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { actionView } from './auditActionLabel.js';
import type { AuditEntry } from './auditApi.js';

/** Who acted, in words: a user with role, a worker with its job, or the engine. */
export function actorLabel(e: AuditEntry): string {
  if (e.actor.type === 'engine') return t('audit.actor.engine');
  if (e.actor.type === 'worker') return `${t('audit.actor.worker', { id: e.actor.id })}${e.actor.jobKey ? ` (job ${e.actor.jobKey})` : ''}`;
  return e.actor.role ? `${e.actor.id} (${e.actor.role})` : e.actor.id;
}

export function entityLabel(e: AuditEntry): string {
  return `${e.entity.type} ${e.entity.key}`;
}

/** The data of an entry, folded: a one-line preview that opens to the full JSON. */
export function dataDetails(e: AuditEntry): HTMLElement | string {
  const keys = Object.keys(e.data);
  if (keys.length === 0) return '';
  const json = JSON.stringify(e.data, null, 2);
  const preview = keys.slice(0, 4).join(', ') + (keys.length > 4 ? '…' : '');
  return h('details', { class: 'audit-data' }, h('summary', {}, preview), h('pre', {}, json));
}

/** One search result row. */
export function auditEntryRow(e: AuditEntry): HTMLTableRowElement {
  const instanceLink = e.entity.processInstanceKey
    ? h('a', { href: `#/audit/instances/${e.entity.processInstanceKey}` }, e.entity.processInstanceKey)
    : null;
  return h(
    'tr',
    { 'data-seq': e.seq, 'data-action': e.action },
    h('td', {}, String(e.seq)),
    h('td', {}, formatDateTime(e.timestamp)),
    h('td', {}, actorLabel(e)),
    h('td', {}, actionView(e.action)),
    h('td', {}, entityLabel(e), instanceLink ? h('br', {}) : null, instanceLink),
    h('td', {}, e.entity.comune ?? ''),
    h('td', {}, dataDetails(e)),
    h('td', {}, e.legalRule ?? ''),
    h('td', { class: 'hash', title: e.hash }, h('code', {}, e.hash.slice(0, 12))),
  );
}
