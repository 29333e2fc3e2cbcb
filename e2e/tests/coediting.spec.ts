import { expect, test } from '@playwright/test';
import { caretAtEnd, demoAccount, openDemoEpisode, signedInPage, waitForEditor } from './support/app.js';
import { startServer, type TestServer } from './support/server.js';

// Issue #2's browser journey: two writers, one episode, nothing lost across
// reloads and a server restart. Rules: [SY1] durability, [ED] presence.

let server: TestServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

const scene = (n: number) => `section.scene:nth-of-type(${n})`;

test('[SY1][ED] two writers type in different scenes, see each other, and keep everything across reload and restart', async ({
  browser,
}) => {
  const a = await signedInPage(browser, server.url, demoAccount('writer'));
  const b = await signedInPage(browser, server.url, demoAccount('showrunner'));
  const episodeUrl = await openDemoEpisode(a.page, 4);
  await b.page.goto(episodeUrl);
  await waitForEditor(b.page);

  // Both writers are listed in each other's presence bar.
  await expect(a.page.getByTestId('presence-list').locator('li')).toHaveCount(2);
  await expect(b.page.getByTestId('presence-list').locator('li')).toHaveCount(2);

  await caretAtEnd(a.page, `${scene(1)} .el-action`);
  await a.page.keyboard.type('AlphaFromWriter');
  await caretAtEnd(b.page, `${scene(2)} .el-action`);
  await b.page.keyboard.type('BetaFromShowrunner');

  // Each sees the other's text in the right scene, and the other's cursor.
  await expect(b.page.locator(`${scene(1)} .el-action`).first()).toContainText('AlphaFromWriter');
  await expect(a.page.locator(`${scene(2)} .el-action`).first()).toContainText('BetaFromShowrunner');
  await expect(a.page.getByTestId('remote-cursor')).toHaveCount(1);
  await expect(b.page.getByTestId('remote-cursor')).toHaveCount(1);

  // Everything acknowledged by the server before we reload.
  for (const page of [a.page, b.page]) {
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-unsynced', '0');
  }

  await a.page.reload();
  await waitForEditor(a.page);
  await expect(a.page.getByTestId('editor')).toContainText('AlphaFromWriter');
  await expect(a.page.getByTestId('editor')).toContainText('BetaFromShowrunner');

  await server.stop();
  await expect(a.page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'connected');
  await server.restart();
  for (const page of [a.page, b.page]) {
    await page.reload();
    await waitForEditor(page);
    await expect(page.getByTestId('editor')).toContainText('AlphaFromWriter');
    await expect(page.getByTestId('editor')).toContainText('BetaFromShowrunner');
  }
  await a.context.close();
  await b.context.close();
});

test('[ED1][ED2] Enter and Tab produce the elements a writer expects', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, server.url, demoAccount('writer'));
  await openDemoEpisode(page, 5);
  const editor = page.getByTestId('editor');
  const elementType = page.getByTestId('element-type');

  // After a line of dialogue, Enter starts the next speaker's cue.
  await caretAtEnd(page, `${scene(2)} .el-dialogue`);
  await page.keyboard.press('Enter');
  await expect(elementType).toHaveValue('character');
  await page.keyboard.type('林晚');
  // After a cue, Enter goes to dialogue.
  await page.keyboard.press('Enter');
  await expect(elementType).toHaveValue('dialogue');
  await page.keyboard.type('EnterFlowLine');
  await expect(editor.locator('.el-dialogue', { hasText: 'EnterFlowLine' })).toHaveCount(1);

  // Tab on an empty line cycles the element type; Shift-Tab goes back.
  await page.keyboard.press('Enter');
  await expect(elementType).toHaveValue('character');
  await page.keyboard.press('Tab');
  const afterTab = await elementType.inputValue();
  expect(afterTab).not.toBe('character');
  await page.keyboard.press('Shift+Tab');
  await expect(elementType).toHaveValue('character');
  await context.close();
});
