import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2EBrowser, openBrowser, screenshot } from './support/browser.ts';
import { finishedRun } from './support/runs.ts';
import { tokenFor } from './support/seed.ts';
import { signInAs } from './support/sign-in.ts';

const baseUrl = inject('consoleUrl');
let browser: E2EBrowser;
let page: Page;

beforeAll(async () => {
  // The radar overlays the previous period: wait for the demo history's 2023 unit run to be there.
  const token = await tokenFor(baseUrl, 'demo-admin');
  await finishedRun(baseUrl, token, (run) => run.subjectKind === 'unit' && run.request.period === '2023');
  await finishedRun(baseUrl, token, (run) => run.subjectKind === 'cadre' && run.request.period === '2024');
  await finishedRun(baseUrl, token, (run) => run.subjectKind === 'cadre' && run.request.period === '2023');
  browser = await openBrowser();
  page = await browser.newPage();
  await signInAs(page, baseUrl, '示范省管理员');
});
afterAll(async () => {
  await browser?.close();
});

describe('assessment runs', () => {
  it('starts a run, shows its progress and then its results', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核批次' }).click();
    await page.getByRole('heading', { name: '考核批次' }).waitFor();
    await page.getByLabel('规则集').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^units$/ })
      .click();
    await page.getByLabel('期间').fill('2024');
    await page.getByRole('button', { name: '开始考核' }).click();
    await page.waitForURL(/\/runs\/[\w-]+$/);
    const results = page.locator('.ant-card').filter({ hasText: '2024 考核结果（units' });
    await results.waitFor({ timeout: 60_000 });
    const rows = results.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await results.textContent()).toContain('共 21 条');
    await screenshot(page, 'runs-results');
  });

  it('filters by grade and sorts by a dimension', async () => {
    const results = page.locator('.ant-card').filter({ hasText: '考核结果' });
    await results.getByLabel('等次').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^优秀$/ })
      .click();
    await results.getByRole('button', { name: '筛选' }).click();
    await expect.poll(async () => (await results.textContent())?.match(/共 (\d+) 条/)?.[1]).not.toBe('21');
    const grades = await results.locator('tbody tr.ant-table-row').allTextContents();
    for (const row of grades) expect(row).toContain('优秀');
    await results.getByRole('button', { name: '清除' }).click();
    await results.locator('th').filter({ hasText: '廉洁自律' }).click();
    await expect.poll(async () => (await results.textContent())?.includes('共 21 条')).toBe(true);
  });

  it('opens one unit’s explanation: every point with its sentence, the rule’s line, and the radar', async () => {
    const results = page.locator('.ant-card').filter({ hasText: '考核结果' });
    const first = results.locator('tbody tr.ant-table-row').first().getByRole('link');
    const name = (await first.textContent()) ?? '';
    await first.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${name} 的得分说明`).waitFor();
    await drawer.getByText(/逐项得失分（\d+ 项，合计 [\d.]+ 分）/).waitFor();
    const heading = (await drawer.getByText(/逐项得失分/).textContent()) ?? '';
    const sum = Number(/合计 ([\d.]+) 分/.exec(heading)?.[1]);
    const totalText = await drawer
      .locator('.ant-descriptions-item')
      .filter({ hasText: '总分' })
      .textContent();
    expect(sum).toBeCloseTo(Number(totalText?.replace('总分', '')), 2);
    expect(await drawer.textContent()).toMatch(/计入政治建设/);
    // Each entry quotes its rule's line from the version the run scored with.
    await drawer
      .getByText(/^第 \d+ 版第 \d+ 行：indicator 理论学习完成率/)
      .first()
      .waitFor();
    // The radar of the four dimensions with the previous period (2023) overlaid.
    await drawer.getByRole('img', { name: /2024 四个维度得分，虚线为上期 2023/ }).waitFor();
    await drawer.locator('canvas').first().waitFor();
    const lineLink = drawer.getByRole('link', { name: /在规则编辑器中打开/ }).first();
    const href = await lineLink.getAttribute('href');
    expect(href).toMatch(/^\/rules\/units\?line=\d+&column=\d+$/);
    await page.waitForTimeout(500); // let the radar finish its entry animation for the screenshot
    await screenshot(page, 'runs-explanation-radar');
    await lineLink.click();
    await page.getByRole('heading', { name: /units/ }).waitFor();
    const line = Number(/line=(\d+)/.exec(href ?? '')?.[1]);
    // The editor opens with the cursor on that rule's line.
    await page
      .locator('.cm-activeLineGutter')
      .filter({ hasText: new RegExp(`^${line}$`) })
      .waitFor();
  });

  it('draws the distribution per category and the unit × month heat map', async () => {
    await page.goBack();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '分数分布' }).click();
    await page.getByRole('img', { name: '各类别总分分布（柱状图）' }).waitFor();
    await page.getByRole('tab', { name: '月度热力图' }).click();
    await page.getByRole('img', { name: /2024 年 21 个单位逐月得分（热力图）/ }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'runs-heatmap');
  });

  it('opens one cadre’s explanation and 作风画像 from the 2024 cadre run', async () => {
    await page.goto(`${baseUrl}/runs`);
    await page.getByRole('link', { name: '2024 · cadres v1' }).first().click();
    const results = page.locator('.ant-card').filter({ hasText: '2024 考核结果（cadres' });
    const first = results.locator('tbody tr.ant-table-row').first().getByRole('link');
    await first.waitFor({ timeout: 20_000 });
    const name = (await first.textContent()) ?? '';
    await first.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${name} 的得分说明`).waitFor();
    await drawer.getByText(/逐项得失分（\d+ 项/).waitFor();
    await drawer.getByRole('img', { name: /2024 四个维度得分，虚线为上期 2023/ }).waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'runs-cadre-radar');
    await page.keyboard.press('Escape');
  });

  it('lets the province look at a city’s runs and results, read-only', async () => {
    await page.goto(`${baseUrl}/runs`);
    await page.getByRole('heading', { name: '考核批次' }).waitFor();
    await page.getByLabel('查看哪一级的批次').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^东州市$/ })
      .click();
    expect(await page.getByRole('button', { name: '开始考核' }).count()).toBe(0);
    // Dongzhou's runs score with its own rule set, which extends the province's.
    const cityRun = page.getByRole('link', { name: /^2024 · city-/ }).first();
    await cityRun.waitFor({ timeout: 30_000 });
    await cityRun.click();
    const results = page.locator('.ant-card').filter({ hasText: '2024 考核结果' });
    await expect
      .poll(() => results.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await results.locator('tbody tr.ant-table-row').first().getByRole('link').click();
    await page
      .getByRole('dialog')
      .getByText(/逐项得失分/)
      .waitFor();
    // The city's rule lines are not the province editor's: no link into it.
    expect(
      await page
        .getByRole('dialog')
        .getByRole('link', { name: /在规则编辑器中打开/ })
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('works on a narrow screen', async () => {
    const narrow = await browser.newPage({ width: 390, height: 844 });
    await signInAs(narrow, baseUrl, '示范省观察员');
    await narrow.goto(`${baseUrl}/runs`);
    await narrow.getByRole('heading', { name: '考核批次' }).waitFor();
    // A viewer sees the runs but is not offered the start button.
    await narrow
      .getByRole('link', { name: /2024 · units v/ })
      .first()
      .waitFor();
    expect(await narrow.getByRole('button', { name: '开始考核' }).count()).toBe(0);
    await narrow.locator('.ant-spin-container:not(.ant-spin-blur) tbody tr.ant-table-row').first().waitFor();
    await narrow.waitForTimeout(400); // the table fades in after loading
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(narrow, 'runs-narrow');
    await narrow.close();
  });
});
