import type { Page } from 'playwright-core';

/** Signs in through the sign-in page as a person would: pick the demo user by name, press 登录. */
export async function signInAs(page: Page, baseUrl: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  const picker = page.getByRole('combobox', { name: '演示用户' });
  await picker.click();
  await picker.fill(displayName);
  // antd keeps its options in a virtual list; the one that matches is active, and Enter chooses it.
  await page
    .locator('.ant-select-item-option-active')
    .filter({ hasText: `${displayName} ·` })
    .waitFor();
  await picker.press('Enter');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}
