import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2EBrowser, openBrowser, screenshot } from './support/browser.ts';
import { signInAs } from './support/sign-in.ts';

const baseUrl = inject('consoleUrl');
let browser: E2EBrowser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('sends a visitor to the sign-in page, then shows the province admin’s tenant and role', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/rules`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-page');

    await signInAs(page, baseUrl, '示范省管理员');
    await expect.poll(() => page.getByRole('heading', { name: '您好，示范省管理员' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('角色', { exact: true }).textContent()).toBe('省级管理员');
    expect(await page.getByLabel('单位', { exact: true }).textContent()).toBe('demo');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      '工作台',
      '规则编辑',
      '考核批次',
      '数据导入',
    ]);
    await expect.poll(() => page.getByRole('status').filter({ hasText: '服务正常' }).count()).toBe(1);
    await screenshot(page, 'province-admin-home');
    await page.close();
  });

  it('keeps the English switch across a reload and offers a viewer nothing to edit', async () => {
    const page = await browser.newPage();
    await signInAs(page, baseUrl, '示范省观察员');
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.reload();
    await page.getByText('Your role is read-only; editing and publishing rules is not offered.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Assessment runs', 'Data']);
    expect(await page.getByLabel('Role', { exact: true }).textContent()).toBe('Viewer');
    await page.goto(`${baseUrl}/rules`);
    await page.getByText('Page not found').waitFor();
    await screenshot(page, 'viewer-english');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.close();
  });

  it('can be used from the keyboard: skip link, navigation, language switch', async () => {
    const page = await browser.newPage();
    await signInAs(page, baseUrl, '示范省管理员');
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: '您好，示范省管理员' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('link', { name: '规则编辑' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/rules\//);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('button', { name: '切换为英文界面' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Rules editor' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: '规则编辑' }).waitFor();
    await page.close();
  });

  it('works on a narrow screen', async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await signInAs(page, baseUrl, '东州市管理员');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      '工作台',
      '继承的规则',
      '考核批次',
      '数据导入',
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'city-admin-narrow');

    await nav.getByRole('link', { name: '继承的规则' }).click();
    await page.getByRole('textbox', { name: '本市规则文件' }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'city-inherited-narrow');
    await page.close();
  });

  it('sends a person whose token stopped working back to sign in, saying why', async () => {
    const page = await browser.newPage();
    await signInAs(page, baseUrl, '东州市管理员');
    // The token is replaced by one the server cannot verify, as after a key change or expiry.
    await page.evaluate(() => {
      const raw = sessionStorage.getItem('kaoping.session');
      if (raw === null) throw new Error('no session stored');
      const session = JSON.parse(raw) as { token: string };
      sessionStorage.setItem('kaoping.session', JSON.stringify({ ...session, token: `${session.token}x` }));
    });
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '继承的规则' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByText('登录已过期，请重新登录。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('body').textContent()).not.toContain('{"error"');
    await screenshot(page, 'session-expired');
    await page.close();
  });
});
