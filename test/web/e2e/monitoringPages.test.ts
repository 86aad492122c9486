import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { followNavLink, launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { startWebStack, updTestProcess, type WebStack } from '../support/webStack.js';
import { seedMonitoringRows } from '../monitoring/support/seedMonitoringRows.js';

/** The Monitoraggio pages (issue #19) in Italian, on a desktop and on a phone. */
let stack: WebStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, errors };
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const rowsOf = (page: Page, figure: string) => page.locator(`section[data-figure="${figure}"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir });
  await seedComuni(stack.db.knex);
  await seedMonitoringRows(stack.db.knex);
  await stack.zeebe.deployResource({ name: 'procedimento-disciplinare.bpmn', process: Buffer.from(updTestProcess('procedimento-disciplinare')) } as never);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the Monitoraggio pages', () => {
  for (const width of [1440, 390]) {
    it(`shows a Provincia manager every figure as a chart and a table, in Italian, without sideways scrolling at ${width} px`, async () => {
      // given
      const { page, errors } = await newPage(width);
      await signIn(page, stack.url, 'provincia');
      // when
      await page.goto(`${stack.url}/#/monitoraggio?processId=procedimento-disciplinare`);
      await page.getByRole('heading', { level: 1, name: 'Monitoraggio dei servizi' }).waitFor();
      await page.locator('.hr-heat[data-element-id="Task_Contestazione"]').waitFor();
      await page.locator('section[data-figure="volumes"] .mon-chart svg').waitFor();
      // then: the tables hold the figures, the charts are described for screen readers, the heatmap sits on the step
      expect(await rowsOf(page, 'volumes')).toEqual([
        ['2026-03', 'procedimento-disciplinare', expect.stringContaining('Desio'), '1', '1'],
        ['2026-03', 'procedimento-disciplinare', expect.stringContaining('Monza'), '3', '2'],
        ['2026-04', 'procedimento-disciplinare', expect.stringContaining('Monza'), '0', '1'],
      ]);
      const deadlines = await rowsOf(page, 'deadlines');
      expect(deadlines).toEqual([
        ['procedimento-disciplinare', expect.stringContaining('Desio'), 'Task_Contestazione', 'ordinatorio', '0', '1'],
        ['procedimento-disciplinare', expect.stringContaining('Monza'), 'Task_Contestazione', 'perentorio', '1', '1'],
      ]);
      expect(await page.locator('section[data-figure="volumes"] .mon-chart').getAttribute('aria-label')).toContain('Pratiche aperte e chiuse per mese');
      expect(await page.locator('.hr-heat[data-element-id="Task_Contestazione"]').textContent()).toMatch(/^p90 \d+(,\d)? gg$/);
      expect(await page.getByRole('link', { name: 'Scarica CSV' }).count()).toBe(7);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `monitoraggio-${width}`);
      expect(errors).toEqual([]);
    }, 60_000);
  }

  it('opens the cases behind a number, linked to their instance page', async () => {
    // given
    const { page } = await newPage(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/monitoraggio`);
    await page.locator('section[data-figure="deadlines"] tbody tr').first().waitFor();
    // when: the missed perentorio term of Monza
    await page.locator('section[data-figure="deadlines"] tbody tr').nth(1).locator('td').nth(5).getByRole('button').click();
    await page.locator('#mon-cases tbody tr').first().waitFor();
    // then
    expect(await page.locator('#mon-cases tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#/instances/3']);
  }, 60_000);

  it('shows a Comune user the figures of their own Comune only', async () => {
    // given
    const { page } = await newPage(390);
    await signIn(page, stack.url, 'comune');
    // when
    await followNavLink(page, 'Monitoraggio');
    await page.locator('section[data-figure="deadlines"] tbody tr').first().waitFor();
    // then
    const comuni = (await rowsOf(page, 'volumes')).map((r) => r[2]);
    expect(comuni.length).toBe(2);
    expect(comuni.every((c) => c.includes('Monza'))).toBe(true);
    expect((await rowsOf(page, 'deadlines')).map((r) => r[1]).every((c) => c.includes('Monza'))).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  }, 60_000);
});
