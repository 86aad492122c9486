import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import type { ChainStatus } from './auditApi.js';
import { chainBreakReason } from './chainBreakReason.js';

/** The state of the whole chain, verified by the server on every page opening: ok, or broken at entry N. */
export function chainStatusBanner(): HTMLElement {
  const banner = h('p', { id: 'chain-status', class: 'message', role: 'status', 'data-status': 'checking' }, t('audit.chain.checking'));
  void api.get<ChainStatus>('/api/audit/chain').then(
    (s) => {
      banner.dataset.status = s.status;
      if (s.status === 'ok') {
        banner.className = 'message message--ok';
        const anchor = s.latestAnchor ? ` ${t('audit.chain.anchor', { headSeq: s.latestAnchor.headSeq, date: formatDateTime(s.latestAnchor.anchoredAt) })}` : '';
        banner.textContent = `${t('audit.chain.ok', { entries: s.entries, headSeq: s.headSeq })}${anchor}`;
        banner.title = s.headHash;
      } else {
        banner.className = 'message message--error';
        banner.dataset.brokenAt = String(s.brokenAt.seq);
        banner.dataset.reason = s.brokenAt.reason;
        banner.textContent = t('audit.chain.broken', { seq: s.brokenAt.seq, reason: chainBreakReason(s.brokenAt.reason) });
        banner.title = s.brokenAt.message;
      }
    },
    (error: Error) => {
      banner.className = 'message message--error';
      banner.dataset.status = 'error';
      banner.textContent = t('error.generic', { detail: error.message });
    },
  );
  return banner;
}
