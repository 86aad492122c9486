import type { SanctionMeasure } from '../../src/domain/index.js';
import { quando } from './italianDate.js';

/** The amount of a sanction in plain Italian ("3 ore di retribuzione"), as the provvedimento and its notice state it. */
export function describeMeasure(m: SanctionMeasure): string {
  switch (m.sanction) {
    case 'multa': return `${m.hours} ${m.hours === 1 ? 'ora' : 'ore'} di retribuzione`;
    case 'sospensione-fino-10-giorni': return `${m.days} ${m.days === 1 ? 'giorno' : 'giorni'} di sospensione dal servizio con privazione della retribuzione`;
    case 'sospensione-11-giorni-6-mesi': return `${m.days} giorni di sospensione dal servizio con privazione della retribuzione, dal ${quando(m.firstDay)}`;
  }
}
