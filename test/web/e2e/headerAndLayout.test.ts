import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { updEntry } from '../../audit/auditFixtures.js';
import { launchChromium, overlaps, pngSize, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { updTestProcess, waitFor } from '../support/webStack.js';
import { disciplinareE2eProcess, E2E_PROCESS_ID } from '../tasks/support/disciplinareE2eProcess.js';
import { deployFiles, formFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * Layout defects of issue 16, in Italian at a desktop (1,440 px) and a phone (390 px) width: the header on
 * one line or folded behind a menu, the audit search inside the page, a notice that pushes the page down
 * instead of covering the deadlines, and a Comuni list one can search.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let deadlineInstanceKey: string;
const WIDTHS = [1440, 390] as const;

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** a full-page screenshot, checked: as wide as the viewport (nothing pushed the page wider) */
async function checkedScreenshot(page: Page, name: string, width: number): Promise<void> {
  const size = pngSize(await screenshot(page, name));
  expect({ name, width: size.width }).toEqual({ name, width });
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [
    formFile('disciplinare-notizia-fatto.form'),
    formFile('disciplinare-contestazione.form'),
    { name: `${E2E_PROCESS_ID}.bpmn`, content: disciplinareE2eProcess() },
    { name: 'procedimento-disciplinare-web.bpmn', content: updTestProcess() },
  ]);
  const waiting = await stack.zeebe.createProcessInstance({
    bpmnProcessId: 'procedimento-disciplinare-web',
    variables: {
      codiceIstat: '108033',
      idProcedimento: 'UPD-2025-090',
      scadenzaContestazione: '2030-02-01T00:00:00+01:00',
      scadenze: [{ variabile: 'scadenzaContestazione', scadeIl: '2030-02-01T00:00:00+01:00', dataTermine: '2030-01-31', natura: 'perentorio', fonte: 'art. 55-bis c.4 D.Lgs. 165/2001' }],
    },
  } as never);
  deadlineInstanceKey = String(waiting.processInstanceKey);
  // entries as the workers write them: long codes, file names, hashes, addresses, nested data
  const trail = new AuditTrail(stack.db);
  for (let i = 1; i <= 3; i++) {
    await trail.append(updEntry(i, {
      actor: { type: 'worker', id: 'hr-disciplinare-documenti-e-notifiche', jobKey: String(2251799813690000 + i) },
      action: 'case.scope-change-refused',
      entity: { type: 'process-instance', key: '2251799813685249', processInstanceKey: '2251799813685249', comune: '108033' },
      data: {
        documento: { nome: 'UPD-2026-1-contestazione-d-addebito-e-convocazione-audizione.pdf', sha256: 'a'.repeat(64), percorso: '/var/lib/province-comuni-hr/documents/UPD-2026-1/contestazione-d-addebito-e-convocazione-audizione.pdf' },
        destinatari: ['ufficio.procedimenti.disciplinari@pec.provincia.monzabrianza.it', 'mario.rossi@pec.comune.monza.mb.it'],
        scadenze: [{ variabile: 'scadenzaContestazione', scadeIl: '2030-02-01T00:00:00+01:00', fonte: 'art. 55-bis c.4 D.Lgs. 165/2001' }],
      },
      legalRule: 'art. 55-bis c.4 D.Lgs. 30 marzo 2001, n. 165 (come sostituito dall’art. 13 D.Lgs. 25 maggio 2017, n. 75)',
    }));
  }
  // past its service task, the case waits on the contestazione with its deadline
  await waitFor(async () => {
    const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1000 } as never);
    for (const job of jobs) await stack.zeebe.completeJob({ jobKey: job.key, variables: {} } as never);
    return jobs.length > 0;
  }, 20_000, 'the registration job');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the header', () => {
  it('is one line at 1,440 px, the administrator’s secondary pages behind “Altro”', async () => {
    // given
    const page = await newPage(1440);
    await signIn(page, stack.url, 'admin');
    await page.goto(`${stack.url}/#/users`);
    await page.locator('#new-user').waitFor();

    // when
    const header = (await page.locator('#app-header').boundingBox())!;
    const items = await page.locator('#app-header .brand, #app-header nav > ul > li, #app-header .user > *').evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, ...e.getBoundingClientRect().toJSON() as DOMRect })),
    );

    // then: every item on the same line, the bar no taller than one line
    expect(header.height).toBeLessThan(64);
    const tops = items.map((i) => i.top + i.height / 2);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    expect(items.at(-1)!.right).toBeLessThanOrEqual(1440);
    expect(await page.locator('#nav-more-list').isVisible()).toBe(false);

    // when: "Altro" opens
    await page.locator('#nav-more').click();

    // then
    expect(await page.locator('#nav-more').getAttribute('aria-expanded')).toBe('true');
    const secondary = page.locator('#nav-more-list a');
    expect(await secondary.allTextContents()).toEqual(['Istanze', 'Modellatore', 'Moduli', 'Registro di audit', 'Utenti', 'Profilo']);
    for (const box of await secondary.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) expect(box.right).toBeLessThanOrEqual(1440);
    await checkedScreenshot(page, 'header-1440-altro', 1440);

    // when: a click elsewhere closes it
    await page.locator('h1').click();
    expect(await page.locator('#nav-more').getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#nav-more-list').isVisible()).toBe(false);
  });

  it('folds behind a “Menu” button at 390 px, one short bar until opened', async () => {
    // given
    const page = await newPage(390);
    await signIn(page, stack.url, 'admin');
    await page.goto(`${stack.url}/#/instances`);
    await page.locator('#instances-table, .empty').first().waitFor();
    const toggle = page.locator('#nav-toggle');

    // then: folded, the bar is a brand and a button
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect((await page.locator('#app-header').boundingBox())!.height).toBeLessThan(64);
    expect(await page.locator('#app-header nav').isVisible()).toBe(false);
    await checkedScreenshot(page, 'header-390-folded', 390);

    // when
    await toggle.click();

    // then: every link and the user's controls, inside the screen
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const links = page.locator('#app-header nav a');
    expect(await links.allTextContents()).toEqual(expect.arrayContaining(['Procedimenti', 'Istanze', 'Modellatore', 'Utenti', 'Profilo']));
    for (const box of await page.locator('#app-header nav a, #sign-out, #language').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(await pageOverflow(page)).toBe(0);
    await checkedScreenshot(page, 'header-390-open', 390);

    // when: following a link folds the menu again
    await page.locator('#app-header nav a[href="#/profile"]').click();
    await page.locator('h1').waitFor();
    expect(await page.locator('#nav-toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps the language switch reachable when signed out at 390 px', async () => {
    const page = await newPage(390);
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Nome utente').waitFor();
    expect(await page.locator('#language').isVisible()).toBe(true);
    expect(await page.locator('#nav-toggle').count()).toBe(0);
  });
});

describe('the audit search', () => {
  for (const width of WIDTHS) {
    it(`fits the page at ${width} px, the table scrolling inside its box`, async () => {
      // given: entries with data open
      const page = await newPage(width);
      await signIn(page, stack.url, 'admin');
      await page.goto(`${stack.url}/#/audit`);
      await page.locator('#audit-results tbody tr').first().waitFor();
      for (const summary of await page.locator('#audit-results details summary').all()) await summary.click();

      // then
      expect(await pageOverflow(page)).toBe(0);
      const box = (await page.locator('#audit-results-box').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await checkedScreenshot(page, `audit-search-${width}`, width);

      // and one case's trail, beside its diagram
      await page.goto(`${stack.url}/#/audit/instances/${deadlineInstanceKey}`);
      await page.locator('#audit-timeline li').first().waitFor();
      for (const summary of await page.locator('#audit-timeline details summary').all()) await summary.click();
      expect(await pageOverflow(page)).toBe(0);
      await checkedScreenshot(page, `audit-instance-${width}`, width);
    });
  }
});

describe('a new-task notice', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px pushes the instance page down instead of covering its deadlines`, async () => {
      // given: the Comune on an instance page with an open deadline
      const page = await newPage(width);
      await signIn(page, stack.url, 'comune');
      await page.goto(`${stack.url}/#/instances/${deadlineInstanceKey}`);
      await page.locator('#deadlines li:not(.empty)').first().waitFor();
      await page.waitForTimeout(500); // the page's task stream takes its first state (no notice for tasks already open)

      // when: a new task reaches the Comune
      await stack.zeebe.createProcessInstance({ bpmnProcessId: E2E_PROCESS_ID, variables: { codiceIstat: '108033', idProcedimento: `UPD-2025-${width}`, dataConoscenza: '2025-03-03' } } as never);
      const notice = page.locator('#global-task-notices .toast').first();
      await notice.waitFor({ timeout: 15_000 });

      // then: the notice covers none of the page's content
      const noticeBox = (await notice.boundingBox())!;
      const content = await page.locator('#main h1, #main .panels section, #main #instance-diagram, #main table').evaluateAll((els) =>
        els.map((e) => ({ id: e.id || e.tagName, ...(e.getBoundingClientRect().toJSON() as DOMRect) })),
      );
      const scroll = await page.evaluate(() => window.scrollY);
      for (const c of content) expect({ covered: c.id, overlap: overlaps(noticeBox, { x: c.x, y: c.y + scroll, width: c.width, height: c.height }) }).toEqual({ covered: c.id, overlap: false });
      expect(await notice.textContent()).toContain('Nuova attività');
      expect(await pageOverflow(page)).toBe(0);
      await checkedScreenshot(page, `notice-over-deadlines-${width}`, width);
    });
  }
});

