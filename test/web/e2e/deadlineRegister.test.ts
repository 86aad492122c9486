import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { updTestProcess, waitFor } from '../support/webStack.js';
import { deployFiles, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * The scadenzario in Italian (issue #16.5): deadlines named as the law names them, never by variable or
 * kind code; filters and sort applied by the server; no sideways scroll at desktop and phone widths.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

const MONZA = '108033';
const LISSONE = '108028';

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** the text of one column (0-based) of every row */
const column = (page: Page, n: number) => page.locator('#register-table tbody tr').evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll('td')[i]?.textContent ?? ''), n);

async function applyFilters(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.locator(`#rf-${name}`).selectOption(value);
  const before = page.url();
  await page.locator('#register-filters button[type=submit]').click();
  await page.waitForURL((u) => u.toString() !== before);
  await page.locator('#register-table').waitFor();
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [{ name: 'procedimento-disciplinare-web.bpmn', content: updTestProcess() }]);
  const start = (variables: Record<string, unknown>) => stack.zeebe.createProcessInstance({ bpmnProcessId: 'procedimento-disciplinare-web', variables } as never);
  // UPD-2026-10, Monza: the contestazione watched by the task's due date, with its legal term
  await start({
    codiceIstat: MONZA,
    idProcedimento: 'UPD-2026-10',
    scadenzaContestazione: '2030-02-01T00:00:00+01:00',
    scadenze: [{ variabile: 'scadenzaContestazione', tipo: 'contestazione-addebito', scadeIl: '2030-02-01T00:00:00+01:00', dataTermine: '2030-01-31', natura: 'perentorio', fonte: 'art. 55-bis, c. 4, D.Lgs. 165/2001' }],
  });
  // UPD-2026-9, Lissone: the contestazione, and an ordinatorio term no diagram element watches
  await start({
    codiceIstat: LISSONE,
    idProcedimento: 'UPD-2026-9',
    scadenzaContestazione: '2030-02-11T00:00:00+01:00',
    scadenze: [
      { variabile: 'scadenzaContestazione', tipo: 'contestazione-addebito', scadeIl: '2030-02-11T00:00:00+01:00', dataTermine: '2030-02-10', natura: 'perentorio', fonte: 'art. 55-bis, c. 4, D.Lgs. 165/2001' },
      { variabile: 'scadenzaIspettorato', tipo: 'comunicazione-ispettorato', scadeIl: '2030-01-21T00:00:00+01:00', dataTermine: '2030-01-20', natura: 'ordinatorio', fonte: 'art. 55-bis, c. 4, D.Lgs. 165/2001' },
    ],
  });
  // UPD-2026-11, Monza: only the date, no `scadenze` entry: named after the step that waits on it
  await start({ codiceIstat: MONZA, idProcedimento: 'UPD-2026-11', scadenzaContestazione: '2030-03-16T00:00:00+01:00' });
  for (let done = 0; done < 3; ) {
    const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 3, requestTimeout: 1000 } as never);
    for (const job of jobs) await stack.zeebe.completeJob({ jobKey: job.key, variables: {} } as never);
    done += jobs.length;
  }
  await waitFor(async () => (await stack.tasks.searchTasks({})).length >= 3 || undefined, 10_000, 'the three contestazione tasks');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the scadenzario at 1,440 px', () => {
  it('names each deadline in Italian, never by its code', async () => {
    // given
    const page = await newPage(1440);
    await signIn(page, stack.url, 'provincia');

    // when
    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-table').waitFor();

    // then: by due date, the legal names, the step's name where the case has no legal term
    await expect.poll(() => column(page, 4)).toEqual(['Comunicazione all’Ispettorato per la funzione pubblica', 'Contestazione dell’addebito', 'Contestazione dell’addebito', 'Scrivi la contestazione']);
    const text = (await page.locator('#register-table').textContent()) ?? '';
    expect(text).not.toMatch(/scadenza[A-Z]|contestazione-addebito|comunicazione-ispettorato/);
    expect(await column(page, 7)).toEqual(['ordinatorio', 'perentorio', 'perentorio', '']);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'register-01-names-1440');
  });

  it('filters by nature and by Comune on the server', async () => {
    // given
    const page = await newPage(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-table').waitFor();

    // when
    await applyFilters(page, { nature: 'ordinatorio' });

    // then
    expect(page.url()).toContain('nature=ordinatorio');
    await expect.poll(() => column(page, 4)).toEqual(['Comunicazione all’Ispettorato per la funzione pubblica']);

    // when
    await applyFilters(page, { nature: '', comune: MONZA });

    // then
    await expect.poll(() => column(page, 2)).toEqual(['UPD-2026-10', 'UPD-2026-11']);
    expect(new Set(await column(page, 3))).toEqual(new Set(['Monza (108033)']));
  });

  it('sorts by Comune name and by case number as people read them', async () => {
    // given
    const page = await newPage(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-table').waitFor();

    // when
    await applyFilters(page, { sort: 'comune' });

    // then: Lissone before Monza, the most urgent first within each
    // (polled: the page draws the table before the new order's rows arrive)
    await expect.poll(() => column(page, 2)).toEqual(['UPD-2026-9', 'UPD-2026-9', 'UPD-2026-10', 'UPD-2026-11']);
    expect((await column(page, 3)).map((c) => c.split(' ')[0])).toEqual(['Lissone', 'Lissone', 'Monza', 'Monza']);

    // when
    await applyFilters(page, { sort: 'case', order: 'desc' });

    // then: 11, 10, then 9 (not "9" after "10" as text would sort)
    await expect.poll(() => column(page, 2)).toEqual(['UPD-2026-11', 'UPD-2026-10', 'UPD-2026-9', 'UPD-2026-9']);
  });
});

describe('the scadenzario at 390 px', () => {
  it('keeps filters and table inside the screen, for a Comune user who sees only its own cases', async () => {
    // given
    const page = await newPage(390);
    await signIn(page, stack.url, 'comune');

    // when
    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-table').waitFor();

    // then
    await expect.poll(() => column(page, 2)).toEqual(['UPD-2026-10', 'UPD-2026-11']);
    expect(await page.locator('#register-filters').isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'register-02-comune-390');
  });
});
