import { createRequire } from 'node:module';

// codice-fiscale-js ships CommonJS exporting { CodiceFiscale }; its typings declare a default export.
interface CodiceFiscaleClass {
  check(codiceFiscale: string): boolean;
  new (codiceFiscale: string): { gender: 'M' | 'F'; birthday: Date };
}
const { CodiceFiscale } = createRequire(import.meta.url)('codice-fiscale-js') as { CodiceFiscale: CodiceFiscaleClass };

export interface CodiceFiscaleInfo {
  valid: boolean;
  gender?: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate?: string;
}

/** Checks a codice fiscale (format, omocodia, check character) with the maintained library. */
export function inspectCodiceFiscale(value: unknown): CodiceFiscaleInfo {
  if (typeof value !== 'string') return { valid: false };
  const cf = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{16}$/.test(cf) || !CodiceFiscale.check(cf)) return { valid: false };
  try {
    const parsed = new CodiceFiscale(cf);
    return { valid: true, gender: parsed.gender, birthDate: parsed.birthday.toISOString().slice(0, 10) };
  } catch {
    return { valid: false };
  }
}
