import Holidays from 'date-holidays';

/**
 * Religious holidays on which no concorso test may be held (art. 6, c. 1, DPR 487/1994):
 * - Jewish: the days of L. 101/1989 (art. 5, c. 2: the Unione delle Comunità ebraiche sends the
 *   calendar, the Ministro dell'interno publishes it in the Gazzetta Ufficiale every year). The
 *   published calendar always follows the same Hebrew dates, so they are computed with the Hebrew
 *   calendar of `date-holidays` (no hand-written conversion): vigilia and days 1, 2, 7, 8 of Pesach
 *   (14, 15, 16, 21, 22 Nisan), Shavuot (6, 7 Sivan), the fast of 9 Av (on Sunday when 9 Av is a
 *   Saturday), Rosh Ha-Shanà (1, 2 Tishri), vigilia and Kippur (9, 10 Tishri), Sukkot (15, 16, 21,
 *   22 Tishri: day 22 is Sheminì Atzeret) and Simchat Torà (23 Tishri). Checked against the 2025
 *   calendar published by the Ministero dell'interno. Every Saturday is also listed there
 *   (riposo sabbatico, art. 4 L. 101/1989): see `isJewishSabbath`.
 * - Waldensian: 17 February (L. 449/1984, intesa con la Tavola valdese: the day of the 1848
 *   Lettere patenti). verify: whether other Waldensian feasts count under art. 6 DPR 487 (the
 *   intesa lists no calendar; 17 February is the one fixed day the Tavola valdese observes).
 */
export interface ReligiousHoliday {
  readonly name: string;
  readonly confession: 'ebraica' | 'valdese';
  readonly legalSource: string;
}

export const JEWISH_HOLIDAYS_SOURCE = 'art. 5, c. 2, L. 101/1989; calendario pubblicato dal Ministro dell’interno in Gazzetta Ufficiale';
export const JEWISH_SABBATH_SOURCE = 'art. 4 L. 101/1989 (riposo sabbatico, da mezz’ora prima del tramonto del venerdì)';
export const WALDENSIAN_HOLIDAYS_SOURCE = 'L. 449/1984 (intesa con la Tavola valdese)';

const JEWISH_RULES: readonly [rule: string, name: string][] = [
  ['14 Nisan', 'Vigilia di Pesach'],
  ['15 Nisan', 'Pesach (primo giorno)'],
  ['16 Nisan', 'Pesach (secondo giorno)'],
  ['21 Nisan', 'Pesach (settimo giorno)'],
  ['22 Nisan', 'Pesach (ottavo giorno)'],
  ['6 Sivan', 'Shavuot (primo giorno)'],
  ['7 Sivan', 'Shavuot (secondo giorno)'],
  ['9 Av if Saturday then next Sunday', 'Digiuno del 9 di Av'],
  ['1 Tishrei', 'Rosh Ha-Shanà (primo giorno)'],
  ['2 Tishrei', 'Rosh Ha-Shanà (secondo giorno)'],
  ['9 Tishrei', 'Vigilia di Kippur'],
  ['10 Tishrei', 'Kippur'],
  ['15 Tishrei', 'Sukkot (primo giorno)'],
  ['16 Tishrei', 'Sukkot (secondo giorno)'],
  ['21 Tishrei', 'Sukkot (settimo giorno)'],
  ['22 Tishrei', 'Sheminì Atzeret (Sukkot, ottavo giorno)'],
  ['23 Tishrei', 'Simchat Torà'],
];

const WALDENSIAN: readonly { month: number; day: number; name: string }[] = [
  { month: 2, day: 17, name: 'Festa della libertà valdese (17 febbraio)' },
];

export class ReligiousHolidays {
  private readonly jewish = new Holidays();
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();

  constructor() {
    for (const [rule, name] of JEWISH_RULES) this.jewish.setHoliday(rule, { name: { it: name }, type: 'public' });
  }

  /** The religious holiday on `isoDate` (YYYY-MM-DD), or undefined. Saturdays are asked separately. */
  on(isoDate: string): ReligiousHoliday | undefined {
    const jewish = this.jewishYear(Number(isoDate.slice(0, 4))).get(isoDate);
    if (jewish !== undefined) return { name: jewish, confession: 'ebraica', legalSource: JEWISH_HOLIDAYS_SOURCE };
    const month = Number(isoDate.slice(5, 7));
    const day = Number(isoDate.slice(8, 10));
    const valdese = WALDENSIAN.find((w) => w.month === month && w.day === day);
    if (valdese) return { name: valdese.name, confession: 'valdese', legalSource: WALDENSIAN_HOLIDAYS_SOURCE };
    return undefined;
  }

  private jewishYear(year: number): ReadonlyMap<string, string> {
    let days = this.byYear.get(year);
    if (!days) {
      // `date` is the calendar date "YYYY-MM-DD hh:mm:ss ±hhmm"; the day is what the decree lists
      // (the festivity itself begins at sunset of the day before, which matters only for evening tests).
      days = new Map(this.jewish.getHolidays(year, 'it').map((h): [string, string] => [h.date.slice(0, 10), h.name]));
      this.byYear.set(year, days);
    }
    return days;
  }
}
