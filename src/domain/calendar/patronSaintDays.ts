/**
 * Festa del santo patrono: a local holiday of each Comune, kept as a day off for public employees
 * by the collective contracts of the sector (verify the CCNL Funzioni Locali article in force);
 * the day itself is fixed by local tradition, not by national law. Keyed by the Comune's 6-digit
 * ISTAT code. This is a small built-in table of well-known Comuni; a convenzione
 * adds the Comuni it serves through `ItalianCalendarOptions.patronSaintDays`.
 */
export interface PatronSaintDay {
  readonly comune: string;
  readonly saint: string;
  /** 1-12 */
  readonly month: number;
  /** 1-31 */
  readonly day: number;
}

export const BUILT_IN_PATRON_SAINT_DAYS: Readonly<Record<string, PatronSaintDay>> = {
  '001272': { comune: 'Torino', saint: 'San Giovanni Battista', month: 6, day: 24 },
  '010025': { comune: 'Genova', saint: 'San Giovanni Battista', month: 6, day: 24 },
  '015146': { comune: 'Milano', saint: "Sant'Ambrogio", month: 12, day: 7 },
  '027042': { comune: 'Venezia', saint: 'San Marco', month: 4, day: 25 },
  '032006': { comune: 'Trieste', saint: 'San Giusto', month: 11, day: 3 },
  '037006': { comune: 'Bologna', saint: 'San Petronio', month: 10, day: 4 },
  '048017': { comune: 'Firenze', saint: 'San Giovanni Battista', month: 6, day: 24 },
  '058091': { comune: 'Roma', saint: 'Santi Pietro e Paolo', month: 6, day: 29 },
  '063049': { comune: 'Napoli', saint: 'San Gennaro', month: 9, day: 19 },
  '072006': { comune: 'Bari', saint: 'San Nicola', month: 12, day: 6 },
  '082053': { comune: 'Palermo', saint: 'Santa Rosalia', month: 7, day: 15 },
  '108033': { comune: 'Monza', saint: 'San Giovanni Battista', month: 6, day: 24 },
};
