import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('.tmp/screenshots/web');

/** Debian's chromium, headless, as the house rules ask for browser tests. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = `${username}-demo`): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  // attached, not visible: at phone width the sign-out button sits in the folded header menu
  await page.locator('#sign-out').waitFor({ state: 'attached' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A fresh page in its own Italian-locale context (Rome time, 1400×1100): the context is added to `contexts`
 * for the test file to close, uncaught page errors to `pageErrors`.
 */
export async function trackedPage(browser: Browser, contexts: BrowserContext[], pageErrors: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1100 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

/** Width and height of a PNG file, read from its IHDR chunk (bytes 16–23), e.g. to check a full-page screenshot. */
export function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  if (head.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** Boxes (in CSS pixels of the page) that overlap; touching edges do not count. */
export function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Follows a header link by its name: at phone widths the links sit behind the «Menu» button, and the
 * designers', auditors' and administrators' pages behind «Altro» at any width; each is opened first when needed.
 */
export async function followNavLink(page: Page, name: string): Promise<void> {
  const toggle = page.locator('#nav-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  const link = page.locator('#app-header nav').getByRole('link', { name, exact: true });
  const more = page.locator('#nav-more');
  // counted with locator(): getByRole would skip the closed list's hidden links
  const inMore = page.locator('#nav-more-list a').filter({ hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  if ((await inMore.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
  await link.click();
}
