import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

/** Password of every demo account (README). */
export const DEMO_PASSWORD = 'loopline-demo';

/** The demo account of a role, e.g. `writer@demo.loopline`. */
export function demoAccount(role: 'admin' | 'showrunner' | 'writer' | 'operations' | 'reviewer'): string {
  return `${role}@demo.loopline`;
}

/** Signs in through the login page, as a user would, and waits for the series list. */
export async function login(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('series-list')).toBeVisible();
}

/** A fresh browser context (its own cookies and IndexedDB) signed in as `email`. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, baseUrl, email);
  return { context, page };
}

/** From the series list, opens the demo series and its episode `number`; returns the episode URL. */
export async function openDemoEpisode(page: Page, number: number): Promise<string> {
  await page.getByTestId('series-item').first().getByRole('link').first().click();
  await expect(page.getByTestId('episode-list')).toBeVisible();
  await page.getByTestId('episode-item').nth(number - 1).getByTestId('open-episode').click();
  await waitForEditor(page);
  return page.url();
}

/** Waits until the script has loaded and the sync socket is connected. */
export async function waitForEditor(page: Page): Promise<void> {
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
}

/**
 * Puts the caret at the end of the `index`-th element matching `selector`
 * inside the editor, through the DOM selection ProseMirror reads.
 */
export async function caretAtEnd(page: Page, selector: string, index = 0): Promise<void> {
  await page.getByTestId('editor').focus();
  await page
    .getByTestId('editor')
    .locator(selector)
    .nth(index)
    .evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    });
}
