import type { SanctionMeasure } from '../../src/domain/index.js';
import { quando } from './italianDate.js';

/** The amount of a sanction in plain Italian, as the provvedimento and its notice state it. */
export function describeMeasure(m: SanctionMeasure): string {
  switch (m.sanction) {
    case 'multa': return `multa pari a ${m.hours} ${m.hours === 1 ? 'ora' : 'ore'} di retribuzione`;
    case 'sospensione-fino-10-giorni': return `sospensione dal servizio con privazione della retribuzione per ${m.days} ${m.days === 1 ? 'giorno' : 'giorni'}`;
    case 'sospensione-11-giorni-6-mesi': return `sospensione dal servizio con privazione della retribuzione per ${m.days} giorni a decorrere dal ${quando(m.firstDay)}`;
  }
}
