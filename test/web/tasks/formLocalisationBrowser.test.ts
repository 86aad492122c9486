import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, startTaskStack, type TaskStack } from './support/taskStack.js';

const fixture = (name: string) => ({ name, content: fs.readFileSync(new URL(name, import.meta.url), 'utf8') });
const ITALIAN_MONTHS = ['Gennaio', 'Febbraio', 'Marzo', 'Aprile', 'Maggio', 'Giugno', 'Luglio', 'Agosto', 'Settembre', 'Ottobre', 'Novembre', 'Dicembre'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

/**
 * An English-speaking browser (en-US), so the Italian the form shows comes from the page's language
 * and not from the browser's: form-js takes its date format from the browser.
 */
async function openTask(processInstanceKey: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1100 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.url, 'provincia');
  const [task] = await waitFor(async () => {
    const found = await stack.tasks.searchTasks({ processInstanceKey, state: 'CREATED' } as never);
    return found.length > 0 && found;
  }, 10_000, 'the user task');
  await page.goto(`${stack.url}/#/tasks/${task.userTaskKey}`);
  await page.locator('#task-form .fjs-form').waitFor();
  return page;
}

async function startCase(): Promise<string> {
  const created = await stack.zeebe.createProcessInstance({ bpmnProcessId: 'procedimento-disciplinare-prova-lingua', variables: {} } as never);
  return String(created.processInstanceKey);
}

const field = (page: Page, label: string) => page.locator('.fjs-form-field', { hasText: label });
const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((s) => s.trim());

