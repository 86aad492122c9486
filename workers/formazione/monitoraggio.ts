import { Temporal } from 'temporal-polyfill';
import {
  ANNUAL_TRAINING_HOURS_TARGET,
  computeInitialSafetyTrainingDeadline,
  computeMandatoryTrainingExpiry,
  computeTrainingHoursStatus,
  coursesSatisfying,
  isMandatoryTrainingValid,
  MANDATORY_COURSES,
  mandatoryCoursesFor,
  type MandatoryCourse,
  type SafetyRole,
} from '../../src/domain/index.js';
import { produceDocument } from '../shared/documents.js';
import { WorkerInputError } from '../shared/errors.js';
import { handler } from '../shared/TaskHandler.js';
import { quando } from '../shared/italianDate.js';
import { requireArray, requireNumber, requireString, romeToday, ROME, toRomeDate } from '../shared/variables.js';

export interface RegistroObbligatoria {
  codiceIstat: string;
  codiceFiscale: string;
  nominativo: string;
  corso: MandatoryCourse;
  completatoIl: string;
}

const ALERT_DAYS_BEFORE = 30;

/**
 * F4: expiry calendar of mandatory training. The next alert is due 30 days before the first expiry
 * in the year not yet alerted (or today when that day has passed); none left → null ends the loop.
 */
export const calcolaScadenzario = handler<{ idPiano: string; anno: number; registroObbligatoria?: RegistroObbligatoria[]; avvisiInviati?: string[]; avvisoScadenze?: unknown[] }>(async (job, ctx) => {
  const v = job.variables;
  requireString(v, 'idPiano');
  const anno = requireNumber(v, 'anno');
  const registro = v.registroObbligatoria ?? [];
  const alerted = new Set([...(v.avvisiInviati ?? []), ...((v.avvisoScadenze ?? []) as { chiave?: string }[]).map((a) => a.chiave ?? '')]);
  const scadenzario = registro.map((r, i) => {
    if (!(MANDATORY_COURSES as readonly string[]).includes(r.corso)) throw new WorkerInputError(`registroObbligatoria[${i}].corso`, `corso obbligatorio sconosciuto '${r.corso}'`);
    const expiry = computeMandatoryTrainingExpiry(r.corso, r.completatoIl);
    return { ...r, scadenza: expiry.dueDate, fonte: expiry.legalSource, chiave: `${r.codiceFiscale}:${r.corso}:${expiry.dueDate}` };
  }).sort((a, b) => a.scadenza.localeCompare(b.scadenza));
  const next = scadenzario.filter((s) => !alerted.has(s.chiave) && Number(s.scadenza.slice(0, 4)) === anno);
  const today = romeToday(ctx.now());
  if (next.length === 0) return job.complete({ scadenzario: scadenzario as never, avvisoScadenze: [], avvisiInviati: [...alerted].filter(Boolean), prossimaScadenzaObbligatoria: null });
  const first = next[0].scadenza;
  // One alert covers every expiry within the alert window of the first one.
  const windowEnd = Temporal.PlainDate.from(first).add({ days: ALERT_DAYS_BEFORE }).toString();
  const batch = next.filter((s) => s.scadenza <= windowEnd);
  let alertDay = Temporal.PlainDate.from(first).subtract({ days: ALERT_DAYS_BEFORE });
  if (Temporal.PlainDate.compare(alertDay, today) < 0) alertDay = Temporal.PlainDate.from(today);
  return job.complete({
    scadenzario: scadenzario as never,
    avvisoScadenze: batch as never,
    avvisiInviati: [...[...alerted].filter(Boolean), ...batch.map((b) => b.chiave)],
    prossimaScadenzaObbligatoria: alertDay.toZonedDateTime({ timeZone: ROME, plainTime: '08:00' }).toString({ timeZoneName: 'never' }),
  });
});

interface RegistroPresenze { codiceFiscale: string; oreFrequentate: number; verificaSuperata?: boolean }
interface Edizione { titoloCorso: string; inizio: string; sede: string; posti: number }

