import type { ReceivedMail } from './workerHarness.js';

/** The raw message with quoted-printable soft breaks and escapes undone, so body text can be matched. */
export function mailText(mail: ReceivedMail): string {
  const bytes: number[] = [];
  const raw = mail.raw.replace(/=\r?\n/g, '');
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === '=' ? /^[0-9A-F]{2}$/i.exec(raw.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(raw[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
