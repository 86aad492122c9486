import type { PDFFont } from 'pdf-lib';
import { formatAuditKeyFingerprint } from './auditSigningKey.js';
import type { PdfTextWriter } from './PdfTextWriter.js';
import type { AuditChainVerification } from './verifyAuditChain.js';

/**
 * The report's verification section: the state of the whole chain, the fingerprint of the key that
 * signed it (to compare with the public key the auditor was given) and the anchors outside the
 * database, so that the paper copy says what it was checked against.
 */
export function writeVerificationSection(w: PdfTextWriter, v: AuditChainVerification, fonts: { regular: PDFFont; bold: PDFFont; mono: PDFFont }): void {
  w.write('Verifica della catena', { font: fonts.bold, size: 10, gap: 6 });
  if (!v.ok) {
    const b = v.brokenAt;
    w.write(`ATTENZIONE: catena di audit interrotta alla voce ${b.seq} (${b.reason}): ${b.message}.`, { font: fonts.bold, size: 9 });
    w.write(`Voci verificate prima dell'interruzione: ${v.count}. Hash atteso ${b.expectedHash || '-'}, trovato ${b.foundHash || '-'}.`, { font: fonts.regular, size: 8 });
    return;
  }
  w.write(`Catena di audit integra: ${v.count} voci verificate, hash di testa ${v.headHash} (voce ${v.headSeq}).`, { font: fonts.bold, size: 9 });
  const legacy = v.unsignedUpTo > 0 ? `; le voci 1-${v.unsignedUpTo}, anteriori alla firma, sono garantite dal primo ancoraggio firmato` : '';
  w.write(`Voci firmate (Ed25519): ${v.signedEntries}${legacy}.`, { font: fonts.regular, size: 8 });
  for (const keyId of v.keyIds) w.write(`Impronta SHA-256 della chiave pubblica: ${formatAuditKeyFingerprint(keyId)}`, { font: fonts.mono, size: 7.5 });
  if (v.latestAnchor) {
    const a = v.latestAnchor;
    const where = a.source === 'file' ? 'registro degli ancoraggi' : 'tabella audit_anchors';
    w.write(`Ancoraggi verificati: ${v.anchorsChecked}${v.anchorLog ? '' : ' (registro degli ancoraggi assente)'}. Ultimo: voce ${a.headSeq}, ${a.anchoredAt} (${where}), hash ${a.headHash}.`, { font: fonts.regular, size: 8 });
  } else {
    w.write('Nessun ancoraggio ancora scritto fuori dal database.', { font: fonts.regular, size: 8 });
  }
  for (const t of v.timestamps) {
    const text = t.check.ok
      ? `Marca temporale RFC 3161 sull'ancoraggio della voce ${t.anchor.headSeq}: ${t.check.genTime}, emessa da ${t.check.tsa} (n. di serie ${t.check.serialNumber}).`
      : `Marca temporale dell'ancoraggio della voce ${t.anchor.headSeq} non valida: ${t.check.problem}.`;
    w.write(text, { font: fonts.regular, size: 8 });
  }
}
