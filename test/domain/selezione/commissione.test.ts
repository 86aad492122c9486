import { describe, expect, it } from 'vitest';
import { checkCommissione, type ComponenteCommissione } from '../../../src/domain/selezione/commissione.js';

const m = (nominativo: string, ruolo: ComponenteCommissione['ruolo'], genere: 'F' | 'M', dichiarazione35bis = true): ComponenteCommissione =>
  ({ nominativo, ruolo, genere, dichiarazione35bis });

describe('commissione esaminatrice (art. 57 c.1 lett. a and art. 35-bis D.Lgs. 165/2001)', () => {
  it('accepts three members of whom one is a woman: one third of 3 is 1', () => {
    // when
    const check = checkCommissione([m('Paolo Galli', 'presidente', 'M'), m('Sara Costa', 'componente', 'F'), m('Luca Verdi', 'componente', 'M'), m('Anna Neri', 'segretario', 'F')]);
    // then
    expect(check).toEqual({ problems: [], donneRichieste: 1, donne: 1, deroga: false });
  });

  it('refuses five members with one woman: one third of 5 rounds up to 2; the secretary does not count', () => {
    // when
    const check = checkCommissione([
      m('Paolo Galli', 'presidente', 'M'), m('Sara Costa', 'componente', 'F'), m('Luca Verdi', 'componente', 'M'),
      m('Marco Bassi', 'componente', 'M'), m('Ugo Riva', 'componente', 'M'), m('Anna Neri', 'segretario', 'F'),
    ]);
    // then
    expect(check.donneRichieste).toBe(2);
    expect(check.problems).toEqual([expect.stringContaining('ne servono 2 su 5, sono 1 (art. 57, c. 1, lett. a, D.Lgs. 165/2001)')]);
  });

  it('accepts the shortfall only with a stated reason (salva motivata impossibilità)', () => {
    // given
    const board = [m('Paolo Galli', 'presidente', 'M'), m('Luca Verdi', 'componente', 'M'), m('Marco Bassi', 'componente', 'M')];
    // when / then
    expect(checkCommissione(board).problems).toHaveLength(1);
    expect(checkCommissione(board, '   ').problems).toHaveLength(1);
    expect(checkCommissione(board, 'Nessuna esperta disponibile nel profilo tecnico (interpello del 3/3/2026 senza risposte)')).toEqual(expect.objectContaining({ problems: [], deroga: true }));
  });

  it('refuses a board in which someone, the secretary included, has not signed the art. 35-bis declaration', () => {
    // when
    const check = checkCommissione([m('Paolo Galli', 'presidente', 'M'), m('Sara Costa', 'componente', 'F'), m('Luca Verdi', 'componente', 'M'), m('Anna Neri', 'segretario', 'F', false)]);
    // then
    expect(check.problems).toEqual([expect.stringMatching(/^manca la dichiarazione di Anna Neri .*art\. 35-bis/)]);
  });
});
