import { stringify } from 'csv-stringify/sync';

/** UTF-8 byte order mark: Excel set to Italian opens the file as UTF-8 only with it (as the audit export). */
const BOM = '\uFEFF';

export type Column<T> = [header: string, value: (row: T) => string | number | boolean];

const days = (ms: number) => Math.round((ms / 86_400_000) * 10) / 10;
const yesNo = (v: boolean) => (v ? 'sì' : 'no');

/** Italian headers of each figure's CSV; the order is stable, offices script against it. */
export const CSV_COLUMNS = {
  volumes: [['Mese', (r) => r.month], ['Procedimento', (r) => r.processId], ['Comune (ISTAT)', (r) => r.comune], ['Pratiche aperte', (r) => r.opened], ['Pratiche chiuse', (r) => r.closed]],
  durations: [['Procedimento', (r) => r.processId], ['Fase', (r) => r.elementId || '(intero procedimento)'], ['Concluse', (r) => r.count], ['Durata mediana p50 (giorni)', (r) => days(r.p50Ms)], ['Durata p90 (giorni)', (r) => days(r.p90Ms)]],
  waiting: [['Gruppo', (r) => r.candidateGroup], ['Attività in attesa', (r) => r.count], ['Più vecchia dal', (r) => r.oldest], ['Fino a 1 giorno', (r) => r.upTo1Day], ['Da 1 a 7 giorni', (r) => r.upTo7Days], ['Da 7 a 30 giorni', (r) => r.upTo30Days], ['Oltre 30 giorni', (r) => r.over30Days]],
  incidents: [['Mese', (r) => r.month], ['Procedimento', (r) => r.processId], ['Pratiche aperte', (r) => r.cases], ['Pratiche con incidenti', (r) => r.casesWithIncident], ['Incidenti', (r) => r.incidents], ['Senza incidenti (%)', (r) => r.incidentFreePercent]],
  deadlines: [['Procedimento', (r) => r.processId], ['Comune (ISTAT)', (r) => r.comune], ['Fase', (r) => r.elementId], ['Natura del termine', (r) => r.nature], ['Rispettati', (r) => r.met], ['Non rispettati', (r) => r.missed]],
  training: [['Anno', (r) => r.anno], ['Comune (ISTAT)', (r) => r.comune], ['Dipendenti', (r) => r.dipendenti], ['Obiettivo 40 ore raggiunto', (r) => r.obiettivoRaggiunto], ['Ore medie', (r) => r.oreMedie], ['Corsi obbligatori validi', (r) => r.obbligatoriValidi], ['Corsi obbligatori dovuti', (r) => r.obbligatoriTotali]],
  trainingEmployees: [['Anno', (r) => r.anno], ['Codice fiscale', (r) => r.codiceFiscale], ['Nominativo', (r) => r.nominativo], ['Ore', (r) => r.ore], ['Obiettivo (ore)', (r) => r.obiettivo], ['Obiettivo raggiunto', (r) => yesNo(r.raggiunto)], ['Corsi obbligatori validi', (r) => r.obbligatoriValidi], ['Corsi obbligatori dovuti', (r) => r.obbligatoriTotali]],
  inProgress: [['Procedimento', (r) => r.processId], ['Fase', (r) => r.elementId], ['In corso', (r) => r.count], ['La più vecchia dal', (r) => r.oldest], ['Attesa più lunga (giorni)', (r) => days(r.oldestAgeMs)], ['Oltre 30 giorni', (r) => r.over30Days]],
  cases: [['Istanza di processo', (r) => r.processInstanceKey], ['Procedimento', (r) => r.processId], ['Comune (ISTAT)', (r) => r.comune], ['Dettaglio', (r) => r.detail], ['Data', (r) => r.at], ['Numero pratica', (r) => r.caseNumber ?? '']],
  targets: [['Obiettivo', (r) => r.name], ['Procedimento', (r) => r.processId], ['Fase', (r) => r.elementId || '(intero procedimento)'], ['Entro giorni', (r) => r.maxDays], ['Percentuale attesa', (r) => r.targetPercent], ['Concluse', (r) => r.total], ['Nei termini', (r) => r.within], ['Percentuale', (r) => r.percent], ['Raggiunto', (r) => yesNo(r.met)]],
} satisfies Record<string, Array<Column<any>>>;

export type Figure = keyof typeof CSV_COLUMNS;

/** One figure as CSV for Italian spreadsheets: BOM, `;` separator, CRLF. */
export function figureToCsv<T>(columns: ReadonlyArray<Column<T>>, rows: readonly T[]): string {
  return BOM + stringify([columns.map(([h]) => h), ...rows.map((r) => columns.map(([, value]) => value(r)))], { delimiter: ';', record_delimiter: '\r\n', cast: { boolean: (v) => yesNo(v) } });
}
