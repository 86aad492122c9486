import { PDFDocument, StandardFonts } from 'pdf-lib';
import { oraDiRoma } from '../../../src/domain/calendar/italianDate.js';
import { PdfTextWriter } from '../../../src/audit/PdfTextWriter.js';
import type { KpiEvaluation } from './KpiTargets.js';
import type { DeadlineRow, DurationRow, IncidentRow, TrainingRow, VolumeRow, WaitingRow } from './MonitoringQueries.js';

export interface MonitoringReport {
  from?: string;
  to?: string;
  /** 'tutti i Comuni' or the ISTAT codes the reader is scoped to */
  scopeLabel: string;
  generatedAt: Date;
  volumes: VolumeRow[];
  durations: DurationRow[];
  waiting: WaitingRow[];
  incidents: IncidentRow[];
  deadlines: DeadlineRow[];
  training: TrainingRow[];
  targets: KpiEvaluation[];
}

const days = (ms: number) => `${(Math.round((ms / 86_400_000) * 10) / 10).toLocaleString('it-IT')} gg`;

/** The period's monitoring report, printable (Italian, the readers' language), in the audit PDF's layout. */
export async function renderMonitoringPdf(r: MonitoringReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const period = `${r.from ?? 'inizio'} - ${r.to ?? 'oggi'}`;
  doc.setTitle(`Monitoraggio dei servizi - ${period}`);
  doc.setCreationDate(r.generatedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new PdfTextWriter(doc);
  const heading = (text: string) => {
    w.rule();
    w.write(text, { font: bold, size: 11, gap: 6 });
  };
  const line = (text: string) => w.write(text, { font: regular, size: 9 });

  w.write(`Monitoraggio dei servizi della Provincia - periodo ${period}`, { font: bold, size: 14 });
  w.write(`Generato il ${oraDiRoma(r.generatedAt)} (ora di Roma) - ambito: ${r.scopeLabel}.`, { font: regular, size: 9, gap: 6 });

  heading('Pratiche aperte e chiuse per mese e Comune');
  for (const v of r.volumes) line(`${v.month}  ${v.processId}  Comune ${v.comune || 'n.d.'}: aperte ${v.opened}, chiuse ${v.closed}`);
  heading('Durate (p50 / p90) e fasi più lente');
  for (const d of r.durations) line(`${d.processId}  ${d.elementId || 'intero procedimento'}: ${d.count} concluse, p50 ${days(d.p50Ms)}, p90 ${days(d.p90Ms)}`);
  heading('Attività in attesa per gruppo');
  for (const x of r.waiting) line(`${x.candidateGroup || '(nessun gruppo)'}: ${x.count} (fino a 1 g ${x.upTo1Day}, 1-7 g ${x.upTo7Days}, 7-30 g ${x.upTo30Days}, oltre 30 g ${x.over30Days})`);
  heading('Incidenti');
  for (const i of r.incidents) line(`${i.month}  ${i.processId}: ${i.incidents} incidenti su ${i.cases} pratiche, senza incidenti ${i.incidentFreePercent.toLocaleString('it-IT')}%`);
  heading('Termini di legge rispettati e non rispettati');
  for (const d of r.deadlines) line(`${d.processId}  Comune ${d.comune || 'n.d.'}  ${d.elementId}  (${d.nature || 'natura n.d.'}): rispettati ${d.met}, non rispettati ${d.missed}`);
  heading('Formazione: ore per dipendente (obiettivo 40 ore, Direttiva Ministro per la PA 14 gennaio 2025)');
  for (const t of r.training) line(`${t.anno}  Comune ${t.comune}: ${t.obiettivoRaggiunto}/${t.dipendenti} dipendenti all'obiettivo, ore medie ${t.oreMedie.toLocaleString('it-IT')}, obbligatori validi ${t.obbligatoriValidi}/${t.obbligatoriTotali}`);
  heading('Obiettivi (KPI)');
  for (const k of r.targets) line(`${k.name}: ${k.percent.toLocaleString('it-IT')}% entro ${k.maxDays} giorni (atteso ${k.targetPercent}%) - ${k.total === 0 ? 'nessun dato' : k.met ? 'RAGGIUNTO' : 'NON RAGGIUNTO'}`);
  w.numberPages(regular, 'Pagina');
  return doc.save();
}
