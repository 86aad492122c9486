import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { startWebStack, updTestProcess, waitFor, type WebStack } from '../support/webStack.js';

/** A Provincia officer retries an incident and cancels a case with a reason from the instance page, in Italian. */
let stack: WebStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const PROCESS = 'procedimento-disciplinare-web';
const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);

async function caseWithIncident(): Promise<{ pik: string; jobKey: string }> {
  const { processInstanceKey: pik } = await stack.zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: { codiceIstat: '108033', idProcedimento: `UPD-${Date.now()}`, scadenzaContestazione: '2026-06-30T00:00:00+02:00' } } as never);
  const job = await waitFor(async () => (await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 50, requestTimeout: -1 } as never)).find((j) => j.processInstanceKey === pik), 5000, 'job');
  await stack.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'protocollo informatico non raggiungibile' } as never);
  await waitFor(async () => (await stack.engine.searchIncidents(pik)).length > 0, 5000, 'incident');
  return { pik, jobKey: job.key };
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir, liveIntervalMs: 200 });
  await stack.zeebe.deployResource({ name: `${PROCESS}.bpmn`, process: Buffer.from(updTestProcess(PROCESS)) } as never);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.stop();
});

describe('case operations on the instance page (Chromium)', () => {
  it('retries and resolves an incident with a reason: the step runs again', async () => {
    // given
    const { pik, jobKey } = await caseWithIncident();
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${pik}`);
    const retry = page.locator('form[data-op="retry"]');
    await retry.waitFor();
    await expect(retry.getByRole('heading').textContent()).resolves.toContain('protocollo informatico non raggiungibile');
    // when
    await retry.getByLabel('Tentativi da concedere').fill('2');
    await retry.getByLabel('Motivo dell’intervento').fill('Protocollo di nuovo raggiungibile (ticket 881)');
    await retry.getByRole('button', { name: 'Riprova e risolvi' }).click();
    // then
    await page.getByText('Incidente risolto: il passo viene ritentato.').waitFor();
    await screenshot(page, 'instance-operations-retry');
    expect((await stack.engine.searchIncidents(pik)).filter((i) => i.state === 'ACTIVE')).toEqual([]);
    const again = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 50, requestTimeout: -1 } as never);
    expect(again.find((j) => j.key === jobKey)?.retries).toBe(2);
    const { items } = await searchAuditTrail(stack.db, { action: 'incident.resolve' });
    expect(items.map((e) => [e.actor.id, e.data.reason])).toContainEqual(['provincia', 'Protocollo di nuovo raggiungibile (ticket 881)']);
    expect(pageErrors).toEqual([]);
  });

  it('cancels a case only once a reason is written', async () => {
    // given
    const { pik } = await caseWithIncident();
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${pik}`);
    const cancel = page.locator('form[data-op="cancel"]');
    await cancel.waitFor();
    // when: no reason
    await cancel.getByRole('button', { name: 'Annulla il caso' }).click();
    // then: the browser keeps the form (the reason is required) and the case runs on
    expect(await cancel.getByLabel('Motivo dell’intervento').evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
    expect((await stack.engine.getProcessInstance(pik))?.state).toBe('ACTIVE');
    // when
    await cancel.getByLabel('Motivo dell’intervento').fill('Il Comune ha ritirato la segnalazione (nota prot. 4521)');
    await cancel.getByRole('button', { name: 'Annulla il caso' }).click();
    // then
    await page.getByText('Caso annullato.').waitFor();
    await waitFor(async () => (await stack.engine.getProcessInstance(pik))?.state === 'TERMINATED', 5000, 'termination');
    await page.getByText('Il caso è concluso: non si può più intervenire.').waitFor();
    await screenshot(page, 'instance-operations-cancelled');
    const { items } = await searchAuditTrail(stack.db, { action: 'instance.cancel', entityKey: pik });
    expect(items.map((e) => [e.actor.id, e.data.reason])).toEqual([['provincia', 'Il Comune ha ritirato la segnalazione (nota prot. 4521)']]);
    expect(pageErrors).toEqual([]);
  });

  it('shows no operations to a Comune user', async () => {
    // given
    const { pik } = await caseWithIncident();
    const page = await newPage();
    await signIn(page, stack.url, 'comune');
    // when
    await page.goto(`${stack.url}/#/instances/${pik}`);
    await page.locator('#incidents li').first().waitFor();
    // then
    expect(await page.locator('#case-operations').isHidden()).toBe(true);
    expect(await page.locator('form[data-op]').count()).toBe(0);
  });
});
