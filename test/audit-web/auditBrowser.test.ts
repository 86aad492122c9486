import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/audit/auditActions.js';
import { searchAuditTrail } from '../../src/audit/index.js';
import { waitFor } from '../support/engineHarness.js';
import { followNavLink, launchChromium, screenshot, signIn } from '../web/support/browser.js';
import { ensureClientBuild } from '../web/support/clientBuild.js';
import { WebClient } from '../web/support/webClient.js';
import { AUDIT_PROCESS_ID, auditTestProcess, CALLED_PROCESS_ID, calledProcess, CALLER_PROCESS_ID, callerProcess } from './support/auditProcess.js';
import { startAuditStack, type AuditStack } from './support/auditStack.js';

let stack: AuditStack;
let browser: Browser;
let page: Page;
let monza: string;
let lissone: string;
let caller: string;
let called: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startAuditStack({ staticDir });
  await stack.engine.deploy([
    { name: `${AUDIT_PROCESS_ID}.bpmn`, content: Buffer.from(auditTestProcess()) },
    { name: `${CALLED_PROCESS_ID}.bpmn`, content: Buffer.from(calledProcess()) },
    { name: `${CALLER_PROCESS_ID}.bpmn`, content: Buffer.from(callerProcess()) },
  ]);
  const start = async (codiceIstat: string) =>
    String((await stack.zeebe.createProcessInstance({ bpmnProcessId: AUDIT_PROCESS_ID, variables: { codiceIstat, idProcedimento: `UPD-${codiceIstat}`, protocolloOk: true } } as never)).processInstanceKey);
  monza = await start('108033');
  lissone = await start('108028');
  caller = String((await stack.zeebe.createProcessInstance({ bpmnProcessId: CALLER_PROCESS_ID, variables: { codiceIstat: '108033', idProcedimento: 'UPD-CHIAMANTE' } } as never)).processInstanceKey);
  called = await waitFor(async () => (await stack.engine.searchProcessInstances({ processDefinitionId: CALLED_PROCESS_ID }, { from: 0, limit: 1 })).items[0]?.processInstanceKey, 15_000, 'called instance');
  // the UPD officer completes the contestazione through the app
  const upd = new WebClient(stack.url);
  await upd.signIn('provincia', 'provincia-demo');
  const taskKey = await waitFor(async () => {
    const res = await upd.get('/api/tasks');
    return (res.body.items ?? []).find((t: { processInstanceKey: string }) => t.processInstanceKey === monza)?.userTaskKey as string | undefined;
  }, 15_000, 'task');
  expect((await upd.post(`/api/tasks/${taskKey}/complete`, { variables: { testoContestazione: 'Assenza ingiustificata' } })).status).toBe(200);
  await waitFor(async () => (await stack.engine.getProcessInstance(monza))?.state === 'COMPLETED', 15_000, 'instance completed');
  await stack.follower.pollOnce();
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.url, 'auditor');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('auditor in the browser', () => {
  it("opens an instance's timeline beside the diagram and sees the chain verified", async () => {
    // when
    await followNavLink(page, 'Registro di audit');
    await page.locator('#audit-results').waitFor();
    await page.locator(`#audit-results a[href="#/audit/instances/${monza}"]`).first().click();

    // then
    // The search page had its own banner: wait for the instance page's, then for its verdict.
    await page.locator('#audit-timeline').waitFor();
    await page.waitForFunction(() => document.querySelector('#chain-status')?.getAttribute('data-status') !== 'checking');
    expect(await page.locator('#chain-status').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('#chain-status').textContent()).toContain('Catena verificata');
    const completion = page.locator('#audit-timeline li[data-action="task.complete"]');
    await completion.waitFor();
    expect(await completion.textContent()).toContain('provincia');
    // actions in words, the recorded code small beside them
    expect(await completion.locator('.audit-action-label').textContent()).toBe('Attività completata');
    expect(await completion.locator('.audit-action-code').textContent()).toBe('task.complete');
    expect(await page.locator('#audit-timeline li[data-action="deadline.met"] .audit-action-label').textContent()).toBe('Termine rispettato');
    await page.locator('#audit-timeline li[data-element-id="Task_Contestazione"]').first().waitFor();
    await expect.poll(() => page.locator('#audit-diagram .djs-element.hr-taken').count()).toBeGreaterThan(3);
    await completion.locator('summary').click();
    expect(await completion.locator('pre').textContent()).toContain('Assenza ingiustificata');
    await screenshot(page, 'audit-01-instance-timeline');
  });

  it("downloads the instance's trail as CSV", async () => {
    // when
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);

    // then
    expect(download.suggestedFilename()).toBe(`audit-${monza}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toContain('N. voce;Data e ora (Europe/Rome);Istante UTC (ISO 8601);Tipo attore;Attore');
    expect(csv).toContain('task.complete');
    expect(csv).toContain(monza);
  });

  it('offers the actions in words in the filter and names them so in the results, codes kept as values', async () => {
    // given
    await page.goto(`${stack.url}/#/audit`);
    const filter = page.locator('#a-action');
    await filter.waitFor();
    const options = await filter.locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    expect(options.slice(1).map(([value]) => value)).toEqual([...AUDIT_ACTIONS]);
    for (const [value, text] of options.slice(1)) expect(text, value).not.toMatch(/^$|^[a-z-]+\.[a-z-]+$/);
    expect(options).toContainEqual(['deadline.missed', 'Termine scaduto']);
    expect(options).toContainEqual(['case.read', 'Fascicolo consultato']);

    // when
    await filter.selectOption({ label: 'Termine rispettato' });
    await page.getByRole('button', { name: 'Cerca' }).click();

    // then
    await page.waitForURL(/action=deadline\.met/);
    const rows = page.locator('#audit-results tbody tr');
    await expect.poll(async () => [...new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))]).toEqual(['deadline.met']);
    const action = rows.first().locator('.audit-action');
    expect(await action.locator('.audit-action-label').textContent()).toBe('Termine rispettato');
    expect(await action.locator('.audit-action-code').textContent()).toBe('deadline.met');
    expect(await action.getAttribute('title')).toBe('deadline.met');
    await screenshot(page, 'audit-02-search-labelled-actions');
  });

  it('names the actions in English when the auditor switches language', async () => {
    // given
    await page.goto(`${stack.url}/#/audit?action=deadline.met`);
    await page.locator('#audit-results').waitFor();

    // when
    await page.locator('#language').click();

    // then
    await expect.poll(() => page.locator('#audit-results tbody tr .audit-action-label').first().textContent()).toBe('Deadline met');
    expect(await page.locator('#a-action option[value="deadline.missed"]').textContent()).toBe('Deadline missed');
    expect(await page.locator('#a-action option[value="task.claim"]').textContent()).toBe('Task claimed');
    await page.locator('#language').click();
    await expect.poll(() => page.locator('#audit-results tbody tr .audit-action-label').first().textContent()).toBe('Termine rispettato');
  });

  it("links a case's called instances to their own trail", async () => {
    // given
    await page.goto(`${stack.url}/#/audit/instances/${caller}`);
    const link = page.locator(`#audit-called a[href="#/audit/instances/${called}"]`);
    await link.waitFor();
    expect(await link.textContent()).toBe(called);

    await screenshot(page, 'audit-03-called-instances');

    // when
    await link.click();

    // then
    await expect.poll(() => page.locator('h1').textContent()).toContain(called);
    await page.locator('#audit-timeline').waitFor();
    expect(await page.locator('.summary').first().textContent()).toContain('Fase chiamata (audit)');
    expect(await page.locator('#audit-called').count()).toBe(0);
  });

  it('records one read when the auditor opens the case page, not one per call the page makes', async () => {
    // given: a running case (its page also asks which messages it may send)
    const open = String((await stack.zeebe.createProcessInstance({ bpmnProcessId: AUDIT_PROCESS_ID, variables: { codiceIstat: '108033', idProcedimento: 'UPD-LETTURA', protocolloOk: true } } as never)).processInstanceKey);
    const reads = async () => (await searchAuditTrail(stack.db, { action: 'case.read', actorId: 'auditor', entityKey: open }, { limit: 100 })).items;

    // when: the case page opens (status, live stream, the messages it may send)
    const messages = page.waitForResponse((r) => r.url().includes(`/api/instances/${open}/messages`));
    const live = page.waitForRequest((r) => r.url().includes(`/api/instances/${open}/live`));
    await page.goto(`${stack.url}/#/instances/${open}`);
    await Promise.all([messages, live]);
    await page.locator('#instance-diagram[data-updated-at]').waitFor();

    // then
    const after = await reads();
    expect(after).toHaveLength(1);
    expect(after[0].data).toMatchObject({ view: 'status', pageView: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it("does not show another Comune's instance", async () => {
    await page.goto(`${stack.url}/#/audit/instances/${lissone}`);
    await expect.poll(() => page.locator('.message--error').first().textContent()).toContain('Pagina non trovata');
    expect(pageErrors).toEqual([]);
  });
});
