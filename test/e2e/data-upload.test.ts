import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2EBrowser, openBrowser, screenshot } from './support/browser.ts';
import { signInAs } from './support/sign-in.ts';

const baseUrl = inject('consoleUrl');
const badCsv = fileURLToPath(new URL('./fixtures/observations-bad-row.csv', import.meta.url));
let browser: E2EBrowser;
let page: Page;

beforeAll(async () => {
  browser = await openBrowser();
  page = await browser.newPage();
  await signInAs(page, baseUrl, '示范省管理员');
});
afterAll(async () => {
  await browser?.close();
});

describe('uploading observations', () => {
  it('rejects a CSV with a bad row, shows the row error and stores nothing', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据导入' }).click();
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    await page.getByLabel('文件').setInputFiles(badCsv);
    await page.getByLabel('数据来源').fill('12345热线');
    await page.getByRole('button', { name: '上传并校验' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '未导入' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('本次上传没有存储任何数据');
    const issues = page.locator('.ant-table').filter({ hasText: '错误明细' });
    const row = issues.locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('C · 12345满意率');
    expect(cells[2]?.length).toBeGreaterThan(0);
    // The batches list shows the rejection.
    await page.locator('.ant-table').filter({ hasText: '导入批次' }).getByText('已拒绝').first().waitFor();
    // What is stored for that subject and month is untouched: not the rejected 150, not from this file.
    await page.getByLabel('对象编码').fill('sz-u002');
    await page.getByLabel('月份').fill('2024-03');
    await page.getByRole('button', { name: '查询' }).click();
    const stored = page.locator('.ant-descriptions-item').filter({ hasText: '12345满意率' }).first();
    await stored.waitFor();
    expect(await stored.textContent()).not.toContain('150');
    expect(await page.getByText(/来自批次：/).textContent()).not.toContain('observations-bad-row');
    await screenshot(page, 'data-upload-rejected');
  });
});
