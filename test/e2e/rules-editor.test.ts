import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type E2EBrowser, openBrowser, screenshot } from './support/browser.ts';
import { call, expectCall, tokenFor } from './support/seed.ts';
import { signInAs } from './support/sign-in.ts';

const baseUrl = inject('consoleUrl');
const provinceSource = readFileSync(new URL('./fixtures/province.kp', import.meta.url), 'utf8');
// A fresh rule set per run, so the suite can also run against a long-lived server (E2E_CONSOLE_URL).
const ruleSetId = `e2e-editor-${Date.now().toString(36)}`;
let browser: E2EBrowser;
let page: Page;
let adminToken: string;

beforeAll(async () => {
  adminToken = await tokenFor(baseUrl, 'demo-admin');
  await expectCall([201], baseUrl, adminToken, 'POST', '/api/rulesets', {
    id: ruleSetId,
    source: provinceSource,
  });
  browser = await openBrowser();
  page = await browser.newPage();
  await signInAs(page, baseUrl, '示范省管理员');
});
afterAll(async () => {
  await browser?.close();
});

/** Moves the mouse over the first occurrence of `text` inside `scope` (names are plain text, not elements). */
async function hoverText(scope: ReturnType<Page['locator']>, text: string): Promise<void> {
  await scope.scrollIntoViewIfNeeded(); // the editor scrolls inside itself
  const box = await scope.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, text);
  if (box === null) throw new Error(`"${text}" is not on the page`);
  await page.mouse.move(box.x, box.y);
}

const editor = (): ReturnType<Page['getByRole']> => page.getByRole('textbox', { name: '规则源文件' });
const summary = () => page.getByRole('status').filter({ hasText: /个错误/ });

