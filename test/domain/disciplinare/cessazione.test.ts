import { describe, expect, it } from 'vitest';
import { cessazioneOutcome } from '../../../src/domain/index.js';

describe('cessazione del rapporto during the procedure (art. 55-bis, c. 9, D.Lgs. 165/2001)', () => {
  it('extinguishes the procedure when neither dismissal is foreseen nor a precautionary suspension was ordered', () => {
    expect(cessazioneOutcome({ sanzionePrevista: 'sospensione-11-giorni-6-mesi', sospensioneCautelare: false }))
      .toMatchObject({ prosegue: false, legalSource: 'art. 55-bis, c. 9, D.Lgs. 165/2001' });
    expect(cessazioneOutcome({ sospensioneCautelare: false }).prosegue).toBe(false);
  });

  it('goes on when the charge foresees dismissal, with or without notice', () => {
    expect(cessazioneOutcome({ sanzionePrevista: 'licenziamento-con-preavviso', sospensioneCautelare: false }))
      .toMatchObject({ prosegue: true, reason: expect.stringContaining('licenziamento con preavviso') });
    expect(cessazioneOutcome({ sanzionePrevista: 'licenziamento-senza-preavviso', sospensioneCautelare: false }).prosegue).toBe(true);
  });

  it('goes on before any charge when the notizia already foresees dismissal for the facts (judged on the facts, c. 9)', () => {
    // given: the employee resigns while the UPD drafts the charge; the notizia foresaw licenziamento senza preavviso
    // when
    const outcome = cessazioneOutcome({ sanzionePrevista: 'licenziamento-senza-preavviso', sospensioneCautelare: false });
    // then
    expect(outcome).toMatchObject({ prosegue: true, reason: expect.stringContaining('licenziamento senza preavviso') });
  });

  it('goes on when a precautionary suspension was ordered, whatever the sanction', () => {
    expect(cessazioneOutcome({ sanzionePrevista: 'multa', sospensioneCautelare: true }))
      .toMatchObject({ prosegue: true, reason: expect.stringContaining('sospensione cautelare') });
  });
});
