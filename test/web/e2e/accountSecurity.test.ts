import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../../src/db/index.js';
import { launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { startWebStack, type WebStack } from '../support/webStack.js';

/** From the browser: changing one's password on «Profilo» signs out the other devices; a locked sign-in says why. */
let stack: WebStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);
const sessionUser = (page: Page) => page.evaluate(async () => ((await (await fetch('/api/session')).json()) as { user: { username: string } | null }).user);

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startWebStack({ staticDir });
  browser = await launchChromium();
  const users = new UserStore(stack.db.knex);
  await users.create({ username: 'desio', displayName: 'Comune di Desio', password: 'desio-password-1', roles: ['comune'], comuniIstat: ['108023'] });
  await users.create({ username: 'seregno', displayName: 'Comune di Seregno', password: 'seregno-password-1', roles: ['comune'], comuniIstat: ['108039'] });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('«Cambia la password» on the profile page', () => {
  it('changes the password and ends the session on the other device, keeping this one', async () => {
    // given: the same user on two devices
    const laptop = await newPage();
    const phone = await newPage();
    await signIn(laptop, stack.url, 'desio', 'desio-password-1');
    await signIn(phone, stack.url, 'desio', 'desio-password-1');
    await laptop.goto(`${stack.url}/#/profile`);

    // when
    const form = laptop.getByRole('form', { name: 'Cambia la password' });
    await form.getByLabel('Password attuale').fill('desio-password-1');
    await form.getByLabel('Nuova password (almeno 10 caratteri)').fill('desio-password-2');
    await form.getByLabel('Ripeti la nuova password').fill('desio-password-2');
    await form.getByRole('button', { name: 'Cambia password' }).click();

    // then
    await expect.poll(() => laptop.locator('#password-message').textContent()).toBe('Password cambiata. Sessioni chiuse sugli altri dispositivi: 1.');
    await screenshot(laptop, '40-profile-password-changed');
    expect(await sessionUser(laptop)).toMatchObject({ username: 'desio' });
    expect(await sessionUser(phone)).toBeNull();
    expect((await new WebClient(stack.url).signIn('desio', 'desio-password-2')).status).toBe(200);
    expect(pageErrors).toEqual([]);
  });

  it('says so when the two new passwords differ, and changes nothing', async () => {
    const page = await newPage();
    await signIn(page, stack.url, 'seregno', 'seregno-password-1');
    await page.goto(`${stack.url}/#/profile`);
    const form = page.getByRole('form', { name: 'Cambia la password' });
    await form.getByLabel('Password attuale').fill('seregno-password-1');
    await form.getByLabel('Nuova password (almeno 10 caratteri)').fill('seregno-password-2');
    await form.getByLabel('Ripeti la nuova password').fill('seregno-password-3');
    await form.getByRole('button', { name: 'Cambia password' }).click();
    await expect.poll(() => page.locator('#password-message').textContent()).toBe('Le due password nuove non coincidono.');
    expect((await new WebClient(stack.url).signIn('seregno', 'seregno-password-1')).status).toBe(200);
  });
});

describe('a locked sign-in', () => {
  it('tells the user to wait, in words, on the sign-in page', async () => {
    // given: the account's ten failures (SIGN_IN_MAX_FAILURES default) from a script
    for (let i = 0; i < 10; i++) await new WebClient(stack.url).signIn('auditor', `guess-${i}`);
    const page = await newPage();
    await page.goto(`${stack.url}/`);

    // when
    await page.getByLabel('Nome utente').fill('auditor');
    await page.getByLabel('Password').fill('auditor-demo');
    await page.getByRole('button', { name: 'Accedi' }).click();

    // then
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Troppi tentativi di accesso non riusciti: riprova tra 15 minuti\./);
    await screenshot(page, '41-sign-in-locked');
  });
});
