import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { chainBreakReason } from './chainBreakReason.js';

type AuditAlarm =
  | { status: 'UNKNOWN' }
  | { status: 'OK'; checkedAt: string; headSeq: number }
  | { status: 'BROKEN'; checkedAt: string; brokenAt: { seq: number; reason: string; message: string } };

/**
 * For auditors and administrators, on every page: a red alert when the server's latest verification
 * (at start, before each anchor, or in an audit view) found the chain broken. Anchoring stops then.
 */
export function showAuditAlarm(container: HTMLElement): void {
  void api.get<AuditAlarm>('/api/audit/alarm').then(
    (alarm) => {
      if (alarm.status !== 'BROKEN' || !container.isConnected) return;
      container.prepend(
        h(
          'p',
          { id: 'audit-alarm', class: 'message message--error', role: 'alert', 'data-broken-at': String(alarm.brokenAt.seq) },
          t('audit.alarm.broken', { seq: alarm.brokenAt.seq, reason: chainBreakReason(alarm.brokenAt.reason), date: formatDateTime(alarm.checkedAt) }),
        ),
      );
    },
    () => undefined, // the banner is an extra: a failed request must not break the page
  );
}
