import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { waitFor } from '../support/webStack.js';
import { contestazioneDeadline } from '../tasks/support/disciplinareE2eProcess.js';
import { deployFiles, formFile, processFile, produceTestDocument, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * The case page in Chromium, in Italian, at 1,440 px and 390 px: found from the Pratiche search, read
 * without engine keys, its diagram readable where the case is, its call activity opening the sub-case
 * and back; and the task page that links to its case and says what comes next.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let root: string;
let child: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function pageAt(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: width > 800 ? 1000 : 844 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

/** The PNG's own size (IHDR), so the test checks the picture it took, not the one it asked for. */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const png = fs.readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

/** Two steps of the UPD one after the other, without forms: after the first, the page points to the second. */
const TWO_STEPS_ID = 'procedimento-disciplinare-due-passi';
const twoSteps = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_due" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${TWO_STEPS_ID}" name="Procedimento disciplinare (due passi)" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Primo" name="Verifica il fascicolo"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="provincia-upd" /></bpmn:extensionElements><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="Task_Secondo" name="Firma la nota"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="provincia-upd" /></bpmn:extensionElements><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Primo" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Primo" targetRef="Task_Secondo" />
    <bpmn:sequenceFlow id="F3" sourceRef="Task_Secondo" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="${TWO_STEPS_ID}">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Task_Primo_di" bpmnElement="Task_Primo"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Task_Secondo_di" bpmnElement="Task_Secondo"><dc:Bounds x="400" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="562" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="340" y="120" /><di:waypoint x="400" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="500" y="120" /><di:waypoint x="562" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [
    formFile('disciplinare-notizia-fatto.form'),
    formFile('disciplinare-rimprovero-verbale.form'),
    formFile('disciplinare-contestazione.form'),
    formFile('disciplinare-consegna-alternativa.form'),
    processFile('procedimento-disciplinare-contestazione.bpmn'),
    processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn'),
    { name: 'due-passi.bpmn', content: twoSteps },
  ]);
  ({ processInstanceKey: root } = await stack.engine.createProcessInstance(
    'procedimento-disciplinare',
    { idProcedimento: 'UPD-2026-1', codiceIstat: '108033', matricolaDipendente: 'M-7', codiceFiscaleDipendente: 'RSSMRA80A01F704X', dataConoscenza: inDays(-3), gravita: 'upd', descrizioneFatto: 'Assenze ingiustificate dal 2 al 5 marzo.', ...contestazioneDeadline(new Date()) },
    { startElementIds: ['Call_Contestazione'] },
  ));
  child = await waitFor(async () => {
    const called = await stack.engine.searchProcessInstances({ parentProcessInstanceKey: root }, { from: 0, limit: 10 });
    const c = called.items.find((i) => i.parentProcessInstanceKey === root);
    return c && (await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey: c.processInstanceKey })).length > 0 ? c.processInstanceKey : undefined;
  }, 15_000, 'the contestazione sub-case');
  await produceTestDocument(stack, child, 'UPD-2026-1', 'atto-di-contestazione');
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the case page by case number', () => {
  it('at 1,440 px: found by the employee, read in Italian, diagram readable at the task, call activity opens the sub-case and back', async () => {
    // given
    const page = await pageAt(1440);
    await signIn(page, stack.url, 'provincia');

    // when: the Pratiche search by the employee's codice fiscale
    await page.getByRole('link', { name: 'Pratiche' }).click();
    await page.getByLabel('Cerca per numero, dipendente, candidato o Comune').fill('RSSMRA80');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await expect.poll(() => page.locator('#case-count').textContent()).toBe('1 pratica');
    expect(await page.locator('#case-list').textContent()).toContain('Dipendente: RSSMRA80A01F704X');
    await page.getByRole('link', { name: 'UPD-2026-1' }).click();

    // then
    await page.getByRole('heading', { name: 'Pratica UPD-2026-1', level: 1 }).waitFor();
    expect(page.url()).toContain('#/pratiche/UPD-2026-1');
    expect(await page.locator('#case-procedure').textContent()).toBe('Procedimento disciplinare (UPD associato)');
    expect(await page.locator('#case-phase').textContent()).toBe("Contestazione d'addebito › Redigi la contestazione d'addebito e la convocazione");
    expect(await page.locator('#case-summary').textContent()).toContain('Monza (108033)');
    const nextTask = page.locator('#case-next-steps li.next-step--task a');
    expect(await nextTask.textContent()).toBe("Attività «Redigi la contestazione d'addebito e la convocazione»");
    expect(await page.locator('#case-next-steps').textContent()).toContain('da prendere in carico: ');
    expect(await page.locator('#case-deadlines').textContent()).toContain('(perentorio)');
    expect(await page.locator('#case-documents').textContent()).toMatch(/atto-di-contestazione-\d+\.pdf.*[0-9a-f]{64}/);
    expect(await page.locator('#case-data').textContent()).toContain('Descrizione dei fatti');
    expect(await page.locator('#case-data').textContent()).toContain(inDays(-3).split('-').reverse().join('/'));
    // (the operators' «Interventi sul caso», for Provincia staff, names the variables it corrects)
    const text = await page.evaluate(() => [...document.querySelectorAll('main .view > *:not(#case-operations)')].map((e) => e.textContent).join(' '));
    expect(text.match(/.{0,60}([{}]|scadenze|\d{4}-\d{2}-\d{2}T).{0,60}/g) ?? []).toEqual([]);
    // and names them in words ("Scadenza contestazione"), never by their code
    const variableNames = page.locator('#case-operations form[data-op="variable"] select option');
    await expect.poll(() => variableNames.count()).toBeGreaterThan(0);
    const names = await variableNames.allTextContents();
    expect(names.filter((n) => /[a-z][A-Z]|_/.test(n))).toEqual([]);
    expect(names).toContain('Id procedimento');
    // the diagram is the contestazione, zoomed on the task at a readable scale
    const diagram = page.locator('#case-diagram');
    await expect.poll(() => diagram.getAttribute('data-focus')).toBe('Task_RedigiContestazione');
    expect(Number(await diagram.getAttribute('data-scale'))).toBeGreaterThanOrEqual(0.75);
    expect(await diagram.getAttribute('data-instance')).toBe(child);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const shot = pngSize(await screenshot(page, 'case-file-1440'));
    expect(shot.width).toBe(1440);
    expect(shot.bytes).toBeGreaterThan(30_000);

    // when: the whole procedure, then a click on the call activity the case is in
    await page.getByRole('button', { name: /^Procedimento completo/ }).click();
    await expect.poll(() => diagram.getAttribute('data-instance')).toBe(root);
    expect(await diagram.getAttribute('data-focus')).toBe('Call_Contestazione');
    expect(Number(await diagram.getAttribute('data-scale'))).toBeGreaterThanOrEqual(0.75);
    await page.locator('#case-diagram g.djs-element.djs-shape[data-element-id="Call_Contestazione"]').click();

    // then: the sub-case, with its way back
    await page.getByRole('heading', { name: "Pratica UPD-2026-1 – Contestazione d'addebito e convocazione", level: 1 }).waitFor();
    expect(page.url()).toContain(`istanza=${child}`);
    await page.locator('#case-parent').click();
    await page.getByRole('heading', { name: 'Pratica UPD-2026-1', level: 1 }).waitFor();
    expect(await page.locator('#case-subcases a').first().getAttribute('href')).toBe(`#/pratiche/UPD-2026-1?istanza=${child}`);
    expect(pageErrors).toEqual([]);
  });

  it('at 390 px: the same case without horizontal overflow', async () => {
    const page = await pageAt(390);
    await signIn(page, stack.url, 'comune');
    await page.goto(`${stack.url}/#/pratiche/UPD-2026-1`);
    await page.getByRole('heading', { name: 'Pratica UPD-2026-1', level: 1 }).waitFor();
    await expect.poll(() => page.locator('#case-diagram').getAttribute('data-focus')).toBe('Task_RedigiContestazione');
    expect(await page.locator('#case-next-steps').textContent()).toContain('Ufficio procedimenti disciplinari');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const shot = pngSize(await screenshot(page, 'case-file-390'));
    expect(shot.width).toBe(390);
    expect(shot.height).toBeGreaterThan(844);
    expect(pageErrors).toEqual([]);
  });

  it('another Comune’s user gets a clear “not found” for the number', async () => {
    const page = await pageAt(1440);
    await signIn(page, stack.url, 'lissone');
    await page.goto(`${stack.url}/#/pratiche/UPD-2026-1`);
    await expect.poll(() => page.locator('#case-error').textContent()).toBe('Pratica UPD-2026-1 non trovata tra quelle che puoi consultare.');
    expect(await page.locator('main').textContent()).not.toContain('RSSMRA80A01F704X');
  });

  it('the task page links to its case, and after completing it shows the same user’s next task', async () => {
    // given
    const { processInstanceKey } = await stack.engine.createProcessInstance(TWO_STEPS_ID, { idProcedimento: 'UPD-2026-9', codiceIstat: '108033' });
    const first = await waitFor(async () => (await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey }))[0], 10_000, 'the first task');
    const page = await pageAt(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/tasks/${first.userTaskKey}`);
    const caseLink = page.locator('#task-case a');
    expect(await caseLink.getAttribute('href')).toBe('#/pratiche/UPD-2026-9');

    // when
    await page.locator('#task-complete').click();

    // then
    const next = page.locator('#after-next-task a');
    await expect.poll(() => next.textContent(), { timeout: 15_000 }).toBe('Firma la nota');
    const second = (await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey }))[0];
    expect(await next.getAttribute('href')).toBe(`#/tasks/${second.userTaskKey}`);
    expect(await page.locator('#after-case').getAttribute('href')).toBe('#/pratiche/UPD-2026-9');
    await screenshot(page, 'task-what-comes-next');
    expect(pageErrors).toEqual([]);
  });

  it('says so on an open case page when the case moves on elsewhere, and shows the new state on request', async () => {
    // given: the case page open at its first step
    const { processInstanceKey } = await stack.engine.createProcessInstance(TWO_STEPS_ID, { idProcedimento: 'UPD-2026-10', codiceIstat: '108033' });
    const first = await waitFor(async () => (await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey }))[0], 10_000, 'the first task');
    const page = await pageAt(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/pratiche/UPD-2026-10`);
    await page.getByRole('heading', { name: 'Pratica UPD-2026-10', level: 1 }).waitFor();
    const notice = page.locator('#case-changed');
    expect(await page.locator('#case-next').textContent()).toContain('Verifica il fascicolo');
    await page.waitForTimeout(1_000); // several live rounds with nothing new: no notice
    expect(await notice.isVisible()).toBe(false);

    // when: the step is completed by another client, not on this page
    await stack.tasks.complete(first.userTaskKey, {});

    // then
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await notice.textContent()).toContain('La pratica è cambiata');
    expect(await page.locator('#case-next').textContent()).toContain('Verifica il fascicolo');
    await page.locator('#case-refresh').click();
    await expect.poll(() => page.locator('#case-next').textContent(), { timeout: 15_000 }).toContain('Firma la nota');
    expect(await page.locator('#case-changed').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('the old instance page by key still works and links to the case page', async () => {
    const page = await pageAt(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${root}`);
    await page.locator('#open-case').click();
    await page.getByRole('heading', { name: 'Pratica UPD-2026-1', level: 1 }).waitFor();
  });
});