describe('the Comuni multi-select', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px has a search box that narrows the list and keeps the chosen ones`, async () => {
      // given
      const page = await newPage(width);
      await signIn(page, stack.url, 'admin');
      await page.goto(`${stack.url}/#/users`);
      const select = page.locator('#new-comuni');
      await select.waitFor();
      const all = await select.locator('option').count();
      expect(all).toBeGreaterThan(20);
      await select.selectOption('108033');

      // when
      await page.locator('#new-comuni-search').fill('lissone');

      // then: Lissone, and Monza (chosen) still there; nothing else
      const visible = await select.locator('option').evaluateAll((os) => os.filter((o) => !(o as HTMLOptionElement).hidden).map((o) => o.textContent));
      expect(visible.sort()).toEqual(['Lissone (108028)', 'Monza (108033)']);
      expect(await page.locator('#new-comuni-chosen').textContent()).toBe('1 Comune scelto');

      // when: a code, and accents ignored
      await page.locator('#new-comuni-search').fill('108028');
      expect(await select.locator('option:not([hidden])').allTextContents()).toEqual(expect.arrayContaining(['Lissone (108028)']));
      await select.selectOption(['108033', '108028']);
      expect(await page.locator('#new-comuni-chosen').textContent()).toBe('2 Comuni scelti');
      await page.locator('#new-comuni-search').fill('');
      expect(await select.locator('option:not([hidden])').count()).toBe(all);
      expect(await pageOverflow(page)).toBe(0);
      await checkedScreenshot(page, `comuni-search-${width}`, width);
    });
  }
});
