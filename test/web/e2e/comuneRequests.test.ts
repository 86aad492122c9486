import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { followNavLink, launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { deployFiles, formFile, processFile, REPO, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * «Nuova richiesta» (a Comune's single point of contact) and «Richieste in arrivo» (the Provincia's queue),
 * in Italian, at desktop (1,440 px) and phone (390 px) widths, in Debian's Chromium.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const year = () => Number(today().slice(0, 4));

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The width of a PNG as written in its IHDR chunk: a full-page screenshot wider than the viewport means sideways scrolling. */
const pngWidth = (file: string) => fs.readFileSync(file).readUInt32BE(16);

async function noOverflow(page: Page, width: number, name: string): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  expect(pngWidth(await screenshot(page, name))).toBe(width);
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  const forms = fs.readdirSync(path.join(REPO, 'processes/forms')).filter((f) => f.endsWith('.form')).map(formFile);
  const processes = fs.readdirSync(path.join(REPO, 'processes')).filter((f) => f.endsWith('.bpmn') || f.endsWith('.dmn')).map(processFile);
  await deployFiles(stack, [...forms, ...processes]);
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('Nuova richiesta, for the users of a Comune', () => {
  it.each([1440, 390])('at %i px: a segnalazione to the UPD starts the case and says what comes next; a missing field is named', async (width) => {
    // given
    const page = await newPage(width);
    await signIn(page, stack.url, 'comune');
    await followNavLink(page, 'Nuova richiesta');
    await page.getByRole('heading', { name: 'Nuova richiesta alla Provincia' }).waitFor();
    expect(await page.locator('#request-intro').textContent()).toContain('Monza');
    await page.getByLabel('Segnala un fatto di rilievo disciplinare all’UPD').check();

    // when: sent without the employee number
    await page.getByLabel('Data in cui si è avuta conoscenza del fatto').fill(today());
    await page.getByLabel('Descrizione dei fatti').fill('Assenza ingiustificata dal servizio.');
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();

    // then
    await expect.poll(() => page.locator('#request-message').textContent()).toContain('Matricola del dipendente: campo obbligatorio');
    expect(await page.getByLabel('Matricola del dipendente').getAttribute('aria-invalid')).toBe('true');

    // when: completed
    await page.getByLabel('Matricola del dipendente').fill(`M-${width}`);
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();

    // then
    await expect.poll(() => page.locator('#request-message').textContent()).toMatch(new RegExp(`Richiesta inviata: avviato il caso UPD-${year()}-108033-00\\d`));
    expect(await page.locator('#request-message').textContent()).toContain('Registra la notizia del fatto');
    await noOverflow(page, width, `requests-01-nuova-${width}`);
    const key = await page.locator('#request-message').getAttribute('data-process-instance-key');
    expect(await page.locator('#request-open').getAttribute('href')).toBe(`#/instances/${key}`);
    expect(pageErrors).toEqual([]);
  });

  it('the Comune di Lissone asks for a concorso at 390 px; its list shows its own requests only', async () => {
    // given
    const page = await newPage(390);
    await signIn(page, stack.url, 'lissone');
    await page.goto(`${stack.url}/#/richieste/nuova`);
    await page.getByLabel('Chiedi un concorso per posti del Comune').check();

    // when
    await page.getByLabel('Profilo professionale da coprire').fill('Agente di polizia locale');
    await page.getByLabel('Numero di posti').fill('3');
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();

    // then
    await expect.poll(() => page.locator('#request-message').textContent()).toContain(`CONC-${year()}-108028-001`);
    await page.getByRole('link', { name: 'Le richieste del Comune' }).click();
    await page.getByRole('heading', { name: 'Richieste del Comune' }).waitFor();
    await page.locator('#queue-table').waitFor();
    expect(await page.locator('#queue-table tbody tr').count()).toBe(1);
    expect(await page.locator('#queue-table .request-summary').textContent()).toBe('3 posti di Agente di polizia locale');
    expect(await page.locator('#queue-table tbody').textContent()).not.toContain('Monza');
    await noOverflow(page, 390, 'requests-02-comune-list-390');
  });
});

describe('Richieste in arrivo, for the Provincia', () => {
  it.each([1440, 390])('at %i px: every request with who, Comune, what, when, state and a link; filtered by kind and Comune', async (width) => {
    // given: two segnalazioni of Monza and a concorso of Lissone, sent above
    const page = await newPage(width);
    await signIn(page, stack.url, 'provincia');

    // when
    await followNavLink(page, 'Richieste in arrivo');
    await page.getByRole('heading', { name: 'Richieste in arrivo' }).waitFor();
    await page.locator('#queue-table').waitFor();

    // then
    expect(await page.locator('#queue-total').textContent()).toBe('3 richieste');
    const rows = page.locator('#queue-table tbody tr');
    expect(await rows.count()).toBe(3);
    const concorso = rows.filter({ hasText: 'Lissone' });
    expect(await concorso.textContent()).toContain('Comune di Lissone');
    expect(await concorso.textContent()).toContain('In corso');
    expect(await concorso.locator('a').textContent()).toBe(`CONC-${year()}-108028-001`);
    expect(await concorso.locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}/);
    await noOverflow(page, width, `requests-03-queue-${width}`);

    // when: only the segnalazioni
    await page.getByLabel('Tipo').selectOption('segnalazione');
    await page.getByRole('button', { name: 'Filtra' }).click();

    // then
    await expect.poll(() => page.locator('#queue-total').textContent()).toBe('2 richieste');
    expect(await page.locator('#queue-table tbody').textContent()).not.toContain('Lissone');
    expect(await page.locator('#queue-table tbody').textContent()).toContain('Segnalazione all’UPD');

    // when: the Comune di Lissone, any kind
    await page.getByLabel('Tipo').selectOption('');
    await page.getByLabel('Comune', { exact: true }).selectOption('108028');
    await page.getByRole('button', { name: 'Filtra' }).click();

    // then
    await expect.poll(() => page.locator('#queue-total').textContent()).toBe('1 richiesta');
    await noOverflow(page, width, `requests-04-queue-filtered-${width}`);
    expect(pageErrors).toEqual([]);
  });
});
