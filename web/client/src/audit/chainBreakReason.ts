import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * A break of the chain in the page's language. The verifier (src/audit/verifyAuditChain.ts) gives a reason
 * code and an English sentence for the logs and the CLI; the page says what the reason means in words and
 * keeps the verifier's sentence only as the element's title, for whoever reports it to the developers.
 */
export function chainBreakReason(reason: string): string {
  const key = `audit.reason.${reason}` as MessageKey;
  const text = t(key);
  return text === key ? reason : text;
}
