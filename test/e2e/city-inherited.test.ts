import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2EBrowser, openBrowser, screenshot } from './support/browser.ts';
import { expectCall, tokenFor } from './support/seed.ts';
import { signInAs } from './support/sign-in.ts';

const baseUrl = inject('consoleUrl');
const provinceSource = readFileSync(new URL('./fixtures/province.kp', import.meta.url), 'utf8');
const citySource = readFileSync(new URL('./fixtures/city.kp', import.meta.url), 'utf8');
const stamp = Date.now().toString(36);
const parentId = `e2e-prov-${stamp}`;
const cityId = `e2e-city-${stamp}`;
let browser: E2EBrowser;
let page: Page;

beforeAll(async () => {
  // Through the real API: the province publishes version 1 and then 2; the city pins version 1.
  const province = await tokenFor(baseUrl, 'demo-admin');
  await expectCall([201], baseUrl, province, 'POST', '/api/rulesets', {
    id: parentId,
    source: provinceSource,
  });
  await expectCall([201], baseUrl, province, 'POST', `/api/rulesets/${parentId}/publish`, undefined, {
    'if-match': '"1"',
  });
  const version2 = provinceSource.replace('bonus 创新 cap 3', 'bonus 创新 cap 4');
  await expectCall(
    [200],
    baseUrl,
    province,
    'PUT',
    `/api/rulesets/${parentId}`,
    { source: version2 },
    { 'if-match': '"1"' },
  );
  await expectCall([201], baseUrl, province, 'POST', `/api/rulesets/${parentId}/publish`, undefined, {
    'if-match': '"2"',
  });
  const city = await tokenFor(baseUrl, 'dongzhou-admin');
  await expectCall([201], baseUrl, city, 'POST', '/api/rulesets', {
    id: cityId,
    source: citySource,
    parent: { ruleSet: parentId, version: 1 },
  });
  browser = await openBrowser();
  page = await browser.newPage();
  await signInAs(page, baseUrl, '东州市管理员');
});
afterAll(async () => {
  await browser?.close();
});

describe('a city admin’s inherited rules', () => {
  it('shows the pinned province version, what is locked and what the city sets itself', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '继承的规则' }).click();
    await page.getByRole('heading', { name: '继承的规则' }).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: `(${cityId})` });
    await card.waitFor();
    expect(await card.textContent()).toContain(`继承自 ${parentId} 第 1 版`);

    const dimensions = card.getByRole('table', { name: '维度权重' });
    const political = dimensions.getByRole('row').filter({ hasText: '政治建设' });
    expect(await political.textContent()).toContain('锁定（不可调整）');
    expect(await political.textContent()).toContain('沿用省级');
    const rules = card.getByRole('table', { name: '其他规则' });
    expect(await rules.getByRole('row').filter({ hasText: '城市创新' }).textContent()).toContain('本市设置');
    expect(await rules.getByRole('row').filter({ hasText: '严重违纪' }).textContent()).toContain('沿用省级');
    expect(await card.getByRole('textbox', { name: '本市规则文件' }).textContent()).toContain('城市创新');
    const chart = card.getByRole('img', { name: '各维度权重与下限（柱状图）' });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toBe('各维度权重与下限（柱状图）');
    await screenshot(page, 'city-inherited');
  });

  it('says a newer province version exists, previews the move and re-pins', async () => {
    const card = page.locator('.ant-card').filter({ hasText: `(${cityId})` });
    const banner = card.getByRole('status').filter({ hasText: '省里已发布第 2 版（当前为第 1 版）' });
    await banner.waitFor();
    await banner.getByRole('button', { name: '预览变化' }).click();
    const preview = card.getByText('从第 1 版改用第 2 版将带来的变化');
    await preview.waitFor();
    await screenshot(page, 'city-repin-preview');

    await banner.getByRole('button', { name: '改用第 2 版' }).click();
    await page.getByText('已改用第 2 版').waitFor();
    await expect.poll(() => card.textContent()).toContain(`继承自 ${parentId} 第 2 版`);
    expect(await card.getByText('省里已发布第').count()).toBe(0);
    await screenshot(page, 'city-repinned');
  });
});
