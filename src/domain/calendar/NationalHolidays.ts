import Holidays from 'date-holidays';

/**
 * National public holidays of Italy, taken from `date-holidays` (country IT, no state/region).
 *
 * date-holidays also returns days of type `observance` (e.g. Festa della mamma), which are not
 * festività under L. 260/1949 and L. 54/1977, so only `public` days are kept. The library follows
 * changes of law on its own (e.g. 4 October, San Francesco, a national holiday from 2026 under
 * L. 151/2025), which is why no list is written here.
 */
export class NationalHolidays {
  private readonly holidays = new Holidays('IT');
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();

  /** Name of the national public holiday on `isoDate` (YYYY-MM-DD), or undefined. */
  nameOn(isoDate: string): string | undefined {
    return this.forYear(Number(isoDate.slice(0, 4))).get(isoDate);
  }

  forYear(year: number): ReadonlyMap<string, string> {
    let days = this.byYear.get(year);
    if (!days) {
      const entries = this.holidays
        .getHolidays(year, 'it')
        .filter((h) => h.type === 'public')
        // `date` is the local calendar date "YYYY-MM-DD hh:mm:ss"; `start` is an instant and
        // would shift the day in any time zone other than Europe/Rome.
        .map((h): [string, string] => [h.date.slice(0, 10), h.name]);
      days = new Map(entries);
      this.byYear.set(year, days);
    }
    return days;
  }
}