/** F8: attendance certificates (one PDF per edition) and the hours recorded for F9. */
export const generaAttestati = handler<{ idPiano: string; edizioni: Edizione[]; registriPresenze: unknown[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const edizioni = requireArray<Edizione>(v, 'edizioni');
  const registri = requireArray<unknown>(v, 'registriPresenze');
  const attestati = [];
  for (const [i, edizione] of edizioni.entries()) {
    const presenze = (Array.isArray(registri[i]) ? registri[i] : []) as RegistroPresenze[];
    const date = toRomeDate(`edizioni[${i}].inizio`, edizione.inizio);
    for (const p of presenze) {
      await ctx.knex('training_records').insert({ piano_id: id, codice_fiscale: p.codiceFiscale, course: edizione.titoloCorso, date, hours: p.oreFrequentate })
        .onConflict(['piano_id', 'codice_fiscale', 'course', 'date']).merge();
    }
    const idonei = presenze.filter((p) => p.verificaSuperata !== false);
    const documento = await produceDocumentFor(ctx, job, id, i, edizione, idonei, date);
    attestati.push({ edizione: edizione.titoloCorso, documento, partecipanti: idonei.length });
  }
  return job.complete({ attestati: attestati as never });
});

async function produceDocumentFor(ctx: Parameters<typeof produceDocument>[0], job: Parameters<typeof produceDocument>[1], id: string, i: number, edizione: Edizione, idonei: RegistroPresenze[], date: string) {
  return produceDocument(ctx, job, {
    kind: 'attestati', businessKey: id, title: `Attestati di frequenza – ${edizione.titoloCorso}`,
    subtitle: `Edizione del ${quando(date)}, ${edizione.sede}`,
    sections: [{ heading: 'Partecipanti che hanno superato la verifica', lines: idonei.map((p) => `${p.codiceFiscale}: ${p.oreFrequentate} ore`) }],
  }, `edizione-${i + 1}`);
}

interface DipendenteReport { codiceFiscale: string; nominativo: string; email?: string; ruoliSicurezza?: SafetyRole[]; dataAssunzione?: string }

/** F9: hours per employee in the year against the 40-hour goal, and mandatory courses still valid on 31 December. */
export const calcolaOreFormazione = handler<{ idPiano: string; anno: number; reportFabbisogni?: { codiceIstat: string; dipendenti: DipendenteReport[] }[]; registroObbligatoria?: RegistroObbligatoria[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const anno = requireNumber(v, 'anno');
  const reports = requireArray<{ codiceIstat: string; dipendenti: DipendenteReport[] }>(v, 'reportFabbisogni');
  const rows = (await ctx.knex('training_records').where({ piano_id: id })) as { codice_fiscale: string; date: string; hours: number | string; course: string }[];
  const fineAnno = `${anno}-12-31`;
  const oreFormazione = reports.flatMap((r) => (r?.dipendenti ?? []).map((d) => {
    const status = computeTrainingHoursStatus(anno, rows.filter((x) => x.codice_fiscale === d.codiceFiscale).map((x) => ({ date: x.date, hours: Number(x.hours), courseId: x.course })));
    // Everyone's courses plus those of the employee's safety roles (preposto, RLS, first aid, fire...).
    const registro = (v.registroObbligatoria ?? []).filter((x) => x.codiceFiscale === d.codiceFiscale);
    const obbligatori: { corso: MandatoryCourse; valido: boolean; dovutaIl?: string }[] = mandatoryCoursesFor(d.ruoliSicurezza ?? []).map((corso) => {
      const done = registro.filter((x) => coursesSatisfying(corso).includes(x.corso)).sort((a, b) => a.completatoIl.localeCompare(b.completatoIl)).pop();
      return { corso, valido: done ? isMandatoryTrainingValid(done.corso, done.completatoIl, fineAnno) : false };
    });
    // A new hire without the initial safety course is reported with the day it was due.
    if (d.dataAssunzione && !registro.some((x) => x.corso === 'sicurezza-formazione-iniziale')) {
      const due = computeInitialSafetyTrainingDeadline(toRomeDate('dataAssunzione', d.dataAssunzione));
      obbligatori.push({ corso: 'sicurezza-formazione-iniziale', valido: false, dovutaIl: due.dueDate });
    }
    return { codiceIstat: r.codiceIstat, codiceFiscale: d.codiceFiscale, nominativo: d.nominativo, ore: status.hours, obiettivo: status.target, mancanti: status.remaining, raggiunto: status.met, fonte: status.legalSource, obbligatori };
  }));
  const raggiunti = oreFormazione.filter((o) => o.raggiunto).length;
  return job.complete({ oreFormazione: oreFormazione as never, riepilogoOre: { dipendenti: oreFormazione.length, obiettivoRaggiunto: raggiunti, obiettivoOre: ANNUAL_TRAINING_HOURS_TARGET } });
});

