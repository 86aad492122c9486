import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { startWebStack, updTestProcess, type WebStack } from '../support/webStack.js';

const PROCESS_ID = 'procedimento-disciplinare-web';
let stack: WebStack;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** A diagram that breaks CI's rules: a service task with no job type and an unlabelled task. */
const brokenDiagram = updTestProcess('procedimento-disciplinare-rotto')
  .replace('<zeebe:taskDefinition type="web-test-registra" />', '')
  .replace('name="Scrivi la contestazione"', '');

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir, liveIntervalMs: 200 });
  browser = await launchChromium();
  // seed a broken draft through the API, as a designer would have saved it
  const designer = new WebClient(stack.url);
  await designer.signIn('designer', 'designer-demo');
  expect((await designer.post('/api/drafts/bozza-rotta', { xml: brokenDiagram })).status).toBe(201);
  expect((await designer.post('/api/drafts/procedimento-web', { xml: updTestProcess(PROCESS_ID) })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1000 } });
  const p = await context.newPage();
  p.on('pageerror', (e) => consoleErrors.push(String(e)));
  return p;
}

describe('designer in the browser', () => {
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, stack.url, 'designer');
  });

  it('sees lint problems on the shapes of a broken diagram, and cannot deploy it', async () => {
    // when
    await page.goto(`${stack.url}/#/modeler?draft=bozza-rotta`);
    await page.locator('#lint-problems li').first().waitFor();

    // then: the same rules as CI (camunda-compat + bpmnlint recommended) flag both tasks
    const problems = await page.locator('#lint-problems li').allTextContents();
    expect(problems.some((p) => p.includes('Task_Registra'))).toBe(true);
    expect(problems.some((p) => p.includes('Task_Contestazione'))).toBe(true);
    expect(await page.locator('#lint-problems li[data-element-id="Task_Contestazione"] .rule[data-rule="label-required"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.djs-overlays[data-container-id="Task_Registra"] .djs-overlay-linting').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Rilascia' }).click();
    await expect.poll(() => page.locator('#modeler-message').textContent()).toContain('Correggi gli errori');
    await screenshot(page, '01-designer-lint-problems');
  });

  it('opens a draft, changes a name, lints and deploys it', async () => {
    // given
    await page.goto(`${stack.url}/#/modeler?draft=procedimento-web`);
    await page.locator('.djs-element[data-element-id="Task_Contestazione"]').waitFor();

    // when: rename the task by direct editing on the canvas
    await page.locator('.djs-element[data-element-id="Task_Contestazione"]').dblclick();
    const editor = page.locator('.djs-direct-editing-parent');
    await editor.waitFor();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Redigi la contestazione');
    const box = (await page.locator('#modeler-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width - 40, box.y + box.height - 40);
    await editor.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Verifica' }).click();
    await expect.poll(() => page.locator('#modeler-message').textContent()).toContain('0 errori');
    await page.getByRole('button', { name: 'Salva bozza' }).click();
    await expect.poll(() => page.locator('#modeler-message').textContent()).toContain('versione 2');
    await page.getByRole('button', { name: 'Rilascia' }).click();

    // then
    await expect.poll(() => page.locator('#modeler-message').textContent(), { timeout: 10_000 }).toContain(`Rilasciato: ${PROCESS_ID} v1`);
    await screenshot(page, '02-designer-deployed');
    const defs = await stack.engine.searchProcessDefinitions({ processDefinitionId: PROCESS_ID });
    expect(defs).toHaveLength(1);
    expect(await stack.engine.getProcessDefinitionXml(defs[0].processDefinitionKey)).toContain('Redigi la contestazione');
  });
});

describe('Provincia and Comune staff see live status', () => {
  let definitionKey: string;
  let monzaKey: string;
  let lissoneKey: string;

  beforeAll(async () => {
    definitionKey = (await stack.engine.searchProcessDefinitions({ processDefinitionId: PROCESS_ID }))[0].processDefinitionKey;
    const start = async (codiceIstat: string) =>
      String(
        (
          await stack.zeebe.createProcessInstance({
            bpmnProcessId: PROCESS_ID,
            variables: { codiceIstat, idProcedimento: `UPD-${codiceIstat}`, scadenzaContestazione: '2030-01-31T23:59:59+01:00' },
          } as never)
        ).processInstanceKey,
      );
    monzaKey = await start('108033');
    lissoneKey = await start('108028');
    page = await newPage();
    await signIn(page, stack.url, 'provincia');
  });

  it('shows per-element badges, and the badge moves when a worker completes the job', async () => {
    // given
    await page.goto(`${stack.url}/#/processes/${definitionKey}`);
    const registraActive = page.locator('.hr-badge--active[data-element-id="Task_Registra"]');
    await expect.poll(() => registraActive.textContent(), { timeout: 10_000 }).toBe('2');
    await screenshot(page, '03-provincia-badges-before');

    // when
    const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'e2e', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    expect(jobs).toHaveLength(1);
    await stack.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });

    // then: no reload, the stream moves one token on
    await expect.poll(() => registraActive.textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => page.locator('.hr-badge--active[data-element-id="Task_Contestazione"]').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('.hr-badge--completed[data-element-id="Task_Registra"]').textContent()).toBe('1');
    await screenshot(page, '04-provincia-badges-after');
  });

  it('shows one instance: path taken, tokens, case data and the open deadline as a badge', async () => {
    // given: the instance whose job was completed above
    const moved = (await stack.engine.searchElementInstances(monzaKey)).some((e) => e.elementId === 'Task_Contestazione') ? monzaKey : lissoneKey;

    // when
    await page.goto(`${stack.url}/#/instances/${moved}`);

    // then
    await page.locator('.djs-element[data-element-id="Flow_2"].hr-taken').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await page.locator('.djs-element[data-element-id="Task_Contestazione"].hr-active').count()).toBe(1);
    const deadline = page.locator('.djs-overlays[data-container-id="Task_Contestazione"] .hr-deadline');
    await expect.poll(() => deadline.textContent()).toMatch(/scade tra \d+ g/);
    expect(await page.locator('#deadlines li').first().textContent()).toContain('31/01/2030');
    expect(await page.locator('#variables').textContent()).toContain('codiceIstat');
    expect(await page.locator('#tokens').textContent()).toContain('Task_Contestazione');
    await screenshot(page, '05-provincia-instance');
  });

  it("a Comune user cannot open another Comune's instance whatever the URL", async () => {
    const comune = await newPage();
    await signIn(comune, stack.url, 'comune');
    await comune.goto(`${stack.url}/#/instances/${lissoneKey}`);
    await expect.poll(() => comune.getByRole('alert').textContent()).toContain('Pagina non trovata');
    await comune.goto(`${stack.url}/#/instances`);
    await comune.locator('#instances-table').waitFor();
    const keys = await comune.locator('#instances-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-instance-key')));
    expect(keys).toEqual([monzaKey]);
    await screenshot(comune, '06-comune-instances');
  });

  it('switches to English', async () => {
    await page.goto(`${stack.url}/#/`);
    await page.getByRole('button', { name: 'Passa all’inglese' }).click();
    await page.getByRole('heading', { name: 'Deployed procedures' }).waitFor();
    await page.getByRole('button', { name: 'Switch to Italian' }).click();
    await page.getByRole('heading', { name: 'Procedimenti rilasciati' }).waitFor();
  });

  it('raised no script errors in the pages', () => {
    expect(consoleErrors).toEqual([]);
  });
});
