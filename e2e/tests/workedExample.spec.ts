import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { caretAtEnd } from './support/app.js';
import { curves, retentionOver } from './support/fixtureNumbers.js';
import { startServer, type TestServer } from './support/server.js';
import { change, choose, count, importFile, member, openEpisode, outcomeCells, pct, search } from './support/team.js';
import {
  ADDED_LINE,
  AIRED_LOCAL,
  AIRED_SHOWN,
  APPROVAL,
  after,
  BURST,
  BURST_TEXT,
  before,
  EVIDENCE,
  EXPECTED,
  FIRST_QUOTE,
  fixture,
  RATIONALE,
  RATIONALE_TOP,
  ROWS,
  SCENE,
  TOP,
  TOP_MIN_LIKES,
  TOP_VIEWERS,
  TWINS_VIEWERS,
} from './support/workedExampleData.js';

// BRIEF §6, the worked example, played by the demo team in the browser (in
// Chinese, in Beijing time) on the demo series, through the web UI only. In the
// demo's numbering: episode 4 aired on 2025-09-18 at 20:00; operations imports
// its comments and numbers; a writer links the twins comments to scene 5-2 and
// gives the twins more of it; revision Blue of episode 5 is proposed, approved
// and airs on 2025-09-19 at 20:00; its numbers come in; a reviewer follows one
// comment to the revision and its outcome, and downloads the evidence report.
// Fixtures: e2e/fixtures/make-worked-example.mjs.

let server: TestServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

/** The inbox narrowed to episode 4's first night (Beijing time), with `words`. */
async function firstNight(scope: Page | Locator, words: string, minLikes?: number): Promise<void> {
  await scope.getByTestId('inbox-search').fill(words);
  await choose(scope.getByTestId('inbox-filter-episode'), /^第4集/);
  await scope.getByTestId('inbox-more-filters').click();
  await scope.getByTestId('inbox-filter-from').fill('2025-09-18T20:00');
  await scope.getByTestId('inbox-filter-to').fill('2025-09-19T08:00');
  if (minLikes !== undefined) await scope.getByTestId('inbox-filter-minLikes').fill(String(minLikes));
  await scope.getByTestId('inbox-apply').click();
}

