import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { updTestProcess, waitFor } from '../support/webStack.js';
import { disciplinareE2eProcess, E2E_PROCESS_ID } from '../tasks/support/disciplinareE2eProcess.js';
import { deployFiles, formFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * What users see beyond the happy path: a phone-width page that does not scroll sideways, Comuni and
 * groups by name rather than by code, a skip link that skips, and a page load with no console error.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let taskKey: string;
let instanceKey: string;
let termInstanceKey: string;

async function newPage(width: number, lang: 'it' | 'en' = 'it'): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('hr.lang', 'en'));
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return { page, consoleErrors };
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

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
  const created = await stack.zeebe.createProcessInstance({
    bpmnProcessId: E2E_PROCESS_ID,
    variables: { codiceIstat: '108033', idProcedimento: 'UPD-2025-077', dataConoscenza: '2025-03-03' },
  } as never);
  instanceKey = String(created.processInstanceKey);
  // a case waiting on a deadline, so the scadenzario has a row of the Comune di Monza
  await stack.zeebe.createProcessInstance({
    bpmnProcessId: 'procedimento-disciplinare-web',
    variables: { codiceIstat: '108033', idProcedimento: 'UPD-2025-078', scadenzaContestazione: new Date(Date.now() + 20 * 86_400_000).toISOString() },
  } as never);
  // a term whose last useful day is 31/01/2030: the workers write it as 01/02/2030 00:00 (when it is missed)
  const term = await stack.zeebe.createProcessInstance({
    bpmnProcessId: 'procedimento-disciplinare-web',
    variables: {
      codiceIstat: '108033',
      idProcedimento: 'UPD-2025-079',
      scadenzaContestazione: '2030-02-01T00:00:00+01:00',
      scadenze: [{ variabile: 'scadenzaContestazione', scadeIl: '2030-02-01T00:00:00+01:00', dataTermine: '2030-01-31', natura: 'perentorio', fonte: 'art. 55-bis c.4 D.Lgs. 165/2001' }],
    },
  } as never);
  termInstanceKey = String(term.processInstanceKey);
  for (let done = 0; done < 2; ) {
    const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: 1000 } as never);
    for (const job of jobs) await stack.zeebe.completeJob({ jobKey: job.key, variables: {} } as never);
    done += jobs.length;
  }
  taskKey = await waitFor(async () => (await stack.tasks.searchTasks({ processInstanceKey: instanceKey }))[0]?.userTaskKey, 10_000, 'the Comune task');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the web app at a phone width (390 px)', () => {
  it('no page is wider than the screen: header, filters and tables stay inside it', async () => {
    // given
    const { page } = await newPage(390);
    await signIn(page, stack.url, 'comune');

    // when / then
    for (const [route, ready] of [
      ['#/', '[data-process-id]'],
      ['#/tasks', '#tasks-table'],
      [`#/tasks/${taskKey}`, '#task-form .fjs-form'],
      ['#/scadenzario', '#register-table'],
      ['#/instances', '#instances-table'],
    ] as const) {
      await page.goto(`${stack.url}/${route}`);
      await page.locator(ready).first().waitFor();
      expect({ route, overflow: await horizontalOverflow(page) }).toEqual({ route, overflow: 0 });
    }
    await page.goto(`${stack.url}/#/tasks`);
    await page.locator('#tasks-table').waitFor();
    // the links fold behind "Menu" on a phone (headerAndLayout.test.ts); opened, they stay inside the screen
    await page.locator('#nav-toggle').click();
    const lastNavLink = await page.locator('#app-header nav a').last().boundingBox();
    expect(lastNavLink!.x + lastNavLink!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'layout-01-tasks-390');
  });
});

describe('names where the API gives codes', () => {
  it('the task list, its Comune filter, the task page, the scadenzario and the instances name the Comune', async () => {
    // given
    const { page } = await newPage(1280);
    await signIn(page, stack.url, 'comune');

    // when
    await page.goto(`${stack.url}/#/tasks`);
    const row = page.locator(`#tasks-table tr[data-task-key="${taskKey}"]`);
    await row.waitFor();

    // then
    expect(await row.locator('td').nth(3).textContent()).toBe('Monza (108033)');
    expect(await page.locator('#tf-comune option[value="108033"]').textContent()).toBe('Monza (108033)');

    await row.getByRole('link').click();
    await page.locator('#task-form .fjs-form').waitFor();
    expect(await page.locator('.task-facts').textContent()).toContain('Comune di Monza');
    expect(await page.locator('.task-facts').textContent()).not.toContain('comune-108033');

    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-table').waitFor();
    expect(await page.locator('#register-table tbody tr').first().locator('td').nth(3).textContent()).toBe('Monza (108033)');

    await page.goto(`${stack.url}/#/instances`);
    const instance = page.locator(`#instances-table tr[data-instance-key="${instanceKey}"]`);
    await instance.waitFor();
    expect(await instance.locator('td').nth(2).textContent()).toBe('Monza (108033)');
    expect(await page.locator(`#f-processDefinitionId option[value="${E2E_PROCESS_ID}"]`).textContent()).toBe('Procedimento disciplinare (prova)');
  });

  it('the header does not repeat a role the display name already says', async () => {
    const { page } = await newPage(1280);
    await signIn(page, stack.url, 'admin');
    expect(await page.locator('#app-header .who').textContent()).toBe('Amministratore');
  });
});

describe('the instance page', () => {
  it('the instance page gives a deadline’s last useful day, as the scadenzario does, not the instant it is missed', async () => {
    // given
    const { page } = await newPage(1280);
    await signIn(page, stack.url, 'comune');

    // when
    await page.goto(`${stack.url}/#/instances/${termInstanceKey}`);
    await page.locator('#deadlines li:not(.empty)').first().waitFor();

    // then
    const line = await page.locator('#deadlines li').first().textContent();
    expect(line).toContain('31/01/2030');
    expect(line).not.toContain('01/02/2030');
    expect(await page.locator('#instance-diagram .hr-deadline').first().getAttribute('title')).toContain('31/01/2030');
  });
});

describe('the page shell', () => {
  it('loads without console errors (no missing favicon)', async () => {
    // given
    const { page, consoleErrors } = await newPage(1280);

    // when
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Nome utente').waitFor();
    await page.waitForLoadState('networkidle');
    // Chromium asks for /favicon.ico after the load, unless the page names an icon
    await page.waitForEvent('console', { predicate: (m) => m.type() === 'error', timeout: 2000 }).catch(() => undefined);

    // then
    expect(consoleErrors).toEqual([]);
  });

  it('the skip link moves focus to the content and stays on the page, in the page language', async () => {
    // given
    const { page } = await newPage(1280, 'en');
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Username').fill('comune');
    await page.getByLabel('Password').fill('comune-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-out').waitFor();
    await page.goto(`${stack.url}/#/tasks`);
    await page.locator('#tasks-table').waitFor();

    // when
    const skip = page.locator('.skip-link');
    expect(await skip.textContent()).toBe('Skip to content');
    expect(await page.locator('#app-header nav').getAttribute('aria-label')).toBe('Main');
    await skip.focus();
    await page.keyboard.press('Enter');

    // then
    expect(new URL(page.url()).hash).toBe('#/tasks');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.locator('#tasks-table').waitFor();
  });

  it('the process list keeps its action buttons inside the table rows', async () => {
    const { page } = await newPage(1280);
    await signIn(page, stack.url, 'provincia');
    const cell = page.locator('[data-process-id] td.actions').first();
    await cell.waitFor();
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('table-cell');
  });
});
