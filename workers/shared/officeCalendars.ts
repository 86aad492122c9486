import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calendarOfActingOffice,
  DEFAULT_OFFICE_CALENDAR_CONFIG,
  parseOfficeCalendarConfig,
  type ActingOffice,
  type ItalianCalendar,
  type OfficeCalendarConfig,
} from '../../src/domain/index.js';

/**
 * The calendar configuration of the convenzione: the Provincia's seat and the patron-saint days of
 * the Comuni served, in `DATA_DIR/calendario-uffici.json`:
 *   { "sedeProvincia": "108033", "santiPatroni": { "108028": { "comune": "Lissone", "santo": "...", "giorno": "06-29" } } }
 * Read on every deadline computation (a small file), so an administrator's change applies to the
 * next term without a restart. Without the file: seat 108033 (Monza) and the built-in table.
 */
export const OFFICE_CALENDAR_FILE = 'calendario-uffici.json';

export async function loadOfficeCalendarConfig(dataDir: string): Promise<OfficeCalendarConfig> {
  let text: string;
  try {
    text = await readFile(join(dataDir, OFFICE_CALENDAR_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_OFFICE_CALENDAR_CONFIG;
    throw e;
  }
  return parseOfficeCalendarConfig(JSON.parse(text));
}

/** Validates first (the error names the field), then replaces the file atomically. */
export async function saveOfficeCalendarConfig(dataDir: string, input: unknown): Promise<OfficeCalendarConfig> {
  const config = parseOfficeCalendarConfig(input);
  const file = join(dataDir, OFFICE_CALENDAR_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(input, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return config;
}

/** The calendar of the office that must act: the Provincia's (UPD, selezione) or one Comune's. */
export async function officeCalendar(ctx: { dataDir: string }, office: ActingOffice): Promise<ItalianCalendar> {
  return calendarOfActingOffice(await loadOfficeCalendarConfig(ctx.dataDir), office);
}
