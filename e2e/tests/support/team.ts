import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { demoAccount, login, waitForEditor } from './app.js';

// The demo team at work in the browser, in Chinese and Beijing time, as the
// issue-5 journeys use it: signing in, opening an episode's side panel,
// importing an export, searching the inbox, reading an outcome table.

/** Numbers as the zh interface prints them (client/src/features/trace/OutcomeTable.tsx). */
const fmt = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat('zh-CN', o).format(v);
/** A share as a percent with one decimal, `—` when missing. */
export const pct = (v: number | null) => (v === null ? '—' : fmt(v, { style: 'percent', maximumFractionDigits: 1 }));
/** A whole count with grouping, `—` when missing. */
export const count = (v: number | null) => (v === null ? '—' : fmt(v, { maximumFractionDigits: 0 }));
/** After minus before: percentage points for rates, a signed count otherwise. */
export function change(before: number | null, after: number | null, rate: boolean): string {
  if (before === null || after === null) return '—';
  const d = after - before;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return rate ? `${sign}${fmt(Math.abs(d) * 100, { maximumFractionDigits: 1 })} pp` : `${sign}${count(Math.abs(d))}`;
}

/** A member of the demo team in their own browser (Chinese, Beijing time), on the demo series' page. */
export async function member(browser: Browser, baseUrl: string, role: 'showrunner' | 'writer' | 'operations' | 'reviewer'): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await login(page, baseUrl, demoAccount(role));
  await page.getByTestId('series-item').first().getByRole('link').first().click();
  await expect(page.getByTestId('episode-list')).toBeVisible();
  return page;
}

/** From the series page, opens episode `number` in the editor, side panel on `tab`. */
export async function openEpisode(page: Page, number: number, tab: 'evidence' | 'revisions'): Promise<void> {
  await page.getByTestId('episodes-tab').click();
  await page.getByTestId('episode-item').nth(number - 1).getByTestId('open-episode').click();
  await waitForEditor(page);
  await page.getByTestId(`side-tab-${tab}`).click();
}

/** Picks the option of a select whose label matches `label`. */
export async function choose(select: Locator, label: RegExp): Promise<void> {
  const value = await select.locator('option').filter({ hasText: label }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

/** Imports the file at `path` through the series' Imports tab; returns its summary once done, nothing refused. */
export async function importFile(page: Page, target: 'feedback' | 'metrics' | 'retention', path: string): Promise<Locator> {
  await page.getByTestId('imports-tab').click();
  const again = page.getByTestId('import-again');
  if (await again.isVisible()) await again.click();
  await page.getByTestId('import-target').selectOption(target);
  if (target === 'feedback') await page.getByTestId('import-platform').selectOption('douyin');
  const preview = page.waitForResponse((r) => r.url().includes('/imports/preview') && r.request().method() === 'POST');
  await page.getByTestId('import-file').setInputFiles(path);
  expect((await preview).status()).toBe(200);
  await page.getByTestId('import-start').click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(summary).toHaveAttribute('data-rejected', '0');
  return summary;
}

/** Types `words` into the inbox search and submits it. */
export async function search(page: Page, words: string): Promise<void> {
  await page.getByTestId('inbox-search').fill(words);
  await page.getByTestId('inbox-search').press('Enter');
}

/** The cells of an outcome table row as shown: before, after, change, baseline. */
export function outcomeCells(outcome: Locator, metric: string) {
  const row = outcome.locator(`[data-testid="outcome-row"][data-metric="${metric}"]`);
  return {
    before: row.getByTestId('outcome-before'),
    after: row.getByTestId('outcome-after'),
    change: row.getByTestId('outcome-change'),
    baseline: row.getByTestId('outcome-baseline'),
  };
}