const CORSO_LABEL: Readonly<Record<string, string>> = {
  anticorruzione: 'anticorruzione', privacy: 'privacy',
  'sicurezza-formazione-iniziale': 'sicurezza (formazione iniziale)', 'sicurezza-aggiornamento': 'sicurezza (aggiornamento lavoratori)',
  'sicurezza-dirigenti': 'sicurezza (dirigenti)', 'sicurezza-preposti': 'sicurezza (preposti)', 'sicurezza-rls': 'sicurezza (RLS)',
  'primo-soccorso': 'primo soccorso', antincendio: 'antincendio',
};

export const generaReportAnnuale = handler<{ idPiano: string; anno: number; oreFormazione: { codiceIstat: string; nominativo: string; ore: number; raggiunto: boolean; obbligatori: { corso: string; valido: boolean; dovutaIl?: string }[] }[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const ore = requireArray<(typeof v.oreFormazione)[number]>(v, 'oreFormazione');
  const documento = await produceDocument(ctx, job, {
    kind: 'relazione-annuale', businessKey: id, title: `Relazione annuale sulla formazione ${requireNumber(v, 'anno')} – piano ${id}`,
    subtitle: `Obiettivo: almeno ${ANNUAL_TRAINING_HOURS_TARGET} ore per dipendente (Direttiva Ministro per la PA 14 gennaio 2025)`,
    sections: [
      { heading: 'Ore per dipendente', lines: ore.map((o) => `Comune ${o.codiceIstat} – ${o.nominativo}: ${o.ore} ore ${o.raggiunto ? '(obiettivo raggiunto)' : '(obiettivo NON raggiunto)'}`) },
      { heading: 'Formazione obbligatoria al 31 dicembre', lines: ore.map((o) => `${o.nominativo}: ${o.obbligatori.map((c) => `${CORSO_LABEL[c.corso] ?? c.corso} ${c.valido ? 'valido' : c.dovutaIl ? `mancante (dovuto all’assunzione, ${quando(c.dovutaIl)})` : 'da rinnovare'}`).join(', ')}`) },
    ],
  });
  return job.complete({ documentoReportAnnuale: documento });
});

/** F5: the training plan as PDF, from the plan drafted by the Provincia and the needs of each Comune. */
export const generaPianoFormativo = handler<{ idPiano: string; anno: number; obiettiviPiano: string; oreMinimePerDipendente: number; reportFabbisogni?: { codiceIstat: string; fabbisogni: { nominativo: string; fabbisogni: { competenza: string; scostamento: number }[] }[] }[]; catalogo?: { titoloCorso: string; fonte: string; oreCorso: number }[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const documento = await produceDocument(ctx, job, {
    kind: 'piano-formativo', businessKey: id, title: `Piano formativo ${requireNumber(v, 'anno')} – piano ${id}`,
    subtitle: 'Sezione 3 del PIAO (art. 6 DL 80/2021)',
    sections: [
      { heading: 'Obiettivi', lines: [requireString(v, 'obiettiviPiano'), `Ore minime per dipendente: ${requireNumber(v, 'oreMinimePerDipendente')}`] },
      { heading: 'Fabbisogni per Comune', lines: (v.reportFabbisogni ?? []).flatMap((r) => (r?.fabbisogni ?? []).map((f) => `Comune ${r.codiceIstat} – ${f.nominativo}: ${f.fabbisogni.map((g) => `${g.competenza} (+${g.scostamento})`).join(', ') || 'nessuno scostamento'}`)) },
      { heading: 'Offerta formativa', lines: (v.catalogo ?? []).map((c) => `${c.titoloCorso} – ${c.fonte}, ${c.oreCorso} ore`) },
    ],
  });
  return job.complete({ documentoPianoFormativo: documento });
});
