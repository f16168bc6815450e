// The dashboard on a 375 px phone: a tapped item's tooltip never covers the
// item (WCAG 1.4.13), stays small (at most 240 px wide and a third of the
// screen tall), and keeps the source sentence one tap away behind its
// toggle. Every item of every chart is tapped, and reached by keyboard.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE_URL, eventually, normalise, openSuite, waitReady, withDashboard, withPage,
} from './browser.mjs';

const PHONE = { width: 375, height: 812, hasTouch: true };
const TEST_TIMEOUT_MS = 240_000;

const { browser, dataset } = await openSuite();

/** Whether two boxes ({x, y, w, h}) share any area. */
function intersects(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Scrolls an item's centre to the middle of the screen and gives its box in
 * viewport px, with the point to tap.
 */
function bringItem(page, chartId, index) {
  return page.evaluate(({ id, n }) => {
    const canvas = document.querySelector(`figure.chart[data-chart="${CSS.escape(id)}"] canvas.plot`);
    const item = window.articleCharts.items(id)[n];
    let r = canvas.getBoundingClientRect();
    window.scrollBy({ top: r.top + item.y + item.h / 2 - window.innerHeight / 2, behavior: 'instant' });
    r = canvas.getBoundingClientRect();
    const box = { x: r.left + item.x, y: r.top + item.y, w: item.w, h: item.h };
    return { id: item.id, box, tap: { x: box.x + box.w / 2, y: box.y + box.h / 2 } };
  }, { id: chartId, n: index });
}

/** The tooltip's box in viewport px once it is shown and placed, and its texts. */
async function tooltipFor(page, indicatorId, chartId) {
  return eventually(
    () => page.evaluate((cid) => {
      const t = document.querySelector('[role="tooltip"]');
      const r = t.getBoundingClientRect();
      return {
        hidden: t.hidden,
        box: { x: r.left, y: r.top, w: r.width, h: r.height },
        active: document.querySelector(`figure.chart[data-chart="${CSS.escape(cid)}"] canvas.plot`)?.dataset.active,
        first: t.querySelector(':scope > p:not([hidden])')?.className ?? '',
        source: t.querySelector('.tt-source')?.textContent ?? '',
        sourceShown: !t.querySelector('.tt-source')?.hidden,
        toggle: t.querySelector('.tt-more')?.getAttribute('aria-expanded'),
        transform: t.style.transform,
      };
    }, chartId),
    (s) => !s.hidden && s.active === indicatorId && s.transform !== '',
  );
}

describe('on a 375 px phone', () => {
  test('a tapped tooltip never covers its item and stays small', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of ['zh', 'en']) {
      await withDashboard(browser, { lang, ...PHONE }, async ({ page, problems }) => {
        for (const chart of dataset.charts) {
          const count = await page.evaluate((id) => window.articleCharts.items(id).length, chart.id);
          assert.equal(count, chart.items.length, `${chart.id}: a box per item`);
          for (let n = 0; n < count; n += 1) {
            const item = await bringItem(page, chart.id, n);
            await page.touchscreen.tap(item.tap.x, item.tap.y);
            const t = await tooltipFor(page, item.id, chart.id);
            const where = `${lang}, ${chart.id}, ${item.id}`;
            assert.equal(t.hidden, false, `${where}: the tooltip is not shown`);
            // Measured after the frame that places it.
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
            const placed = await tooltipFor(page, item.id, chart.id);
            assert.ok(!placed.hidden && placed.active === item.id, `${where}: no tooltip shown`);
            assert.ok(!intersects(placed.box, item.box),
              `${where}: tooltip ${JSON.stringify(placed.box)} covers the item ${JSON.stringify(item.box)}`);
            assert.ok(placed.box.w <= 240.5, `${where}: tooltip ${placed.box.w} px wide`);
            assert.ok(placed.box.h <= PHONE.height / 3, `${where}: tooltip ${placed.box.h} px tall`);
            assert.ok(placed.box.x >= 0 && placed.box.x + placed.box.w <= PHONE.width,
              `${where}: tooltip leaves the screen sideways: ${JSON.stringify(placed.box)}`);
            assert.equal(placed.first, 'tt-value', `${where}: the tooltip leads with the value`);
            assert.equal(placed.sourceShown, false, `${where}: the source sentence starts closed`);
            // Tap the item again: the pinned tooltip goes.
            await page.touchscreen.tap(item.tap.x, item.tap.y);
            await eventually(
              () => page.evaluate(() => document.querySelector('[role="tooltip"]').hidden),
              (hidden) => hidden,
            );
          }
        }
        assert.deepEqual(problems, [], `${lang}: console problems`);
      });
    }
  });

  test('the source sentence opens one tap away, and the tooltip still clears its item', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'en', ...PHONE }, async ({ page, problems }) => {
      const chart = dataset.charts.find((c) => c.kind === 'bars') ?? dataset.charts[0];
      const item = await bringItem(page, chart.id, 1);
      const indicator = dataset.indicators.find((i) => i.id === item.id);
      await page.touchscreen.tap(item.tap.x, item.tap.y);
      await tooltipFor(page, item.id, chart.id);
      const toggle = await page.evaluate(() => {
        const r = document.querySelector('.tt-more').getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, h: r.height };
      });
      await page.touchscreen.tap(toggle.x, toggle.y);
      const open = await eventually(
        () => tooltipFor(page, item.id, chart.id),
        (s) => s.sourceShown && s.toggle === 'true',
      );
      assert.equal(open.toggle, 'true', 'the toggle says it is open');
      assert.ok(normalise(open.source).includes(normalise(indicator.source_en)),
        `the English tooltip quotes the translated sentence: ${open.source}`);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      const placed = await tooltipFor(page, item.id, chart.id);
      assert.ok(!intersects(placed.box, item.box),
        `open tooltip ${JSON.stringify(placed.box)} covers the item ${JSON.stringify(item.box)}`);
      assert.ok(placed.box.h <= PHONE.height / 3 + 1, `open tooltip ${placed.box.h} px tall`);
      assert.deepEqual(problems, []);
    });
  });

  test('a tooltip reached by keyboard clears its item too', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh', ...PHONE }, async ({ page }) => {
      for (const chart of dataset.charts) {
        await page.focus(`figure.chart[data-chart="${chart.id}"] canvas.plot`);
        for (let n = 0; n < chart.items.length; n += 1) {
          await page.keyboard.press('ArrowRight');
          const id = chart.items[n];
          await tooltipFor(page, id, chart.id);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
          const placed = await tooltipFor(page, id, chart.id);
          assert.ok(!placed.hidden && placed.active === id, `${chart.id}, ${id}: no tooltip shown`);
          const box = await page.evaluate(({ cid, n: k }) => {
            const r = document.querySelector(`figure.chart[data-chart="${CSS.escape(cid)}"] canvas.plot`).getBoundingClientRect();
            const it = window.articleCharts.items(cid)[k];
            return { x: r.left + it.x, y: r.top + it.y, w: it.w, h: it.h };
          }, { cid: chart.id, n });
          assert.ok(!intersects(placed.box, box),
            `${chart.id}, ${id}: tooltip ${JSON.stringify(placed.box)} covers the item ${JSON.stringify(box)}`);
        }
        await page.keyboard.press('Escape');
      }
    });
  });

  test('in an embed frame as tall as its chart, a tapped tooltip still clears its item', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const chart of dataset.charts) {
      await withPage(browser, { width: 375, height: 420, hasTouch: true }, async ({ page }) => {
        await page.goto(`${BASE_URL}embed.html?chart=${encodeURIComponent(chart.id)}&lang=en`);
        await waitReady(page);
        for (let n = 0; n < chart.items.length; n += 1) {
          const item = await bringItem(page, chart.id, n);
          await page.touchscreen.tap(item.tap.x, item.tap.y);
          await tooltipFor(page, item.id, chart.id);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
          const placed = await tooltipFor(page, item.id, chart.id);
          assert.ok(!placed.hidden && placed.active === item.id, `embed ${chart.id}, ${item.id}: no tooltip shown`);
          assert.ok(!intersects(placed.box, item.box),
            `embed ${chart.id}, ${item.id}: tooltip ${JSON.stringify(placed.box)} covers the item ${JSON.stringify(item.box)}`);
          await page.touchscreen.tap(item.tap.x, item.tap.y);
        }
      });
    }
  });
});
