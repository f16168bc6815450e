// The embed panel of a dashboard chart: the theme choice shows its codes by
// CSS alone, light by default; each code has a copy button reached by the
// keyboard, which copies, says so (and is read out by the page's live
// region), and which selects the
// code where the browser refuses the clipboard.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launch, openDashboard } from './browser.mjs';

const TEST_TIMEOUT_MS = 90_000;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Opens the first chart's menu; returns the chart's id. */
async function openMenu(page) {
  const id = await page.evaluate(() => document.querySelector('.embed-panel')?.dataset.chart);
  assert.ok(id, 'no embed panel on the dashboard');
  await page.locator(`.embed-panel[data-chart="${id}"]`).locator('xpath=ancestor::details').locator('summary').click();
  return id;
}

/** Which of the chart's codes are shown, by form and theme. */
function shown(page, id) {
  return page.evaluate((id) => [...document.querySelectorAll(`.embed-panel[data-chart="${id}"] .embed-code`)]
    .filter((t) => t.checkVisibility())
    .map((t) => `${t.dataset.form}:${t.dataset.theme ?? '-'}`), id);
}

describe('the embed panel', () => {
  test('light codes first; the theme choice shows the codes of its theme', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await openDashboard(browser, { lang: 'en', colorScheme: 'dark' });
    try {
      const id = await openMenu(page);
      assert.deepEqual(await shown(page, id), ['iframe:light', 'pym:light', 'script:light', 'image:-']);
      const panel = page.locator(`.embed-panel[data-chart="${id}"]`);
      for (const [label, theme] of [['Dark', 'dark'], ['Auto', 'auto'], ['Light', 'light']]) {
        await panel.getByLabel(label, { exact: true }).check();
        assert.deepEqual(await shown(page, id), [`iframe:${theme}`, `pym:${theme}`, `script:${theme}`, 'image:-'], theme);
      }
      const codes = await panel.locator('.embed-code').evaluateAll((ts) => ts.map((t) => [t.id, t.textContent]));
      for (const [codeId, code] of codes) {
        // Completed with the dashboard's own folder, as no base URL was built in.
        assert.ok(code.includes(`${BASE_URL}`), `${codeId}: ${code}`);
        const theme = codeId.match(/-(light|dark)-code$/)?.[1];
        if (theme) assert.ok(code.includes(theme), `${codeId} does not ask for ${theme}: ${code}`);
      }
      assert.match(await panel.locator('.embed-auto-warning').innerText(), /dark mode/);
      assert.match(await panel.locator('[data-form="script"] .embed-cors').innerText(), /Access-Control-Allow-Origin/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a copy button copies from the keyboard and says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await openDashboard(browser, { lang: 'en' });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
      const id = await openMenu(page);
      const button = page.locator(`[data-copy="embed-${id}-pym-light-code"]`);
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((sel) => document.querySelector(sel)?.hasAttribute('data-copied'), `[data-copy="embed-${id}-pym-light-code"]`, { timeout: 3_000 });
      assert.equal(await button.textContent(), 'Copied');
      assert.equal(await button.locator('xpath=following-sibling::*[1]').textContent(), 'Copied');
      // Read out through the page's one polite live region.
      assert.equal(await page.locator('#article-charts-live').textContent(), 'Copied');
      assert.equal(await page.locator('#article-charts-live').getAttribute('aria-live'), 'polite');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.locator(`#embed-${id}-pym-light-code`).textContent());
      // Another copy puts the first button back.
      await page.locator(`[data-copy="embed-${id}-image-code"]`).click();
      await page.waitForFunction((sel) => !document.querySelector(sel).hasAttribute('data-copied'), `[data-copy="embed-${id}-pym-light-code"]`, { timeout: 3_000 });
    } finally {
      await context.close();
    }
  });

  test('where the clipboard is refused, the code is selected for Ctrl+C', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        get: () => ({ writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) }),
      });
    });
    const page = await context.newPage();
    try {
      await page.goto(`${BASE_URL}?lang=en`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
      const id = await openMenu(page);
      await page.locator(`[data-copy="embed-${id}-iframe-light-code"]`).click();
      const status = page.locator(`[data-copy="embed-${id}-iframe-light-code"] + .copy-status`);
      await status.filter({ hasText: 'Ctrl+C' }).waitFor({ timeout: 3_000 });
      const selection = await page.evaluate((codeId) => {
        const t = document.getElementById(codeId);
        return { focused: document.activeElement === t, selected: String(window.getSelection()), code: t.textContent };
      }, `embed-${id}-iframe-light-code`);
      assert.deepEqual(selection, { focused: true, selected: selection.code, code: selection.code });
      assert.ok(selection.code.length > 50);
    } finally {
      await context.close();
    }
  });
});
