import { h } from '../dom.js';
import { auditActionEn, auditActionIt } from '../i18n/auditActionMessages.js';
import { currentLang } from '../i18n/i18n.js';
import { isAuditAction } from './auditApi.js';

/** An action in words; an unknown code (none should exist: the list is closed) is shown as it is. */
export function actionLabel(action: string): string {
  if (!isAuditAction(action)) return action;
  return (currentLang() === 'en' ? auditActionEn : auditActionIt)[action];
}

/** The label, with the recorded code beside it, small and muted: the code is what the exports and filters carry. */
export function actionView(action: string): HTMLElement {
  return h(
    'span',
    { class: 'audit-action', title: action },
    h('span', { class: 'audit-action-label' }, actionLabel(action)),
    ' ',
    h('code', { class: 'audit-action-code' }, action),
  );
}