test('[FB2][UF10][CO15][UE1][UE2][UE3][UE4][UE5][UE6][UE9][UR1][UR2][UR4][UR7][UR10][UR11][UR12][UR13][LK1][LK9][RW1][RW5][AU3][AU4][AU5][AU11][TR1][TR3][OC3][OC4][OC5][OC6][OC7][RP1][RP3][RP6][RP7][RP8] the worked example: comments about the twins become evidence for scene 5-2, revision Blue is approved and airs, and a reviewer follows one comment to its outcome and report', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  let linkId = '';
  let topLinkId = '';
  let blueId = '';

  await test.step('the showrunner locks episode 5 as it was shot: revision White, approved [UR1][UR2]', async () => {
    const page = await member(browser, server.url, 'showrunner');
    await openEpisode(page, 5, 'revisions');
    await page.getByTestId('new-revision').click();
    await expect(page.getByTestId('new-revision-colour')).toHaveValue('White');
    await page.getByTestId('new-revision-summary').fill('拍摄定稿（白页）');
    await page.getByTestId('new-revision-create').click();
    const white = page.locator('[data-testid="revision-card"][data-colour="White"]');
    await expect(white).toHaveAttribute('data-status', 'draft');
    await white.getByTestId('revision-propose').click();
    await expect(white).toHaveAttribute('data-status', 'proposed');
    await white.getByTestId('revision-approve').click();
    await expect(white).toHaveAttribute('data-status', 'approved');
    await expect(white.getByTestId('revision-status')).toContainText('已批准');
    await page.context().close();
  });

  await test.step('operations imports episode 4: its Douyin comments (a burst flagged coordinated), daily numbers and retention [FB2][UF10][CO15][UE4]', async () => {
    const page = await member(browser, server.url, 'operations');
    const comments = await importFile(page, 'feedback', fixture('douyin-ep4-comments.csv'));
    await expect(comments).toHaveAttribute('data-rows', String(ROWS));
    await expect(comments).toHaveAttribute('data-accepted', String(ROWS));
    await expect(page.getByTestId('import-outcome')).toHaveText(`新增 ${ROWS} 行。`);
    await expect(await importFile(page, 'metrics', fixture('ops-ep4-metrics.csv'))).toHaveAttribute('data-accepted', '6');
    await expect(await importFile(page, 'retention', fixture('ops-ep4-retention.csv'))).toHaveAttribute('data-accepted', '242');

    // The thirty identical comments from fresh accounts were flagged on import, each row says so.
    await page.getByTestId('inbox-tab').click();
    await search(page, BURST_TEXT);
    await choose(page.getByTestId('inbox-filter-episode'), /^第4集/);
    const totalShown = page.getByTestId('inbox-total');
    await expect(totalShown).toHaveAttribute('data-total', String(BURST));
    const items = page.getByTestId('inbox-item');
    await expect(items.first()).toContainText(BURST_TEXT);
    await expect(items.first().getByTestId('inbox-coordinated')).toBeVisible();
    await expect(page.locator('[data-testid="inbox-item"]:not(:has([data-testid="inbox-coordinated"]))')).toHaveCount(0);

    // Episode 4's days on both platforms; it has no paywall, so no unlocks (a dash, not 0).
    await page.getByTestId('metrics-tab').click();
    await choose(page.getByTestId('metrics-episode'), /^第4集/);
    const rows = page.getByTestId('metrics-row');
    await expect(rows).toHaveCount(6);
    const openingDay = rows.filter({ hasText: '1,120,400' });
    await expect(openingDay.locator('[data-metric="completionRate"]')).toHaveText('27.6%');
    await expect(openingDay.locator('[data-metric="paywallUnlocks"]')).toHaveText('—');
    await page.context().close();
  });

  const writer = await member(browser, server.url, 'writer');

  await test.step('a writer turns the first night\'s twins comments into evidence for scene 5-2: motivates, weight 3, sample before and after [UE2][UE3][LK1][LK9]', async () => {
    await writer.getByTestId('inbox-tab').click();
    await firstNight(writer, '双胞胎');
    // The first night: 48 viewer comments and the burst; the next day's six are left out.
    await expect(writer.getByTestId('inbox-total')).toHaveAttribute('data-total', String(EVIDENCE));

    await writer.getByTestId('evidence-use-filter').click();
    const dialog = writer.getByTestId('evidence-link-dialog');
    await dialog.getByTestId('evidence-set-name').fill('双胞胎去哪了（第4集首播夜）');
    // Counted as the server counts: the burst's accounts are not viewers [AU6].
    const preview = dialog.getByTestId('evidence-preview-sample');
    await expect(preview).toHaveAttribute('data-mentions', String(EVIDENCE));
    await expect(preview).toHaveAttribute('data-viewers', String(TWINS_VIEWERS));
    await expect(preview).toHaveAttribute('data-coordinated', String(BURST));
    await expect(preview).toHaveAttribute('data-exact', 'true');
    await expect(preview).toHaveText(`${EVIDENCE} 条提及 · ${TWINS_VIEWERS} 位独立观众 · ${BURST} 条疑似刷量`);
    await choose(dialog.getByTestId('evidence-episode-picker'), /^第5集/);
    const scenePicker = dialog.getByTestId('evidence-scene-picker');
    await expect(scenePicker.locator(`option[value="${SCENE}"]`)).toHaveText('5-2 日 内 顾家老宅');
    await scenePicker.selectOption(SCENE);
    await dialog.getByTestId('evidence-rationale').fill(RATIONALE);
    await dialog.getByTestId('evidence-stance-motivates').check();
    await dialog.getByTestId('evidence-weight').selectOption('3');
    const created = writer.waitForResponse((r) => /\/api\/episodes\/[^/]+\/links$/.test(r.url()) && r.request().method() === 'POST');
    await dialog.getByTestId('evidence-link-confirm').click();
    expect((await created).status()).toBe(201);

    const link = dialog.getByTestId('evidence-link-created');
    await expect(link).toHaveAttribute('data-state', 'anchored');
    await expect(link).toContainText('5-2 日 内 顾家老宅');
    await expect(link).toContainText(`已保存为证据集“双胞胎去哪了（第4集首播夜）”（${EVIDENCE} 条）`);
    const sample = dialog.getByTestId('evidence-created-sample');
    await expect(sample).toHaveAttribute('data-mentions', String(EVIDENCE));
    await expect(sample).toHaveAttribute('data-viewers', String(TWINS_VIEWERS));
    linkId = (await link.getAttribute('data-link-id')) ?? '';
    expect(linkId).not.toBe('');
    await dialog.getByTestId('evidence-link-done').click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('the writer opens episode 5: a marker on 5-2; she drags the twelve most-liked comments onto 5-2, reads both links in the side panel and gives the twins more of the scene [UE1][UE5][UE6][UE9][UR7]', async () => {
    await openEpisode(writer, 5, 'evidence');
    const badges = writer.getByTestId('evidence-scene-badge');
    await expect(badges).toHaveCount(1);
    await expect(badges).toHaveAttribute('data-scene-id', SCENE);
    await expect(badges).toHaveAttribute('data-count', '1');
    const navScene = writer.locator(`[data-testid="scene-nav-item"][data-scene-id="${SCENE}"]`);
    await expect(writer.locator('[data-testid="scene-nav-item"]', { has: writer.getByTestId('scene-nav-evidence') })).toHaveAttribute('data-scene-id', SCENE);

    // From the feedback drawer beside the script: the twelve most-liked comments of the night, dragged onto 5-2.
    await writer.getByTestId('evidence-inbox-drawer-tab').click();
    const drawer = writer.getByTestId('evidence-inbox-drawer');
    await firstNight(drawer, '双胞胎', TOP_MIN_LIKES);
    await expect(drawer.getByTestId('inbox-total')).toHaveAttribute('data-total', String(TOP.length));
    await drawer.getByTestId('evidence-select-all').click();
    await expect(drawer.getByTestId('evidence-selection-bar')).toHaveAttribute('data-count', String(TOP.length));
    await drawer.getByTestId('inbox-item').first().dragTo(navScene);
    const dialog = writer.getByTestId('evidence-link-dialog');
    await expect(dialog.getByTestId('evidence-scene-picker')).toHaveValue(SCENE);
    const preview = dialog.getByTestId('evidence-preview-sample');
    await expect(preview).toHaveAttribute('data-mentions', String(TOP.length));
    await expect(preview).toHaveAttribute('data-viewers', String(TOP_VIEWERS));
    await expect(preview).toHaveAttribute('data-coordinated', '0');
    await dialog.getByTestId('evidence-rationale').fill(RATIONALE_TOP);
    await dialog.getByTestId('evidence-weight').selectOption('2');
    await dialog.getByTestId('evidence-link-confirm').click();
    const made = dialog.getByTestId('evidence-link-created');
    await expect(made).toHaveAttribute('data-state', 'anchored');
    await expect(dialog.getByTestId('evidence-created-sample')).toHaveAttribute('data-viewers', String(TOP_VIEWERS));
    topLinkId = (await made.getAttribute('data-link-id')) ?? '';
    await dialog.getByTestId('evidence-link-done').click();
    await expect(badges).toHaveAttribute('data-count', '2');
    await writer.getByTestId('evidence-panel-tab').click();

    await caretAtEnd(writer, `section.scene:nth-of-type(2) .el-action`);
    await expect(writer.getByTestId('evidence-panel-scene')).toHaveAttribute('data-scene-id', SCENE);
    await expect(writer.getByTestId('evidence-panel-link')).toHaveCount(2);
    const row = writer.locator(`[data-testid="evidence-panel-link"][data-link-id="${linkId}"]`);
    await expect(row).toHaveAttribute('data-state', 'anchored');
    await expect(row).toHaveAttribute('data-stance', 'motivates');
    await expect(row).toHaveAttribute('data-weight', '3');
    await expect(row).toContainText(RATIONALE);
    const line = row.getByTestId('evidence-sample-line');
    await expect(line).toHaveAttribute('data-mentions', String(EVIDENCE));
    await expect(line).toHaveAttribute('data-viewers', String(TWINS_VIEWERS));
    await expect(line).toHaveAttribute('data-coordinated', String(BURST));
    // Its first items, oldest first: the comment that started the night.
    await expect(row.getByTestId('evidence-item-quote').first()).toContainText(FIRST_QUOTE);

    await writer.keyboard.type(ADDED_LINE);
    await expect(writer.getByTestId('editor').locator('section.scene:nth-of-type(2)')).toContainText(ADDED_LINE);
    // A scene link stays anchored whatever is typed in its scene.
    await expect(row).toHaveAttribute('data-state', 'anchored');

    // Revision mode against White: only 5-2 has changed.
    await writer.getByTestId('side-tab-revisions').click();
    await choose(writer.getByTestId('revision-mode-select'), /White/);
    const changed = writer.getByTestId('revision-mode-scene');
    await expect(changed).toHaveCount(1);
    await expect(changed).toHaveAttribute('data-scene-id', SCENE);
    await expect(changed).toHaveAttribute('data-status', 'changed');
  });

  await test.step('the writer creates revision Blue with that link and proposes it [UR1][UR2][RW1][RW5]', async () => {
    await writer.getByTestId('new-revision').click();
    const form = writer.getByTestId('new-revision-form');
    await expect(form.getByTestId('new-revision-colour')).toHaveValue('Blue');
    await form.getByTestId('new-revision-summary').fill('观众要看双胞胎：5-2 双胞胎当面给苏曼琳送快递，戏份加重');
    await form.locator(`[data-testid="new-revision-link"][data-link-id="${linkId}"]`).check();
    await form.locator(`[data-testid="new-revision-link"][data-link-id="${topLinkId}"]`).check();
    const made = writer.waitForResponse((r) => /\/api\/episodes\/[^/]+\/revisions$/.test(r.url()) && r.request().method() === 'POST');
    await form.getByTestId('new-revision-create').click();
    expect((await made).status()).toBe(201);
    const blue = writer.locator('[data-testid="revision-card"][data-colour="Blue"]');
    await expect(blue).toHaveAttribute('data-status', 'draft');
    await expect(blue).toContainText('2 条关联');
    blueId = (await blue.getAttribute('data-revision-id')) ?? '';
    await blue.getByTestId('revision-propose').click();
    await expect(blue).toHaveAttribute('data-status', 'proposed');
    await expect(blue.getByTestId('revision-event')).toHaveCount(2);
    await writer.context().close();
  });

  await test.step('the showrunner opens the evidence audit of episode 5: the evidence with its sample size, nothing weak; she approves Blue with a comment [UR10][AU3][AU4][AU5][AU11]', async () => {
    const page = await member(browser, server.url, 'showrunner');
    await page.getByTestId('evidence-audit-tab').click();
    await choose(page.getByTestId('evidence-audit-episode'), /^第5集/);
    for (const kind of ['change-without-evidence', 'evidence-without-change', 'weak-evidence']) {
      await expect(page.locator(`[data-testid="evidence-audit-group"][data-kind="${kind}"]`)).toHaveAttribute('data-count', '0');
    }
    const audit = page.locator(`[data-testid="evidence-audit-revision-card"][data-revision-id="${blueId}"]`);
    const card = audit.getByTestId('revision-card');
    await expect(card).toHaveAttribute('data-status', 'proposed');
    const evidence = audit.locator(`[data-testid="evidence-link"][data-link-id="${linkId}"]`);
    await expect(evidence).toContainText('日 内 顾家老宅');
    await expect(evidence).toContainText('促成改动');
    await expect(evidence).toContainText('权重 3');
    await expect(evidence).toContainText(RATIONALE);
    // The burst is shown as such and its accounts are not among the viewers.
    await expect(evidence.getByTestId('evidence-sample')).toHaveAttribute('data-mentions', String(EVIDENCE));
    await expect(evidence.getByTestId('evidence-sample')).toHaveAttribute('data-viewers', String(TWINS_VIEWERS));
    await expect(evidence.getByTestId('evidence-sample')).toContainText(`${EVIDENCE} 条提及 · ${TWINS_VIEWERS} 位独立观众 · ${BURST} 条疑似刷量`);

    await card.getByTestId('revision-comment').fill(APPROVAL);
    const approved = page.waitForResponse((r) => r.url().endsWith(`/api/revisions/${blueId}/approve`));
    await card.getByTestId('revision-approve').click();
    expect((await approved).status()).toBe(200);
    await expect(page.locator(`[data-testid="evidence-audit-revision-card"][data-revision-id="${blueId}"] [data-testid="revision-card"]`)).toHaveAttribute('data-status', 'approved');
    await expect(page.locator(`[data-testid="evidence-audit-revision-card"][data-revision-id="${blueId}"] [data-testid="revision-event"][data-status="approved"]`)).toContainText(APPROVAL);
    await page.context().close();
  });

  await test.step('operations marks Blue aired on Douyin at 20:00 on 2025-09-19, then imports episode 5\'s numbers [UR4][RW5]', async () => {
    const page = await member(browser, server.url, 'operations');
    const seriesUrl = page.url();
    await openEpisode(page, 5, 'revisions');
    const blue = page.locator(`[data-testid="revision-card"][data-revision-id="${blueId}"]`);
    await expect(blue).toHaveAttribute('data-status', 'approved');
    await blue.getByTestId('revision-air').click();
    await blue.getByTestId('revision-air-platform').selectOption('douyin');
    await blue.getByTestId('revision-air-time').fill(AIRED_LOCAL);
    const aired = page.waitForResponse((r) => r.url().endsWith(`/api/revisions/${blueId}/air`));
    await blue.getByTestId('revision-air-confirm').click();
    expect((await aired).status()).toBe(200);
    await expect(blue).toHaveAttribute('data-status', 'aired');
    await expect(blue.getByTestId('revision-release')).toHaveText(`已于 ${AIRED_SHOWN} 在抖音播出`);

    await page.goto(seriesUrl);
    await expect(await importFile(page, 'metrics', fixture('ops-ep5-metrics.csv'))).toHaveAttribute('data-accepted', '6');
    await expect(await importFile(page, 'retention', fixture('ops-ep5-retention.csv'))).toHaveAttribute('data-accepted', '242');
    await page.context().close();
  });

  const reviewer = await member(browser, server.url, 'reviewer');
  // The seconds the changed scene covers, as the server timed it in Blue's script (double-checked below).
  const outcomeApi = await reviewer.request.get(`${server.url}/api/revisions/${blueId}/outcome`);
  expect(outcomeApi.status()).toBe(200);
  const served = (await outcomeApi.json()) as {
    changedRange: { fromSecond: number; toSecond: number } | null;
    rows: { metric: string; before: number | null; after: number | null; baseline: number | null }[];
  };
  const range = served.changedRange;
  if (!range) throw new Error('Blue changed scene 5-2, so its outcome has a changed range');
  // Scene 5-2 comes after 5-1 and ends well before the two-minute episode does.
  expect(range.fromSecond).toBeGreaterThan(0);
  expect(range.toSecond).toBeGreaterThan(range.fromSecond);
  expect(range.toSecond).toBeLessThan(120);
  const retention: [number, number] = [
    retentionOver(curves(fixture('ops-ep4-retention.csv')), before, range),
    retentionOver(curves(fixture('ops-ep5-retention.csv')), after, range),
  ];
  const expected = { ...EXPECTED, retentionOverChangedScenes: retention };
  const RATES = new Set(['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes']);

  /** The outcome table shows before, after and the change the fixtures imply, and the series baseline the server computed. */
  async function checkOutcome(outcome: Locator): Promise<void> {
    await expect(outcome.getByTestId('outcome-before-label')).toHaveText('对比：第4集');
    for (const [metric, [b, a]] of Object.entries(expected)) {
      const rate = RATES.has(metric);
      const cells = outcomeCells(outcome, metric);
      await expect(cells.before, metric).toHaveText(rate ? pct(b) : count(b));
      await expect(cells.after, metric).toHaveText(rate ? pct(a) : count(a));
      await expect(cells.change, metric).toHaveText(change(b, a, rate));
      const baseline = served.rows.find((r) => r.metric === metric)?.baseline ?? null;
      await expect(cells.baseline, metric).toHaveText(rate ? pct(baseline) : count(baseline));
    }
    await expect(outcome.getByTestId('outcome-chart')).toBeVisible();
  }

  await test.step('a reviewer clicks the first twins comment in the inbox and follows its trace to Blue, aired, and its outcome [TR1][TR3][UR11][UR13][OC3][OC4][OC5][OC6][OC7]', async () => {
    await reviewer.getByTestId('inbox-tab').click();
    // Written three times on the first night and once the next day.
    await search(reviewer, '一共就出现了十秒');
    await expect(reviewer.getByTestId('inbox-total')).toHaveAttribute('data-total', '4');
    await reviewer.getByTestId('inbox-sort').selectOption('time:asc');
    const first = reviewer.getByTestId('inbox-item').first();
    await expect(first).toContainText('2025年9月18日 20:04');
    await first.click();
    await expect(reviewer.getByTestId('item-detail-text')).toHaveText(FIRST_QUOTE);
    await reviewer.getByTestId('item-trace').click();

    await expect(reviewer.getByTestId('trace-item-text')).toContainText(FIRST_QUOTE);
    const view = reviewer.getByTestId('item-trace-view');
    const step = view.getByTestId('trace-link');
    await expect(step).toHaveCount(1);
    await expect(step).toHaveAttribute('data-link-id', linkId);
    await expect(step).toHaveAttribute('data-revision-id', blueId);
    await expect(step).toContainText('第5集 请签收，顾太太');
    await expect(step.getByTestId('trace-scene-link')).toHaveText('日 内 顾家老宅');
    const revision = step.getByTestId('trace-revision');
    await expect(revision).toHaveAttribute('data-status', 'aired');
    await expect(revision.getByTestId('revision-name')).toHaveAttribute('data-colour', 'Blue');
    await expect(revision.getByTestId('trace-aired')).toHaveText(`已于 ${AIRED_SHOWN} 在抖音播出`);
    await checkOutcome(view.locator(`[data-testid="trace-outcome"][data-revision-id="${blueId}"]`).getByTestId('outcome'));

    // On to the revision's own page: its evidence and the same outcome.
    await revision.getByTestId('trace-revision-link').click();
    const page = reviewer.getByTestId('revision-trace');
    await expect(page).toHaveAttribute('data-revision-id', blueId);
    await expect(page.getByTestId('revision-card')).toHaveAttribute('data-status', 'aired');
    await expect(page.locator('[data-testid="revision-event"][data-status="approved"]')).toContainText(APPROVAL);
    const evidence = page.getByTestId('revision-evidence');
    await expect(evidence.getByTestId('evidence-link')).toHaveCount(2);
    await expect(evidence.locator(`[data-link-id="${linkId}"]`).getByTestId('evidence-sample')).toHaveAttribute('data-viewers', String(TWINS_VIEWERS));
    await expect(evidence.locator(`[data-link-id="${topLinkId}"]`).getByTestId('evidence-sample')).toHaveAttribute('data-viewers', String(TOP_VIEWERS));
    await checkOutcome(page.getByTestId('revision-outcome').getByTestId('outcome'));
  });

  await test.step('the evidence report downloads: the HTML shows Blue, the first comment and the outcome; the PDF starts as a PDF [UR12][RP1][RP3][RP6][RP7][RP8]', async () => {
    const card = reviewer.getByTestId('revision-trace').getByTestId('revision-card');
    const [html] = await Promise.all([reviewer.waitForEvent('download'), card.getByTestId('revision-report-html').click()]);
    expect(html.suggestedFilename()).toMatch(/第5集.*Blue.*\.html$/);
    const report = await reviewer.context().newPage();
    await report.setContent(readFileSync((await html.path()) ?? '', 'utf8'));
    const body = report.locator('body');
    await expect(body).toContainText('Blue');
    await expect(body).toContainText(FIRST_QUOTE);
    await expect(body).toContainText(RATIONALE);
    await expect(body).toContainText(APPROVAL);
    await expect(body).toContainText('“之前”取自上一集（第4集）');
    // The report prints rates with one decimal and lists before, after, baseline, change.
    const printed = (v: number | null, rate: boolean) => (v === null ? '—' : rate ? `${(v * 100).toFixed(1)}%` : count(v));
    const names: Record<string, string> = { completionRate: '完播率', fiveSecondCompletion: '5 秒完播率', retentionOverChangedScenes: '改动场次的留存', paywallUnlocks: '付费解锁', evidenceComments: '证据相关评论量' };
    for (const [metric, [b, a]] of Object.entries(expected)) {
      const cells = report.locator('section.outcome tr', { has: report.locator('th', { hasText: new RegExp(`^${names[metric]}$`) }) }).locator('td');
      await expect(cells.nth(0), metric).toHaveText(printed(b, RATES.has(metric)));
      await expect(cells.nth(1), metric).toHaveText(printed(a, RATES.has(metric)));
    }
    await report.close();

    const [pdf] = await Promise.all([reviewer.waitForEvent('download'), card.getByTestId('revision-report-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/第5集.*Blue.*\.pdf$/);
    expect(readFileSync((await pdf.path()) ?? '').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  await test.step('double-check over the API: the link, the revision and the outcome are what the screens showed', async () => {
    const link = (await (await reviewer.request.get(`${server.url}/api/links/${linkId}`)).json()) as { revisionId: string; stance: string; weight: number; sample: { mentions: number; distinctViewers: number; coordinated: number } };
    expect(link).toMatchObject({ revisionId: blueId, stance: 'motivates', weight: 3, sample: { mentions: EVIDENCE, distinctViewers: TWINS_VIEWERS, coordinated: BURST } });
    const revision = (await (await reviewer.request.get(`${server.url}/api/revisions/${blueId}`)).json()) as { colour: string; status: string; release: { platform: string; airedAt: string } };
    expect(revision).toMatchObject({ colour: 'Blue', status: 'aired', release: { platform: 'douyin', airedAt: '2025-09-19T12:00:00.000Z' } });
    for (const [metric, [b, a]] of Object.entries(expected)) {
      const row = served.rows.find((r) => r.metric === metric);
      for (const [got, want] of [[row?.before ?? null, b], [row?.after ?? null, a]] as const) {
        if (want === null) expect(got, metric).toBeNull();
        else expect(got ?? Number.NaN, metric).toBeCloseTo(want, 9);
      }
    }
  });
  await reviewer.context().close();
});
