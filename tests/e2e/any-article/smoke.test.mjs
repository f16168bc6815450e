// Smoke tests that hold for the site of any data folder: `cargo xtask test`
// builds the made-up second article (tests/data/second-article) and the
// Chinese-only one (tests/data/chinese-only) into sites of their own and runs
// this file against each, to prove that another article needs no change
// outside its data folder. Everything expected comes from the site's own
// data/indicators.json.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, eventually, normalise, startSuite, waitReady, withDashboard, withPage } from '../browser.mjs';

const TEST_TIMEOUT_MS = 120_000;

let browser;
let dataset;
before(async () => ({ browser, dataset } = await startSuite()));
after(() => browser?.close());

/**
 * The dashboards the site publishes, as [lang, suffix of the data's fields]:
 * English only when the data folder is written in it (`[meta] languages`).
 */
function langs() {
  const written = dataset.meta.languages ?? ['zh', 'en'];
  return written.includes('en') ? [['zh', 'zh'], ['en', 'en']] : [['zh', 'zh']];
}

/** How much of each chart's canvas is drawn: a blank canvas has one colour. */
function drawnShares(page) {
  return page.$$eval('figure.chart canvas.plot', (canvases) => canvases.map((canvas) => {
    const context = canvas.getContext('2d');
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = data.length / 4;
    return { id: canvas.closest('figure.chart').dataset.chart, share: (total - Math.max(...counts.values())) / total };
  }));
}

/** The tooltip's text and the highlighted items, as the page shows them now. */
function state(page) {
  return page.evaluate(() => {
    const tooltip = document.querySelector('[role="tooltip"]');
    return {
      shown: Boolean(tooltip) && !tooltip.hasAttribute('hidden'),
      text: tooltip?.textContent ?? '',
      active: [...document.querySelectorAll('canvas.plot[data-active]')].map((c) => c.dataset.active),
    };
  });
}

describe(`the site of another data folder (${BASE_URL})`, () => {
  test('shows its own headline and sections, and draws every chart', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const [lang, suffix] of langs()) {
      await withDashboard(browser, { lang }, async ({ page, problems }) => {
        const headline = await page.$eval('h1', (h) => h.textContent);
        assert.equal(normalise(headline), normalise(dataset.meta[`title_${suffix}`]), `${lang}: headline`);
        assert.equal(await page.title(), dataset.meta[`title_${suffix}`], `${lang}: <title>`);
        const sections = await page.$$eval('section.story-section', (s) => s.map((e) => e.dataset.section));
        // The data's sections in page order, then the link to the table of
        // every figure.
        assert.deepEqual(sections, [...dataset.sections.map((s) => s.id), 'all-figures'], `${lang}: sections in page order`);
        const ids = await page.evaluate(() => window.articleCharts.charts());
        assert.deepEqual(ids, dataset.charts.map((c) => c.id), `${lang}: charts`);
        const kinds = new Set(dataset.charts.map((c) => c.kind));
        assert.ok(kinds.size >= 3, 'the article has charts of three kinds or more');
        // The switch links every language published, Traditional Chinese
        // included, and no other.
        const switched = await page.$$eval('.lang-switch a', (links) => links.map((a) => a.getAttribute('hreflang')));
        const tags = langs().some(([l]) => l === 'en') ? ['zh-Hans', 'zh-Hant', 'en'] : ['zh-Hans', 'zh-Hant'];
        assert.deepEqual(switched, tags, `${lang}: the language switch`);
        for (const { id, share } of await drawnShares(page)) {
          assert.ok(share > 0.01, `${lang}: chart ${id} is blank`);
        }
        // The link leads to the table of every figure, a row per figure.
        await page.click('#all-figures a');
        await waitReady(page, problems);
        const rows = await page.$$eval('table.figures-table tbody tr[data-indicator]', (r) => r.map((e) => e.dataset.indicator));
        assert.deepEqual(rows.sort(), dataset.indicators.map((i) => i.id).sort(), `${lang}: the table of every figure`);
        assert.deepEqual(problems, [], `${lang}: console problems`);
      });
    }
  });

  test('hovering an item of every chart shows its figure', { timeout: TEST_TIMEOUT_MS }, async () => {
    const labels = new Map(dataset.indicators.map((i) => [i.id, i]));
    for (const [lang, suffix] of langs()) {
      await withDashboard(browser, { lang }, async ({ page }) => {
        for (const chart of dataset.charts) {
          const items = await page.evaluate((id) => window.articleCharts.items(id), chart.id);
          assert.equal(items.length, chart.items.length, `${chart.id}: a hover box per item`);
          const item = items[items.length - 1];
          const canvas = page.locator(`figure.chart[data-chart="${chart.id}"] canvas.plot`);
          await canvas.scrollIntoViewIfNeeded();
          await canvas.hover({ position: { x: item.x + item.w / 2, y: item.y + item.h / 2 } });
          const label = labels.get(item.id)[`label_${suffix}`];
          const s = await eventually(() => state(page), (x) => x.shown && normalise(x.text).includes(normalise(label)));
          assert.ok(s.shown && normalise(s.text).includes(normalise(label)), `${lang}: ${chart.id}: the tooltip "${s.text}" lacks "${label}"`);
          assert.deepEqual(s.active, [item.id], `${lang}: ${chart.id}: the item is lit`);
        }
      });
    }
  });

  test('the keyboard walks the items of a chart', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: langs().at(-1)[0] }, async ({ page }) => {
      const chart = dataset.charts[0];
      await page.focus(`figure.chart[data-chart="${chart.id}"] canvas.plot`);
      for (const id of chart.items) {
        await page.keyboard.press('ArrowRight');
        const s = await eventually(() => state(page), (x) => x.active[0] === id);
        assert.deepEqual(s.active, [id], `→ lights ${id}`);
      }
    });
  });

  test('an old ?lang=en link lands on a page the site publishes', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async ({ page }) => {
      await page.goto(`${BASE_URL}?lang=en`);
      await page.waitForURL((url) => !url.search.includes('lang='));
      const english = langs().some(([l]) => l === 'en');
      const lang = await page.evaluate(() => document.documentElement.lang);
      assert.equal(lang, english ? 'en' : 'zh-Hans', `?lang=en went to ${page.url()}`);
    });
  });

  test('an embedded chart reports its height to the page around it', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { width: 640, height: 900 }, async ({ page }) => {
      await page.goto(new URL('embed-resize.js', BASE_URL).href);
      const chart = dataset.charts[dataset.charts.length - 1].id;
      await page.setContent('<!doctype html><title>An article</title><p>Text before the chart.</p>');
      // The listener is in place before the frame exists, so no message is missed.
      const reported = await page.evaluate((src) => new Promise((resolve) => {
        window.addEventListener('message', (e) => {
          const h = e.data?.['datawrapper-height'];
          if (h) resolve(Object.values(h)[0]);
        });
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.style.cssText = 'width:100%;border:0';
        document.body.append(frame);
      }), new URL(`embed.html?chart=${chart}`, BASE_URL).href);
      assert.ok(Number.isFinite(reported) && reported > 100, `the embed of ${chart} reported ${reported}`);
    });
  });
});
