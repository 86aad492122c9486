import { PDFDocument, StandardFonts } from 'pdf-lib';
import { oraDiRoma } from '../domain/calendar/italianDate.js';
import { auditActionLabelIt } from './auditActionLabels.js';
import type { AuditEntry } from './AuditEntry.js';
import { canonicalJson } from './hashAuditEntry.js';
import { writeVerificationSection } from './auditVerificationPdf.js';
import { PdfTextWriter } from './PdfTextWriter.js';
import type { AuditChainVerification } from './verifyAuditChain.js';

export interface AuditTrailPdfMeta {
  processInstanceKey: string;
  generatedAt: Date;
  /** the state of the whole chain when the report was made */
  verification: AuditChainVerification;
}

/** An auditor's report (Italian, the users' language) of one instance's trail with every chain hash. */
export async function renderAuditTrailPdf(entries: AuditEntry[], meta: AuditTrailPdfMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Registro di audit - istanza ${meta.processInstanceKey}`);
  doc.setCreationDate(meta.generatedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const w = new PdfTextWriter(doc);

  w.write(`Registro di audit - istanza di processo ${meta.processInstanceKey}`, { font: bold, size: 14 });
  w.write(`Generato il ${oraDiRoma(meta.generatedAt)} (ora di Roma) - ${entries.length} voci per questa istanza.`, { font: regular, size: 9, gap: 6 });
  writeVerificationSection(w, meta.verification, { regular, bold, mono });
  w.write(
    'Ogni voce contiene l\'hash SHA-256 della voce precedente (prevHash) e il proprio (hash), calcolato sulla serializzazione canonica JSON (RFC 8785) dei campi della voce.',
    { font: regular, size: 8, gap: 2 },
  );
  w.rule();

  for (const e of entries) {
    // In words and Rome time for the reader; the code and the UTC instant are what the hash covers.
    w.write(`#${e.seq}   ${oraDiRoma(e.timestamp)}   ${auditActionLabelIt(e.action)}`, { font: bold, size: 10, gap: 8 });
    w.write(`Azione: ${e.action} - istante UTC ${e.timestamp}`, { font: regular, size: 8 });
    const actor = [e.actor.type, e.actor.id, e.actor.role && `ruolo ${e.actor.role}`, e.actor.jobKey && `job ${e.actor.jobKey}`].filter(Boolean).join(' - ');
    w.write(`Attore: ${actor}`, { font: regular, size: 9 });
    const entity = [`${e.entity.type} ${e.entity.key}`, e.entity.comune && `Comune ISTAT ${e.entity.comune}`].filter(Boolean).join(' - ');
    w.write(`Oggetto: ${entity}`, { font: regular, size: 9 });
    if (e.legalRule) w.write(`Norma: ${e.legalRule}`, { font: regular, size: 9 });
    w.write(`Dati: ${canonicalJson(e.data)}`, { font: regular, size: 8 });
    w.write(`prevHash ${e.prevHash}`, { font: mono, size: 7.5 });
    w.write(`hash     ${e.hash}`, { font: mono, size: 7.5 });
  }
  w.numberPages(regular, 'Pagina');
  return doc.save();
}
