import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { startWebStack, type WebStack } from '../support/webStack.js';

/**
 * The modeler's properties panel and lint messages in the page's language: Italian designers get
 * Italian group headers, field labels and lint texts; English keeps the libraries' own English.
 */
const diagram = fs.readFileSync(new URL('./modelerItalian.bpmn', import.meta.url), 'utf8');
/** the same diagram with a service task that has no job type and a call activity with no name */
const brokenDiagram = diagram.replace('<zeebe:taskDefinition type="registra" retries="3" />', '').replace(' name="Irroga la sanzione"', '');

let stack: WebStack;
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir });
  browser = await launchChromium();
  const designer = new WebClient(stack.url);
  await designer.signIn('designer', 'designer-demo');
  expect((await designer.post('/api/drafts/modeler-italiano', { xml: diagram })).status).toBe(201);
  expect((await designer.post('/api/drafts/modeler-italiano-rotto', { xml: brokenDiagram })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function designerPage(lang: 'it' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await signIn(page, stack.url, 'designer');
  if (lang === 'en') await page.evaluate(() => localStorage.setItem('hr.lang', 'en'));
  return page;
}

async function openDraft(page: Page, draft: string): Promise<void> {
  await page.goto(`${stack.url}/#/modeler?draft=${draft}`);
  await page.reload();
  await page.locator('.djs-element[data-element-id="Task_Registra"]').waitFor();
}

interface PanelTexts {
  type: string;
  groups: string[];
  labels: string[];
  buttons: string[];
}

/** selects an element on the canvas and reads what the properties panel shows for it */
async function select(page: Page, elementId: string, name: string): Promise<PanelTexts> {
  const element = page.locator(`.djs-element[data-element-id="${elementId}"]`);
  if (elementId.startsWith('Flow_')) {
    // a connection: click on its first (vertical) segment, not the middle of its bounding box
    const box = (await element.boundingBox())!;
    await element.click({ position: { x: 7, y: box.height * 0.4 }, force: true });
  } else {
    await element.click({ force: true });
  }
  await expect.poll(() => page.locator('.bio-properties-panel-header-label').textContent()).toBe(name);
  const texts = (selector: string) => page.locator(`#properties-panel ${selector}`).allTextContents();
  return {
    type: (await page.locator('.bio-properties-panel-header-type').textContent()) ?? '',
    groups: (await texts('.bio-properties-panel-group-header-title')).map((t) => t.trim()),
    labels: (await texts('.bio-properties-panel-label')).map((t) => t.trim()),
    buttons: (await texts('.bio-properties-panel-group-header-buttons button')).map((t) => t.trim()).filter(Boolean),
  };
}

describe('the modeler in Italian', () => {
  let page: Page;
  beforeAll(async () => {
    page = await designerPage('it');
    await openDraft(page, 'modeler-italiano');
  });

  it('names the groups and fields of a service task in Italian', async () => {
    // when
    const panel = await select(page, 'Task_Registra', 'Registra la notizia');

    // then
    expect(panel.type).toBe('Service task');
    expect(panel.groups).toEqual(expect.arrayContaining(['Generale', 'Documentazione', 'Task definition', 'Priorità del job', 'Mappatura degli input', 'Mappatura degli output', 'Header', 'Execution listener', 'Proprietà di estensione']));
    expect(panel.labels).toEqual(expect.arrayContaining(['Nome', 'ID', 'Documentazione dell’elemento', 'Tipo di job', 'Tentativi']));
    expect(panel.buttons).toContain('Crea');
    expect(panel.groups).not.toContain('General');
    expect(await page.locator('#properties-panel').getAttribute('aria-label')).toBe('Proprietà');
    await screenshot(page, 'modeler-it-service-task');
  });

  it('names user task, multi-instance, timer, message, gateway, flow and call activity fields in Italian', async () => {
    // when
    const userTask = await select(page, 'Task_Contestazione', 'Scrivi la contestazione');
    const timer = await select(page, 'Timer_Termine', 'Termine scaduto');
    const message = await select(page, 'Message_Attesa', 'Controdeduzioni ricevute');
    const gateway = await select(page, 'Gateway_Esito', 'Esito?');
    const flow = await select(page, 'Flow_Archivia', 'archiviazione');
    const call = await select(page, 'Call_Sanzione', 'Irroga la sanzione');
    const process = await select(page, 'Start', 'Notizia del fatto');

    // then
    expect(userTask.type).toBe('User task');
    expect(userTask.groups).toEqual(expect.arrayContaining(['Generale', 'Implementazione', 'Assegnazione', 'Form', 'Multi-istanza', 'Mappatura degli input', 'Mappatura degli output', 'Task listener']));
    expect(userTask.labels).toEqual(expect.arrayContaining(['Assegnatario', 'Gruppi candidati', 'Utenti candidati', 'Collezione di input', 'Elemento di input', 'Condizione di completamento']));
    expect(timer.type).toBe('Evento di bordo timer');
    expect(timer.groups).toEqual(expect.arrayContaining(['Generale', 'Timer', 'Mappatura degli output']));
    expect(message.type).toBe('Evento intermedio di attesa messaggio');
    expect(message.groups).toEqual(expect.arrayContaining(['Messaggio']));
    expect(message.labels).toEqual(expect.arrayContaining(['Messaggio globale di riferimento', 'Nome', 'Chiave di correlazione della sottoscrizione']));
    expect(gateway.type).toBe('Gateway esclusivo');
    expect(flow.type).toBe('Flusso di sequenza');
    expect(flow.groups).toEqual(expect.arrayContaining(['Condizione']));
    expect(flow.labels).toEqual(expect.arrayContaining(['Espressione della condizione']));
    expect(call.type).toBe('Call activity');
    expect(call.groups).toEqual(expect.arrayContaining(['Elemento chiamato', 'Propagazione degli input', 'Propagazione degli output']));
    expect(call.labels).toEqual(expect.arrayContaining(['ID del processo', 'Propaga tutte le variabili del processo figlio']));
    expect(process.type).toBe('Evento di inizio');
    await screenshot(page, 'modeler-it-call-activity');
  });

  it('gives lint problems in Italian', async () => {
    // when
    await openDraft(page, 'modeler-italiano-rotto');
    await page.locator('#lint-problems li').first().waitFor();

    // then
    const problems = await page.locator('#lint-problems li').allTextContents();
    expect(problems).toEqual(
      expect.arrayContaining([
        'Task_Registra: «Service task» deve definire «Tipo di job» (errore)',
        'Call_Sanzione: Manca l’etichetta (nome) dell’elemento (errore)',
        'Task_Contestazione: «User task» dovrebbe definire «Form» (avviso)',
      ]),
    );
    // the rule's id stays at hand, as the tooltip of the category
    expect(await page.locator('#lint-problems li[data-element-id="Task_Registra"] .rule').getAttribute('title')).toBe('Regola di verifica: camunda-compat/implementation');
    await screenshot(page, 'modeler-it-lint');
  });
});

describe('the modeler in English', () => {
  let page: Page;
  beforeAll(async () => {
    page = await designerPage('en');
  });

  it('keeps the libraries’ English labels and lint messages', async () => {
    // given
    await openDraft(page, 'modeler-italiano');

    // when
    const service = await select(page, 'Task_Registra', 'Registra la notizia');
    const timer = await select(page, 'Timer_Termine', 'Termine scaduto');

    // then
    expect(service.type).toBe('Service Task');
    expect(service.groups).toEqual(expect.arrayContaining(['General', 'Documentation', 'Task definition', 'Job priority', 'Input mapping', 'Output mapping', 'Headers']));
    expect(service.labels).toEqual(expect.arrayContaining(['Name', 'ID', 'Job type', 'Retries']));
    expect(service.buttons).toContain('Create');
    expect(timer.type).toBe('Timer Boundary Event');
    expect(await page.locator('#properties-panel').getAttribute('aria-label')).toBe('Properties');

    // when
    await openDraft(page, 'modeler-italiano-rotto');
    await page.locator('#lint-problems li').first().waitFor();

    // then
    const problems = await page.locator('#lint-problems li').allTextContents();
    expect(problems).toEqual(
      expect.arrayContaining([
        'Task_Registra: A <Service Task> must have a <Task definition type> (error)',
        'Call_Sanzione: Element is missing label/name (error)',
      ]),
    );
  });

  it('raised no script errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
