import { expect, test } from '@playwright/test';
import { demoAccount, openDemoEpisode, signedInPage } from './support/app.js';
import { startServer, type TestServer } from './support/server.js';

// Issue #3: each demo role sees the UI its rights allow; the server enforces
// the same rules ([AC1] matrix, [AC6] read-only sockets, [UA8] read-only editor).

let server: TestServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

async function openDemoSeries(page: import('@playwright/test').Page): Promise<void> {
  await page.getByTestId('series-item').first().getByRole('link').first().click();
  await expect(page.getByTestId('episode-list')).toBeVisible();
}

const expectations = [
  { role: 'admin', badge: /admin|管理员/i, members: true, imports: true, createEpisode: true, adminMenu: true },
  { role: 'showrunner', badge: /showrunner|总编剧/i, members: true, imports: true, createEpisode: true, adminMenu: false },
  { role: 'writer', badge: /writer|编剧/i, members: false, imports: false, createEpisode: true, adminMenu: false },
  { role: 'operations', badge: /operations|运营/i, members: false, imports: true, createEpisode: false, adminMenu: false },
  { role: 'reviewer', badge: /reviewer|审阅/i, members: false, imports: false, createEpisode: false, adminMenu: false },
] as const;

for (const e of expectations) {
  test(`[AC1][UA10] ${e.role} sees the controls of their role`, async ({ browser }) => {
    const { context, page } = await signedInPage(browser, server.url, demoAccount(e.role));
    await openDemoSeries(page);
    await expect(page.getByTestId('role-badge')).toHaveText(e.badge);
    await expect(page.getByTestId('members-tab')).toHaveCount(e.members ? 1 : 0);
    await expect(page.getByTestId('imports-tab')).toHaveCount(e.imports ? 1 : 0);
    await expect(page.getByTestId('create-episode')).toHaveCount(e.createEpisode ? 1 : 0);
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('nav-users')).toHaveCount(e.adminMenu ? 1 : 0);
    await context.close();
  });
}

test('[AC6][UA8] the reviewer reads the script but cannot type into it', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, server.url, demoAccount('reviewer'));
  await openDemoEpisode(page, 1);
  const editor = page.getByTestId('editor');
  await expect(editor).toHaveAttribute('contenteditable', 'false');
  const before = await editor.textContent();
  await editor.click();
  await page.keyboard.type('ReviewerWasHere');
  await page.keyboard.press('Enter');
  await expect(editor).not.toContainText('ReviewerWasHere');
  expect(await editor.textContent()).toBe(before);
  await context.close();
});

test('[AC10] a wrong password is refused with a readable message', async ({ page }) => {
  await page.goto(server.url);
  await page.getByTestId('login-email').fill(demoAccount('writer'));
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('series-list')).toHaveCount(0);
});
