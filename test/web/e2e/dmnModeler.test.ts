import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { startWebStack, type WebStack } from '../support/webStack.js';

/**
 * Legal staff edit the competence table of the procedimento disciplinare with dmn-js in the web app
 * (1,440 px wide), in Italian where dmn-js translates, and deploy it to the engine from the page.
 */
const table = fs.readFileSync(new URL('../../../processes/disciplinare-competenza.dmn', import.meta.url), 'utf8');

let stack: WebStack;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir });
  browser = await launchChromium();
  const designer = new WebClient(stack.url);
  await designer.signIn('designer', 'designer-demo');
  expect((await designer.post('/api/drafts/disciplinare-competenza', { xml: table })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function designerPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.url, 'designer');
  return page;
}

describe('the DMN decision editor', () => {
  let page: Page;
  beforeAll(async () => {
    page = await designerPage();
    await page.goto(`${stack.url}/#/modeler/dmn?draft=disciplinare-competenza`);
    await page.reload();
    await page.locator('.tjs-table').waitFor();
  });

  it('opens the deployed table with its three rules, headed in Italian, within the page width', async () => {
    // when
    const rows = await page.locator('.tjs-table tbody tr').count();
    const clauses = (await page.locator('.tjs-table thead .clause').allTextContents()).map((s) => s.trim());
    const width = await page.evaluate(() => document.documentElement.scrollWidth);

    // then
    expect(rows).toBe(3);
    expect(clauses).toEqual(expect.arrayContaining(['Quando', 'E', 'Allora']));
    expect(await page.locator('.decision-table-name').textContent()).toContain('Chi è competente');
    expect(width).toBeLessThanOrEqual(1440);
    await screenshot(page, 'dmn-modeler-competenza-1440');
  });

  it('deploys an edited cell, and the engine then decides with it', async () => {
    // given: the Fonte of the rimprovero verbale rule rewritten
    const cell = page.locator('td[data-element-id="OutputEntry_RimproveroVerbale_Fonte"] .content-editable');
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('"art. 55-bis, comma 1, D.Lgs. 165/2001"');
    await page.locator('#diagram-id').click();

    // when
    await page.locator('#deploy').click();

    // then
    await expect.poll(() => page.locator('#modeler-message').textContent()).toMatch(/^Rilasciato: .*disciplinare-competenza v1/);
    const evaluated = await stack.zeebe.evaluateDecision({ decisionId: 'disciplinare-competenza', variables: { gravita: 'rimprovero-verbale', flagranza: false } });
    expect(JSON.parse(evaluated.decisionOutput)).toEqual({
      procedimento: 'rimprovero-verbale-ccnl', autorita: 'responsabile-struttura', fonte: 'art. 55-bis, comma 1, D.Lgs. 165/2001',
    });
  });

  it('refuses to deploy a broken table and says why in Italian', async () => {
    // given: an output entry that is not FEEL (an operator with no right operand)
    const cell = page.locator('td[data-element-id="OutputEntry_Upd_Autorita"] .content-editable');
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('"upd" +');
    await page.locator('#diagram-id').click();

    // when
    await page.locator('#deploy').click();

    // then
    await expect.poll(() => page.locator('#modeler-message').textContent()).toMatch(/^Il motore ha rifiutato il rilascio: /);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
