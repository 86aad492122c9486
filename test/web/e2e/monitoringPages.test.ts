import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { followNavLink, launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { startWebStack, updTestProcess, type WebStack } from '../support/webStack.js';
import { bucketOf } from '../../../web/server/monitoring/durationBuckets.js';
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
  // sixty Monza protocol registrations of 1 day (every other one numbered), for a list of more than one page
  const steps = Array.from({ length: 60 }, (_, i) => ({ element_instance_key: String(1000 + i), process_instance_key: String(2000 + i), process_id: 'procedimento-disciplinare', element_id: 'Task_Registra', comune: '108033', month: '2026-03', duration_ms: 86_400_000 + i * 1000 }));
  await stack.db.knex('monitoring_steps').insert(steps);
  await stack.db.knex('monitoring_cases').insert(steps.map((st, i) => ({ process_instance_key: st.process_instance_key, process_id: 'procedimento-disciplinare', comune: '108033', case_number: i % 2 === 0 ? `REG-${i}` : null, started_at: '2026-03-01T08:00:00.000Z', opened_month: '2026-03' })));
  await stack.db.knex('monitoring_duration_buckets').insert({ process_id: 'procedimento-disciplinare', element_id: 'Task_Registra', comune: '108033', month: '2026-03', bucket: bucketOf(86_400_000), count: 60 });
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
        ['2026-03', 'procedimento-disciplinare', expect.stringContaining('Monza'), '4', '2'],
        ['2026-04', 'procedimento-disciplinare', expect.stringContaining('Monza'), '0', '1'],
      ]);
      const deadlines = await rowsOf(page, 'deadlines');
      expect(deadlines).toEqual([
        ['procedimento-disciplinare', expect.stringContaining('Desio'), 'Task_Contestazione', 'ordinatorio', '0', '1'],
        ['procedimento-disciplinare', expect.stringContaining('Monza'), 'Task_Contestazione', 'perentorio', '1', '1'],
      ]);
      expect(await page.locator('section[data-figure="volumes"] .mon-chart').getAttribute('aria-label')).toContain('Pratiche aperte e chiuse per mese');
      expect(await page.locator('.hr-heat[data-element-id="Task_Contestazione"]').textContent()).toMatch(/^p90 \d+(,\d)? gg$/);
      // completed steps and the step in progress told apart, on the page and on the diagram
      expect(await page.locator('section[data-figure="durations"] .mon-note').first().textContent()).toContain('anche delle pratiche ancora aperte');
      expect(await page.locator('section[data-figure="durations"] .mon-note').nth(1).textContent()).toContain('Sotto, bordato: quante pratiche vi sono ferme ora');
      expect(await rowsOf(page, 'in-progress')).toEqual([['procedimento-disciplinare', 'Task_Contestazione', '1', expect.stringMatching(/^\d+(,\d)?$/), '1']]);
      expect(await page.locator('.hr-ageing[data-element-id="Task_Contestazione"]').textContent()).toMatch(/^in corso 1 · \d+(,\d)? gg$/);
      expect(await page.locator('.hr-ageing[data-element-id="Task_Contestazione"]').getAttribute('aria-label')).toMatch(/^In corso: 1, la più vecchia attende da \d+(,\d)? giorni$/);
      expect(await page.getByRole('link', { name: 'Scarica CSV' }).count()).toBe(8);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `monitoraggio-${width}`);
      expect(errors).toEqual([]);
    }, 60_000);
  }

  it('opens the cases behind a number, linked to their Pratiche page by number (the instance page when a case has none)', async () => {
    // given
    const { page } = await newPage(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/monitoraggio`);
    await page.locator('section[data-figure="deadlines"] tbody tr').first().waitFor();
    const links = () => page.locator('#mon-cases tbody tr a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    // when: the missed perentorio term of Monza (case 3, numbered), then the missed ordinatorio one of Desio (case 4, no number)
    await page.locator('section[data-figure="deadlines"] tbody tr').nth(1).locator('td').nth(5).getByRole('button').click();
    await page.locator('#mon-cases-total', { hasText: '1 pratiche' }).waitFor();
    const numbered = await links();
    await page.locator('section[data-figure="deadlines"] tbody tr').nth(0).locator('td').nth(5).getByRole('button').click();
    await page.locator('#mon-cases tbody tr a[href="#/instances/4"]').waitFor();
    const unnumbered = await links();
    // then
    expect(numbered).toEqual([['UPD-2026-003', '#/pratiche/UPD-2026-003?istanza=3']]);
    expect(unnumbered).toEqual([['istanza 4 (senza numero)', '#/instances/4']]);
  }, 60_000);

  for (const width of [1440, 390]) {
    it(`pages a long list behind a number with its total, nothing left out, at ${width} px`, async () => {
      // given
      const { page, errors } = await newPage(width);
      await signIn(page, stack.url, 'provincia');
      await page.goto(`${stack.url}/#/monitoraggio?processId=procedimento-disciplinare`);
      const row = page.locator('section[data-figure="durations"] tbody tr', { hasText: 'Task_Registra' });
      // when: the sixty registrations behind the step
      await row.getByRole('button', { name: '60' }).click();
      await page.locator('#mon-cases-total').waitFor();
      const first = { total: await page.locator('#mon-cases-total').textContent(), rows: await page.locator('#mon-cases tbody tr').count() };
      const firstOverflow = await horizontalOverflow(page);
      await page.getByRole('button', { name: 'Pagina successiva' }).click();
      await page.locator('#mon-cases-total', { hasText: 'pagina 2 di 2' }).waitFor();
      const second = { rows: await page.locator('#mon-cases tbody tr').count(), next: await page.getByRole('button', { name: 'Pagina successiva' }).isDisabled() };
      const hrefs = await page.locator('#mon-cases tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      // then: 50 + 10, the longest first (page 2: the ten shortest, 9 down to 0); even ones numbered (REG-n), odd ones open their instance
      expect(first).toEqual({ total: '60 pratiche · pagina 1 di 2', rows: 50 });
      expect(second).toEqual({ rows: 10, next: true });
      expect(hrefs.slice(0, 2)).toEqual(['#/instances/2009', '#/pratiche/REG-8?istanza=2008']);
      expect(firstOverflow).toBeLessThanOrEqual(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    }, 60_000);

    it(`lets a manager edit and delete a KPI target from the page at ${width} px`, async () => {
      // given
      const { page, errors } = await newPage(width);
      await signIn(page, stack.url, 'provincia');
      await page.goto(`${stack.url}/#/monitoraggio`);
      const form = page.locator('#mon-target-form');
      expect(await form.getByRole('button', { name: 'Annulla' }).isVisible()).toBe(false);
      const name = `Contestazione entro 20 giorni (${width})`;
      await form.getByLabel('Nome').fill(name);
      await form.getByLabel('Procedimento (id BPMN)').fill('procedimento-disciplinare');
      await form.getByLabel('Fase (id BPMN, vuoto = intero procedimento)').fill('Task_Contestazione');
      await form.getByLabel('Entro giorni').fill('20');
      await form.getByLabel('Nel % dei casi').fill('90');
      await form.getByRole('button', { name: 'Salva obiettivo' }).click();
      const targetRow = (n: string) => page.locator('section[data-figure="targets"] tbody tr', { hasText: n });
      await targetRow(name).waitFor();
      // when: edited to 30 days in 75% of cases, renamed
      await page.getByRole('button', { name: `Modifica l’obiettivo «${name}»` }).click();
      expect(await form.getByRole('heading').textContent()).toBe(`Modifica dell’obiettivo «${name}»`);
      expect(await form.getByLabel('Entro giorni').inputValue()).toBe('20');
      expect(await form.getByRole('button', { name: 'Annulla' }).isVisible()).toBe(true);
      const renamed = `Contestazione entro 30 giorni (${width})`;
      await form.getByLabel('Nome').fill(renamed);
      await form.getByLabel('Entro giorni').fill('30');
      await form.getByLabel('Nel % dei casi').fill('75');
      await form.getByRole('button', { name: 'Salva le modifiche' }).click();
      await targetRow(renamed).waitFor();
      const edited = (await rowsOf(page, 'targets')).find((r) => r[0] === renamed)!;
      const overflow = await horizontalOverflow(page);
      // and deleted
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: `Elimina l’obiettivo «${renamed}»` }).click();
      await targetRow(renamed).waitFor({ state: 'detached' });
      // then: 4 of the 4 contestazioni within 30 days, 100% against 75% expected; the row is gone
      expect(edited.slice(0, 4)).toEqual([renamed, '100', '75', 'raggiunto']);
      expect(await targetRow(name).count()).toBe(0);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    }, 60_000);
  }

  it('shows a Comune user the figures of their own Comune only', async () => {
    // given
    const { page } = await newPage(390);
    await stack.db.knex('monitoring_kpi_targets').insert({ name: 'Obiettivo del Comune', process_id: 'procedimento-disciplinare', element_id: '', max_days: 30, target_percent: 80, created_by: 'provincia', created_at: new Date().toISOString() });
    await signIn(page, stack.url, 'comune');
    // when
    await followNavLink(page, 'Monitoraggio');
    await page.locator('section[data-figure="deadlines"] tbody tr').first().waitFor();
    // then
    const comuni = (await rowsOf(page, 'volumes')).map((r) => r[2]);
    expect(comuni.length).toBe(2);
    expect(comuni.every((c) => c.includes('Monza'))).toBe(true);
    expect((await rowsOf(page, 'deadlines')).map((r) => r[1]).every((c) => c.includes('Monza'))).toBe(true);
    expect(await page.locator('section[data-figure="targets"] tbody tr', { hasText: 'Obiettivo del Comune' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^(Modifica|Elimina) l’obiettivo/ }).count()).toBe(0);
    expect(await page.locator('#mon-target-form').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  }, 60_000);
});