describe('the rules editor', () => {
  it('opens the draft from the navigation with no problems and the weights of the four dimensions', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规则编辑' }).click();
    await page.goto(`${baseUrl}/rules/${ruleSetId}`);
    await editor().waitFor();
    await expect.poll(() => summary().textContent()).toBe('0 个错误，0 个警告');
    await page.getByRole('tab', { name: '维度权重' }).click();
    const weights = page.getByRole('table', { name: '维度权重' });
    await expect.poll(() => weights.getByRole('row').count()).toBe(5);
    expect(await weights.getByRole('row').nth(1).textContent()).toContain('政治建设30%≥ 30%锁定');
    await page.getByText('合计 100%').waitFor();
    await screenshot(page, 'editor-weights');
  });

  it('says in words when a rule set does not exist, never showing the raw answer', async () => {
    await page.goto(`${baseUrl}/rules/no-such-rule-set`);
    const alert = page.getByRole('alert').filter({ hasText: '找不到该内容' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('请返回列表重新选择');
    expect(await page.locator('main').textContent()).not.toMatch(/"error"|not_found/);
    await screenshot(page, 'editor-not-found');
    await page.goto(`${baseUrl}/rules/${ruleSetId}`);
    await editor().waitFor();
  });

  it('underlines an error as it is typed, lists it at the right line, and clears it when fixed', async () => {
    const lines = provinceSource.split('\n').length;
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(
      'indicator 新指标 in 不存在的维度 { source 热线解决率 score linear 70% => 0, 95% => 100 }',
    );
    const errorLine = lines + 1;

    await expect.poll(() => summary().textContent()).toBe('1 个错误，0 个警告');
    await page.getByRole('tab', { name: /诊断/ }).click();
    const item = page.getByRole('listitem').filter({ hasText: '不存在的维度' });
    await expect.poll(() => item.textContent()).toContain(`第 ${errorLine} 行`);
    const mark = page.locator('.cm-lintRange-error');
    expect(await mark.textContent()).toBe('不存在的维度');
    const markedLine = await mark.evaluate((node) => {
      const line = node.closest('.cm-line');
      return line === null ? -1 : [...(line.parentElement?.children ?? [])].indexOf(line) + 1;
    });
    expect(markedLine).toBe(errorLine);
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    await page.getByText('存在 1 个错误，修正后才能发布。').waitFor();
    await screenshot(page, 'editor-diagnostic');

    // "Go to this place" puts the cursor on the error; then the person deletes the line.
    await item.getByRole('button', { name: `跳到该位置: 第 ${errorLine} 行第 18 列` }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => summary().textContent()).toBe('0 个错误，0 个警告');
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
  });

  it('completes catalog field names', async () => {
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nindicator 新指标 in 群众评价 { source 热线');
    const option = page.getByRole('option').filter({ hasText: '热线解决率' });
    await option.waitFor();
    expect(await option.textContent()).toContain('数据字段');
    await screenshot(page, 'editor-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
  });

  it('shows an indicator’s catalog entry on hover', async () => {
    await hoverText(page.locator('.cm-line').filter({ hasText: 'indicator 热线解决 in' }), '热线解决');
    const tooltip = page.getByRole('tooltip').filter({ hasText: '指标 热线解决' });
    await expect.poll(() => tooltip.textContent()).toContain('来源: 12345热线');
    await screenshot(page, 'editor-hover');
    await page.mouse.move(0, 0);
  });

  it('runs the file’s tests, saves the draft and publishes it as version 1', async () => {
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// 端到端测试：保存与发布');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存（修订号 2）').waitFor();

    await page.getByRole('button', { name: '运行测试' }).click();
    await page.getByText('3 个通过，0 个失败').waitFor();
    await page.getByText('所有规则都有测试覆盖').or(page.getByText('没有测试覆盖的规则')).first().waitFor();
    await screenshot(page, 'editor-tests');

    // A wrong expectation fails its test: the failure and the trace that explains the score are shown.
    const expectation = page.locator('.cm-line').filter({ hasText: 'expect total == 62' });
    await expectation.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('  expect total == 63, grade == 优秀, fired 创新');
    await page.getByRole('button', { name: '运行测试' }).click();
    await page.getByText('2 个通过，1 个失败').waitFor();
    const failed = page.getByRole('table', { name: '计分过程 满分窗口单位' });
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/获评创新案例/);
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    await screenshot(page, 'editor-test-failure');
    await page.locator('.cm-line').filter({ hasText: 'expect total == 63' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('  expect total == 62, grade == 优秀, fired 创新');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存（修订号 3）').waitFor();
    await page.getByRole('button', { name: '运行测试' }).click();
    await page.getByText('3 个通过，0 个失败').waitFor();

    const publish = page.getByRole('button', { name: '发布' });
    await expect.poll(() => publish.isEnabled()).toBe(true);
    await publish.click();
    await page.getByText('已发布为第 1 版').waitFor();
    await page.getByRole('tab', { name: '版本历史' }).click();
    const versions = page.getByRole('table', { name: '版本历史' });
    await expect.poll(() => versions.getByRole('row').count()).toBe(2);
    expect(await versions.getByRole('row').nth(1).textContent()).toContain('demo-admin');
    await screenshot(page, 'editor-published');
  });

  it('shows a conflicting save by someone else instead of overwriting it', async () => {
    const theirs = `${provinceSource}\n// 另一位管理员的修改`;
    const saved = await call(
      baseUrl,
      adminToken,
      'PUT',
      `/api/rulesets/${ruleSetId}`,
      { source: theirs },
      { 'if-match': '"3"' },
    );
    expect(saved.status).toBe(200);

    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// 我的修改');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: '保存冲突：他人已修改此草稿' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('另一位管理员的修改');
    const stored = await call(baseUrl, adminToken, 'GET', `/api/rulesets/${ruleSetId}`);
    expect((stored.body as { source: string }).source).toBe(theirs);
    await screenshot(page, 'editor-conflict');

    await conflict.getByRole('button', { name: '放弃我的修改，载入对方版本' }).click();
    await expect.poll(() => editor().textContent()).toContain('另一位管理员的修改');
    await page.getByText('已保存', { exact: true }).waitFor();
  });

  it('compares the published version with the draft side by side', async () => {
    await page.getByRole('tab', { name: '版本历史' }).click();
    await page.getByRole('button', { name: '对比' }).click();
    await page.getByText('源文件对比').waitFor();
    await page.getByText('两个版本结构相同').waitFor();
    const added = page.locator('tr[data-kind="added"], tr[data-kind="changed"]');
    await expect
      .poll(() => added.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('// 另一位管理员的修改')]));
    await screenshot(page, 'editor-version-diff');
  });

  it('formats the file on demand', async () => {
    const line = page.locator('.cm-line').filter({ hasText: 'dimension 廉洁自律' });
    await line.click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.type('   ');
    await expect.poll(() => line.textContent()).toBe('dimension    廉洁自律 weight 15%');
    await page.getByRole('button', { name: '格式化' }).click();
    await expect
      .poll(() => page.locator('.cm-line').filter({ hasText: '廉洁自律 weight 15%' }).first().textContent())
      .toBe('dimension 廉洁自律 weight 15%');
    await expect.poll(() => summary().textContent()).toBe('0 个错误，0 个警告');
  });

  it('updates the weight panel as a weight is typed, even while the total is wrong', async () => {
    const line = page.locator('.cm-line').filter({ hasText: '廉洁自律 weight 15%' });
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('20%');
    await page.getByRole('tab', { name: '维度权重' }).click();
    await page.getByText('合计 105%，应为 100%').waitFor();
    await page.getByText('文件中有错误：以上按输入的文本读取，尚未经过检查').waitFor();
    const weights = page.getByRole('table', { name: '维度权重' });
    expect(await weights.getByRole('row').filter({ hasText: '廉洁自律' }).textContent()).toContain('20%');
    await expect.poll(() => summary().textContent()).toMatch(/^[1-9]\d* 个错误/);
    await screenshot(page, 'editor-weights-typed');
  });
});