/** Opens the date field's calendar and reads what flatpickr wrote into it. */
async function calendar(page: Page) {
  await page.getByLabel('Data dell’audizione').click();
  await page.locator('.flatpickr-calendar.open').waitFor();
  return {
    months: await texts(page, '.flatpickr-calendar .flatpickr-monthDropdown-month'),
    monthLabel: await page.locator('.flatpickr-calendar .flatpickr-monthDropdown-months').getAttribute('aria-label'),
    weekdays: await texts(page, '.flatpickr-calendar .flatpickr-weekday'),
  };
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  browser = await launchChromium();
  await deployFiles(stack, [fixture('formLocalisation.form'), fixture('formLocalisation.bpmn')]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the words form-js writes into a task form', () => {
  it('are Italian on an Italian page, calendar included, and the form still submits its values', async () => {
    // given
    const processInstanceKey = await startCase();
    const page = await openTask(processInstanceKey);

    // then: the select, the searchable select, the dynamic list, the number field
    expect((await field(page, 'Sanzione prevista').locator('.fjs-select-display').textContent())?.trim()).toBe('Seleziona');
    expect(await page.getByLabel('Comune della sede').getAttribute('placeholder')).toBe('Cerca');
    expect((await page.locator('.fjs-repeat-render-add').textContent())?.trim()).toBe('Aggiungi');
    expect(await page.locator('.fjs-repeat-row-remove').first().getAttribute('aria-label')).toBe('Rimuovi la voce 1 dell’elenco');
    expect(await page.locator('.fjs-number-arrow-up').getAttribute('aria-label')).toBe('Aumenta');
    expect(await page.locator('.fjs-number-arrow-down').getAttribute('aria-label')).toBe('Diminuisci');
    expect(await page.getByLabel('Data dell’audizione').getAttribute('placeholder')).toBe('gg/mm/aaaa');

    // then: flatpickr's Italian, weeks from Monday
    const italian = await calendar(page);
    expect(italian.months).toEqual(ITALIAN_MONTHS);
    expect(italian.monthLabel).toBe('Mese');
    expect(italian.weekdays).toEqual(['Lun', 'Mar', 'Mer', 'Gio', 'Ven', 'Sab', 'Dom']);
    await screenshot(page, 'form-language-01-italian-calendar');
    await page.keyboard.press('Escape');

    // when: completed empty
    await page.locator('#task-complete').click();

    // then: the library's validation messages in Italian
    await expect.poll(() => page.locator('#task-message').textContent()).toContain('Correggi i campi');
    expect(await texts(page, '.fjs-form-field-error li')).toContain('Campo obbligatorio.');

    // when: a search that finds nothing, then filled in (the date typed as Italians write it)
    await page.getByLabel('Comune della sede').fill('zzz');
    expect((await page.locator('.fjs-dropdownlist-empty').textContent())?.trim()).toBe('Nessun risultato');
    await page.getByLabel('Comune della sede').fill('Lis');
    await page.locator('.fjs-dropdownlist-item', { hasText: 'Lissone' }).click();
    await field(page, 'Sanzione prevista').locator('.fjs-input-group').click();
    await page.locator('.fjs-dropdownlist-item', { hasText: 'Multa fino a 4 ore di retribuzione' }).click();
    await page.getByLabel('Data dell’audizione').fill('15/04/2030');
    await page.getByLabel('Data dell’audizione').press('Enter');
    await page.locator('.fjs-repeat-render-add').click();
    await page.getByLabel('Nome del testimone').nth(0).fill('Mario Rossi');
    await page.getByLabel('Nome del testimone').nth(1).fill('Anna Bianchi');
    await page.getByLabel('Giorni di preavviso').fill('0');
    await page.getByLabel('Giorni di preavviso').blur();
    await expect.poll(() => texts(page, '.fjs-form-field-error li')).toContain('Il valore minimo ammesso è 1.');
    await page.getByLabel('Giorni di preavviso').fill('20');
    expect(await page.locator('.fjs-repeat-row-remove').nth(1).getAttribute('aria-label')).toBe('Rimuovi la voce 2 dell’elenco');
    expect(await page.getByLabel('Data dell’audizione').inputValue()).toBe('15/04/2030');
    await screenshot(page, 'form-language-02-italian-filled');
    await page.locator('#task-complete').click();

    // then: the values are the ones chosen, not their translations
    await expect.poll(() => page.locator('#task-message').textContent(), { timeout: 10_000 }).toContain('Attività completata');
    const variables = Object.fromEntries((await stack.engine.searchVariables({ processInstanceKey })).map((v) => [v.name, JSON.parse(v.value)]));
    expect(variables).toMatchObject({
      sanzione: 'multa',
      comune: '108028',
      dataAudizione: '2030-04-15',
      giorniPreavviso: 20,
      testimoni: [{ nome: 'Mario Rossi' }, { nome: 'Anna Bianchi' }],
    });
  });

  it('stay the library’s English on an English page, also after an Italian one in the same tab', async () => {
    // given: the task open in Italian, its calendar shown once
    const page = await openTask(await startCase());
    expect((await calendar(page)).weekdays[0]).toBe('Lun');

    // when
    await page.locator('#language').click();
    await page.locator('#task-form .fjs-form').waitFor();
    await expect.poll(() => page.locator('#task-complete').textContent()).toBe('Complete');

    // then
    expect((await field(page, 'Sanzione prevista').locator('.fjs-select-display').textContent())?.trim()).toBe('Select');
    expect(await page.getByLabel('Comune della sede').getAttribute('placeholder')).toBe('Search');
    expect((await page.locator('.fjs-repeat-render-add').textContent())?.trim()).toBe('Add new');
    expect(await page.locator('.fjs-repeat-row-remove').first().getAttribute('aria-label')).toBe('Remove list item 1');
    expect(await page.locator('.fjs-number-arrow-up').getAttribute('aria-label')).toBe('Increment');
    expect(await page.getByLabel('Data dell’audizione').getAttribute('placeholder')).toBe('mm/dd/yyyy');
    const english = await calendar(page);
    expect(english.months).toEqual(ENGLISH_MONTHS);
    expect(english.monthLabel).toBe('Month');
    expect(english.weekdays).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    await page.keyboard.press('Escape');
    await page.locator('#task-complete').click();
    await expect.poll(() => texts(page, '.fjs-form-field-error li')).toContain('Field is required.');
    await screenshot(page, 'form-language-03-english');
    expect(pageErrors).toEqual([]);
  });
});
