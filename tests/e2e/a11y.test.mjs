// Browser tests of every reader but the mouse user: axe-core finds no
// accessibility violation in any language or colour scheme; the keyboard
// reaches every chart and every item of it, and the live region reads each
// item out; a finger pins and dismisses tooltips that stay on a 320 px
// screen; and every figure of the data is in some chart's data table with
// its unit and qualifier. Expectations come from dist/data/indicators.json
// and the page contract, never from numbers copied here.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { BASE_URL, UI_TIMEOUT_MS, chartOfKind, eventually, normalise, pageUrl, sourceIn, openSuite, waitReady, withDashboard, withPage } from './browser.mjs';

const require = createRequire(import.meta.url);
/**
 * axe-core's browser build, run in the page under test through the DevTools
 * protocol: an inline script tag would be refused by the page's
 * Content-Security-Policy, which these tests keep in force.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TEST_TIMEOUT_MS = 240_000;
const LANGS = ['zh', 'zh-Hant', 'en'];

const { browser, dataset } = await openSuite();

/**
 * Taps `point` and returns once every event of the tap has been handled:
 * the browser ends a tap with a `click` (after the pointer, touch and
 * compatibility mouse events), and two animation frames after it the page
 * has drawn whatever those events asked for. A check that the tap left
 * something as it was waits for this rather than for a fixed time, which a
 * slower regression would outlast.
 */
async function tapAndSettle(page, point) {
  await page.evaluate((limit) => {
    window.__tapSettled = new Promise((resolve, reject) => {
      addEventListener('click', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), { once: true, capture: true });
      // A limit, not a wait: a tap whose click never comes fails here.
      setTimeout(() => reject(new Error(`no click ended the tap within ${limit} ms`)), limit);
    });
  }, UI_TIMEOUT_MS);
  await page.touchscreen.tap(point.x, point.y);
  await page.evaluate(() => window.__tapSettled);
}

/**
 * What a reader can perceive now: focus, highlight, tooltip, live region.
 * Read in the next animation frame, after the page's own frame callbacks
 * (the tooltip is placed there), as the frame a reader sees.
 */
function uiState(page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const tooltip = document.querySelector('[role="tooltip"]');
    const box = tooltip?.getBoundingClientRect();
    const focused = document.activeElement;
    return {
      focusedChart: focused?.matches?.('canvas.plot') ? focused.closest('figure.chart')?.dataset.chart : null,
      // A chart's ring is its wrapper's outline, outside the canvas (chart.css).
      focusOutline: focused ? getComputedStyle(focused.matches?.('canvas.plot') ? focused.parentElement : focused).outlineStyle : 'none',
      active: [...document.querySelectorAll('canvas.plot[data-active]')].map((c) => ({
        chart: c.closest('figure.chart')?.dataset.chart,
        item: c.dataset.active,
      })),
      tooltipHidden: tooltip ? tooltip.hidden : true,
      tooltipText: tooltip?.textContent ?? '',
      tooltipBox: box ? { left: box.left, top: box.top, right: box.right, bottom: box.bottom } : null,
      viewport: { width: document.documentElement.clientWidth, height: window.innerHeight },
      live: [...document.querySelectorAll('[aria-live]')].map((e) => ({
        politeness: e.getAttribute('aria-live'),
        text: e.textContent,
      })),
    };
  });
}

/** The rows of a chart's data table: indicator id and cell texts. */
function tableRows(page, chartId) {
  return page.$$eval(
    `figure.chart[data-chart="${chartId}"] table tbody tr`,
    (rows) => rows.map((r) => ({
      id: r.dataset.indicator,
      label: r.querySelector('th')?.textContent ?? '',
      value: r.querySelector('td.value')?.textContent ?? '',
      year: r.querySelector('td.year')?.textContent ?? '',
      source: r.querySelector('td.source')?.textContent ?? '',
    })),
  );
}

/** The rows of the table of every figure: indicator id and cell texts. */
function allFiguresRows(page) {
  return page.$$eval(
    'section.all-figures table tbody tr[data-indicator]',
    (rows) => rows.map((r) => {
      // A sentence is quoted once; a later figure of it links to that row.
      const same = r.querySelector('td.source.same a[data-same]');
      const quoting = same ? r.closest('table').querySelector(same.getAttribute('href')) : r;
      return {
        id: r.dataset.indicator,
        value: r.querySelector('td.value')?.textContent ?? '',
        source: quoting?.querySelector('td.source > span')?.textContent ?? '',
      };
    }),
  );
}

function assertInViewport(state, where) {
  const b = state.tooltipBox;
  assert.ok(b, `${where}: no tooltip`);
  assert.ok(
    b.left >= 0 && b.top >= 0 && b.right <= state.viewport.width && b.bottom <= state.viewport.height,
    `${where}: the tooltip ${JSON.stringify(b)} leaves the ${state.viewport.width}×${state.viewport.height} viewport`,
  );
}

describe('accessibility', () => {
  test('axe-core finds no violations in any language, light and dark, tables hidden and shown', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of LANGS) {
      for (const colorScheme of ['light', 'dark']) {
        // Light on a phone's width, where touch targets crowd; dark on a desktop's.
        const width = colorScheme === 'light' ? 412 : 1280;
        const axe = (page) => page.evaluate(async () => {
          // Touch targets too (WCAG 2.5.8), as Lighthouse checks them:
          // axe leaves that rule off unless asked.
          const result = await window.axe.run(document, { rules: { 'target-size': { enabled: true } } });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
          }));
        });
        await withDashboard(browser, { lang, colorScheme, width }, async ({ page, problems }) => {
          await page.evaluate(AXE_SOURCE);
          for (const shown of [false, true]) {
            if (shown) {
              await page.$$eval('button.data-toggle', (buttons) => buttons.forEach((b) => b.click()));
            }
            const violations = await axe(page);
            assert.deepEqual(violations, [], `${lang}/${colorScheme}, tables ${shown ? 'shown' : 'hidden'}: ${JSON.stringify(violations, null, 1)}`);
          }
          // The table of every figure, on its own page.
          await page.goto(pageUrl(lang, 'figures'));
          await waitReady(page, problems);
          await page.evaluate(AXE_SOURCE);
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${lang}/${colorScheme}, the table of every figure: ${JSON.stringify(violations, null, 1)}`);
          assert.deepEqual(problems, [], `${lang}/${colorScheme}: the page reported problems`);
        });
      }
    }
  });

  test('the data tables waiting for their button are in the accessibility tree, every row of them', { timeout: TEST_TIMEOUT_MS }, async () => {
    // Hidden on screen but not from assistive technology: a screen reader
    // finds every chart's table without pressing its button, including the
    // charts far below the fold (which `content-visibility` would drop).
    await withDashboard(browser, { lang: 'zh', width: 1280, height: 900 }, async ({ page, context }) => {
      const hidden = await page.$$eval('.data-table-wrap', (ws) => ws.filter((w) => w.getBoundingClientRect().height <= 1).length);
      assert.equal(hidden, dataset.charts.length, 'every table starts visually hidden');
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const count = (role) => nodes.filter((n) => !n.ignored && n.role?.value === role).length;
      const figures = dataset.charts.reduce((n, c) => n + c.items.length, 0);
      assert.equal(count('table'), dataset.charts.length, 'one table per chart');
      assert.equal(count('row'), figures + dataset.charts.length, 'a row per figure plus a header row per table');
      // The cells too, not only the rows: with each row of a table skipped
      // on its own (`content-visibility` on rows laid out as grids),
      // Chromium kept the rows in the tree but dropped every cell of them,
      // and a screen reader would read no figure. A chart's table has a
      // figure's value, year and source sentence.
      assert.equal(count('cell'), 3 * figures, 'every cell of every table');
      assert.equal(count('rowheader'), figures, 'a heading per figure\'s row');
    });
  });

  test('the table of every figure is in the accessibility tree, every cell of it', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh', width: 1280, height: 900, file: 'figures' }, async ({ page, context }) => {
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const count = (role) => nodes.filter((n) => !n.ignored && n.role?.value === role).length;
      // A header row, a heading row per theme and a row per figure, with
      // its value, period, sentence and charts.
      const themes = new Set(dataset.indicators.map((i) => i.category)).size;
      assert.equal(count('table'), 1, 'the table of every figure');
      assert.equal(count('row'), 1 + themes + dataset.indicators.length, 'a header row, a row per theme and per figure');
      assert.equal(count('cell'), 4 * dataset.indicators.length, 'every cell of the table');
      assert.equal(count('rowheader'), dataset.indicators.length + themes, 'a heading per figure\'s row and per theme');
    });
  });

  test('axe-core finds no violations on embed pages in any language and theme', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A cards chart and a bars chart, themes chosen by the option and by the
    // reader's colour scheme, with the table shown.
    await withPage(browser, { width: 640, height: 800 }, async ({ page, problems }) => {
      for (const lang of LANGS) {
        for (const [chart, theme] of [[await chartOfKind('cards'), 'light'], [await chartOfKind('bars'), 'dark'], [await chartOfKind('timeline'), 'auto']]) {
          await page.emulateMedia({ colorScheme: theme === 'auto' ? 'dark' : 'light' });
          await page.goto(`${BASE_URL}embed.html?chart=${chart}&lang=${lang}&theme=${theme}`);
          await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
          await page.$$eval('button.data-toggle', (buttons) => buttons.forEach((b) => b.click()));
          await page.evaluate(AXE_SOURCE);
          const violations = await page.evaluate(async () => {
            const result = await window.axe.run(document);
            return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          });
          assert.deepEqual(violations, [], `embed ${chart} ${lang} ${theme}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });

  test('each chart has a name, a summary and the key hint; one polite live region', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of LANGS) {
      await withDashboard(browser, { lang }, async ({ page }) => {
        const charts = await page.$$eval('figure.chart', (figures) => figures.map((f) => {
          const canvas = f.querySelector('canvas.plot');
          const byIds = (attr) => (canvas?.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)
            .map((id) => document.getElementById(id)?.textContent ?? '');
          return {
            id: f.dataset.chart,
            tabindex: canvas?.getAttribute('tabindex'),
            name: byIds('aria-labelledby').join(' '),
            title: f.querySelector('.chart-title')?.textContent,
            description: byIds('aria-describedby'),
          };
        }));
        for (const c of charts) {
          assert.equal(c.tabindex, '0', `${lang}: chart ${c.id} is not one tab stop`);
          assert.equal(c.name, c.title, `${lang}: chart ${c.id} is not named by its title`);
          assert.equal(c.description.length, 2, `${lang}: chart ${c.id} lacks summary or key hint`);
          assert.ok(c.description.every((d) => d.length > 10), `${lang}: chart ${c.id}: ${c.description}`);
        }
        const state = await uiState(page);
        assert.deepEqual(state.live.map((l) => l.politeness), ['polite'], `${lang}: one polite live region`);
      });
    }
  });

  test('the keyboard reaches every chart once and walks every item in order', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of LANGS) {
      await withDashboard(browser, { lang, width: 1280, height: 800 }, async ({ page }) => {
        const charts = await page.evaluate(() => window.articleCharts.charts());
        const reached = [];
        // One pass of Tab through the whole page; every chart canvas met on
        // the way is walked with the arrow keys.
        for (let presses = 0; presses < 400; presses += 1) {
          await page.keyboard.press('Tab');
          const state = await uiState(page);
          if (state.focusedChart === null) {
            const atEnd = await page.evaluate(() => document.activeElement === document.body);
            if (atEnd && reached.length > 0) break;
            continue;
          }
          const chartId = state.focusedChart;
          if (reached.includes(chartId)) break;
          reached.push(chartId);
          assert.equal(state.focusOutline, 'solid', `${lang}: chart ${chartId} shows no focus ring`);
          assert.equal(state.active.length, 0, `${lang}: chart ${chartId}: an item is highlighted before any key`);
          const items = await page.evaluate((id) => window.articleCharts.items(id), chartId);
          const rows = await tableRows(page, chartId);
          assert.deepEqual(rows.map((r) => r.id), items.map((i) => i.id),
            `${lang}: chart ${chartId}: the data table follows the items' order`);
          for (const [k, item] of items.entries()) {
            await page.keyboard.press('ArrowRight');
            const s = await uiState(page);
            const where = `${lang}: chart ${chartId}, → ${k + 1}`;
            assert.deepEqual(s.active, [{ chart: chartId, item: item.id }], `${where}: highlighted item`);
            assert.equal(s.tooltipHidden, false, `${where}: the tooltip is hidden`);
            assertInViewport(s, where);
            const said = normalise(s.live[0]?.text);
            assert.ok(said.includes(normalise(rows[k].value)), `${where}: the live region "${said}" lacks the value "${rows[k].value}"`);
            assert.ok(said.includes(normalise(rows[k].label)), `${where}: the live region "${said}" lacks the label "${rows[k].label}"`);
            assert.ok(normalise(s.tooltipText).includes(normalise(rows[k].value)), `${where}: the tooltip lacks the value`);
          }
          const last = items[items.length - 1].id;
          await page.keyboard.press('ArrowRight');
          assert.deepEqual((await uiState(page)).active, [{ chart: chartId, item: last }], `${lang}: ${chartId}: → stops at the last item`);
          await page.keyboard.press('Home');
          assert.deepEqual((await uiState(page)).active, [{ chart: chartId, item: items[0].id }], `${lang}: ${chartId}: Home`);
          await page.keyboard.press('ArrowLeft');
          assert.deepEqual((await uiState(page)).active, [{ chart: chartId, item: items[0].id }], `${lang}: ${chartId}: ← stops at the first item`);
          await page.keyboard.press('End');
          assert.deepEqual((await uiState(page)).active, [{ chart: chartId, item: last }], `${lang}: ${chartId}: End`);
          await page.keyboard.press('Escape');
          const escaped = await uiState(page);
          assert.equal(escaped.tooltipHidden, true, `${lang}: ${chartId}: Escape leaves the tooltip shown`);
          assert.deepEqual(escaped.active, [], `${lang}: ${chartId}: Escape leaves the item highlighted`);
          assert.equal(escaped.focusedChart, chartId, `${lang}: ${chartId}: Escape moved the focus`);
        }
        assert.deepEqual([...reached].sort(), [...charts].sort(), `${lang}: Tab reaches every chart exactly once`);
        assert.deepEqual(reached, charts, `${lang}: charts are reached in page order`);
      });
    }
  });

  test('an item reached by keyboard is drawn exactly as when hovered', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh' }, async ({ page }) => {
      const charts = await page.evaluate(() => window.articleCharts.charts());
      for (const chartId of [charts[0], dataset.charts.find((c) => c.kind === 'bars').id]) {
        const canvas = `figure.chart[data-chart="${chartId}"] canvas.plot`;
        // The pointer is parked off the charts: focusing scrolls the page, and
        // a chart scrolled under a resting pointer would be hovered too.
        await page.mouse.move(0, 0);
        await page.focus(canvas);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        const byKey = await page.$eval(canvas, (c) => c.toDataURL());
        const keyed = (await uiState(page)).active;
        await page.keyboard.press('Escape');
        const plain = await page.$eval(canvas, (c) => c.toDataURL());
        assert.notEqual(byKey, plain, `${chartId}: the focused item is not highlighted`);
        const [item] = (await page.evaluate((id) => window.articleCharts.items(id), chartId)).slice(1, 2);
        const box = await page.$eval(canvas, (c) => c.getBoundingClientRect().toJSON());
        await page.mouse.move(box.left + item.x + item.w / 2, box.top + item.y + item.h / 2);
        const hovered = await eventually(() => uiState(page), (s) => s.active.length === 1);
        assert.deepEqual(hovered.active, keyed, `${chartId}: hover and keyboard pick the same item`);
        const byMouse = await page.$eval(canvas, (c) => c.toDataURL());
        assert.equal(byMouse, byKey, `${chartId}: the keyboard highlight differs from the hover highlight`);
      }
    });
  });

  test('touch: a tap pins, a tap on the same item or elsewhere dismisses, the tooltip stays on a 320 px screen', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh', width: 320, height: 640, hasTouch: true }, async ({ page }) => {
      // The years chart has its first item at the left edge and its last at
      // the right; the first cards chart has cards in both edge columns.
      const charts = [dataset.charts.find((c) => c.kind === 'years').id, dataset.charts[0].id];
      for (const chartId of charts) {
        const items = await page.evaluate((id) => window.articleCharts.items(id), chartId);
        for (const item of [items[0], items[items.length - 1]]) {
          const where = `${chartId}, item ${item.id}`;
          const point = await page.evaluate(({ id, box }) => {
            const canvas = document.querySelector(`figure.chart[data-chart="${id}"] canvas.plot`);
            let rect = canvas.getBoundingClientRect();
            window.scrollBy({ top: rect.top + box.y + box.h / 2 - window.innerHeight / 2, behavior: 'instant' });
            rect = canvas.getBoundingClientRect();
            return { x: rect.left + box.x + box.w / 2, y: rect.top + box.y + box.h / 2 };
          }, { id: chartId, box: item });
          await tapAndSettle(page, point);
          let s = await eventually(() => uiState(page), (st) => !st.tooltipHidden);
          assert.deepEqual(s.active, [{ chart: chartId, item: item.id }], `${where}: a tap pins the item`);
          assertInViewport(s, where);
          // No phantom hover: the tooltip stays pinned after the finger
          // lifts, once every event of the tap has been handled.
          s = await uiState(page);
          assert.equal(s.tooltipHidden, false, `${where}: the pinned tooltip went away by itself`);
          await page.touchscreen.tap(point.x, point.y);
          s = await eventually(() => uiState(page), (st) => st.tooltipHidden);
          assert.equal(s.tooltipHidden, true, `${where}: a second tap on the item does not dismiss it`);
          assert.deepEqual(s.active, [], `${where}: the item stays highlighted after the second tap`);

          await page.touchscreen.tap(point.x, point.y);
          await eventually(() => uiState(page), (st) => !st.tooltipHidden);
          // A point of the page's margin, beside the charts: no canvas,
          // no link or button.
          const outside = await page.evaluate(() => {
            for (let y = 10; y < window.innerHeight; y += 20) {
              const e = document.elementFromPoint(4, y);
              if (e && !e.closest('canvas.plot, a, button, [role="tooltip"]')) return { x: 4, y };
            }
            return null;
          });
          assert.ok(outside, `${where}: nothing to tap outside the charts on screen`);
          await tapAndSettle(page, outside);
          s = await eventually(() => uiState(page), (st) => st.tooltipHidden);
          assert.equal(s.tooltipHidden, true, `${where}: a tap outside does not dismiss the tooltip`);
          assert.deepEqual(s.active, [], `${where}: the item stays highlighted after a tap outside`);
          // Read again after every event of the tap was handled: nothing
          // brought the tooltip back.
          s = await uiState(page);
          assert.equal(s.tooltipHidden, true, `${where}: a tooltip came back after the tap outside`);
        }
      }
    });
  });

  test('touch: dragging a finger across a chart scrubs from item to item', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh', width: 375, height: 700, hasTouch: true }, async ({ page, context }) => {
      const chartId = dataset.charts.find((c) => c.kind === 'years').id;
      const items = await page.evaluate((id) => window.articleCharts.items(id), chartId);
      const points = await page.evaluate(({ id, boxes }) => {
        const canvas = document.querySelector(`figure.chart[data-chart="${id}"] canvas.plot`);
        canvas.scrollIntoView({ block: 'center', behavior: 'instant' });
        const rect = canvas.getBoundingClientRect();
        return boxes.map((b) => ({ x: rect.left + b.x + b.w / 2, y: rect.top + b.y + b.h / 2 }));
      }, { id: chartId, boxes: items });
      const first = points[0];
      const last = points[points.length - 1];
      const cdp = await context.newCDPSession(page);
      const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: p ? [{ x: Math.round(p.x), y: Math.round(p.y) }] : [],
      });
      await touch('touchStart', first);
      let s = await eventually(() => uiState(page), (st) => st.active.length === 1);
      assert.deepEqual(s.active, [{ chart: chartId, item: items[0].id }], 'the finger lands on the first item');
      const steps = 12;
      for (let k = 1; k <= steps; k += 1) {
        await touch('touchMove', { x: first.x + ((last.x - first.x) * k) / steps, y: first.y });
      }
      s = await eventually(() => uiState(page), (st) => st.active[0]?.item === items[items.length - 1].id);
      assert.deepEqual(s.active, [{ chart: chartId, item: items[items.length - 1].id }], 'the drag reaches the last item');
      await touch('touchEnd');
      s = await uiState(page);
      assert.equal(s.tooltipHidden, false, 'the scrubbed-to tooltip stays pinned when the finger lifts');
      assertInViewport(s, 'after scrubbing');
    });
  });

  test('"Show data" shows and hides the table and says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'en', width: 375 }, async ({ page }) => {
      const chartId = dataset.charts[0].id;
      const button = `figure.chart[data-chart="${chartId}"] button.data-toggle`;
      const table = `figure.chart[data-chart="${chartId}"] .data-table-wrap`;
      const shown = () => page.$eval(table, (t) => t.getBoundingClientRect().height > 20);
      assert.equal(await page.getAttribute(button, 'aria-expanded'), 'false');
      assert.equal(await shown(), false, 'the table is on screen before the button is pressed');
      await page.focus(button);
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute(button, 'aria-expanded'), 'true');
      assert.equal(await shown(), true, 'the table is not shown after the button is pressed');
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(fits, 'the shown table makes the page scroll sideways at 375 px');
      await page.click(button);
      assert.equal(await page.getAttribute(button, 'aria-expanded'), 'false');
      assert.equal(await shown(), false, 'the table stays on screen after the second press');
    });
  });

  test('every figure is in the table of every figure with its unit and qualifier, in every language', { timeout: TEST_TIMEOUT_MS }, async () => {
    /**
     * What an English value cell must show of its unit, from the data
     * file's own words: the symbol where there is one (¥), else the
     * singular or plural word; a calendar year is its four digits.
     */
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const EN_UNITS = Object.fromEntries(dataset.units.map((u) => {
      if (u.quantity === 'year') return [u.id, /^\d{4}/];
      if (u.symbol) return [u.id, new RegExp(escape(u.symbol))];
      const words = [...new Set([u.en, u.en_plural])].filter(Boolean).map(escape);
      // A word is whole: a boundary wherever it begins or ends with a
      // letter (not after the ² of km², nor before a %).
      const whole = (w) => `${/^\w/.test(w) ? '\\b' : ''}${w}${/\w$/.test(w) ? '\\b' : ''}`;
      return [u.id, new RegExp(words.map(whole).join('|'))];
    }));
    // The article's own word, as printed: 余 and 以上 are both "at least".
    const QUALIFIERS = {
      en: { at_least: /\+|more than|or more/, approx: /nearly|about/, at_most: /under|less than|at most/ },
      zh: { at_least: /余|以上|超过|逾/, approx: /近|约|左右/, at_most: /以下|不到|不足|不超过/ },
      'zh-Hant': { at_least: /餘|以上|超過|逾/, approx: /近|約|左右/, at_most: /以下|不到|不足|不超過/ },
    };
    /** The number an English value cell states, in base units. */
    const englishNumber = (text) => {
      const m = text.replace(/,/g, '').match(/(\d+(?:\.\d+)?)(?:st|nd|rd|th)?\+?\s*(million|billion)?/);
      if (!m) return NaN;
      return Number(m[1]) * ({ million: 1e6, billion: 1e9 }[m[2]] ?? 1);
    };
    for (const lang of LANGS) {
      await withDashboard(browser, { lang }, async ({ page, problems }) => {
        const chartRows = [];
        for (const chart of dataset.charts) chartRows.push([chart, await tableRows(page, chart.id)]);
        await page.goto(pageUrl(lang, 'figures'));
        await waitReady(page, problems);
        // A chart's own table says what the table of every figure says.
        const rows = new Map((await allFiguresRows(page)).map((r) => [r.id, r]));
        for (const [chart, chartTable] of chartRows) {
          for (const row of chartTable) {
            const all = rows.get(row.id);
            assert.ok(all, `${lang}: ${row.id} of chart ${chart.id} is not in the table of every figure`);
            assert.equal(row.value, all.value, `${lang}: ${row.id}: the chart's table and the table of every figure differ`);
          }
        }
        const sourceKey = { zh: 'source', 'zh-Hant': 'source_zh_hant', en: 'source_en' }[lang];
        for (const ind of dataset.indicators) {
          const row = rows.get(ind.id);
          const where = `${lang}: ${ind.id}`;
          assert.ok(row, `${where} is not in the table of every figure`);
          assert.equal(normalise(row.source), normalise(ind[sourceKey]), `${where}: source`);
          if (ind.qualifier !== 'exact') {
            assert.match(row.value, QUALIFIERS[lang][ind.qualifier], `${where}: "${row.value}" lacks its qualifier`);
          } else {
            for (const q of Object.values(QUALIFIERS[lang])) {
              if (ind.unit !== 'calendar_year') assert.doesNotMatch(row.value, q, `${where}: "${row.value}" is exact`);
            }
          }
          if (ind.value === null || ind.value === undefined) {
            assert.ok(row.value.includes(ind.printed.replace(/[余人次名]/g, '').slice(0, 3)), `${where}: "${row.value}" does not show the digits that survive`);
            continue;
          }
          if (lang === 'en') {
            const unit = EN_UNITS[ind.unit];
            assert.ok(unit, `${where}: no English unit words for "${ind.unit}" in this test`);
            assert.match(row.value, unit, `${where}: "${row.value}" lacks its unit`);
            const n = englishNumber(row.value);
            assert.ok(Math.abs(n - ind.value) <= 1e-9 * Math.max(1, ind.value), `${where}: "${row.value}" states ${n}, not ${ind.value}`);
          } else {
            // A position is shown as the article prints it ("第二轮"), so
            // its number may be written in Chinese numerals.
            const numeral = ind.printed?.match(/第([〇零一二两三四五六七八九十百]+)/)?.[1];
            assert.ok(/\d/.test(row.value) || (numeral && row.value.includes(numeral)), `${where}: "${row.value}" has no digits`);
          }
        }
      });
    }
  });

  test('the language switch lists all three languages and marks the current one', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh' }, async ({ page }) => {
      const links = await page.$$eval('nav.lang-switch a', (as) => as.map((a) => ({
        lang: a.getAttribute('hreflang'),
        current: a.getAttribute('aria-current'),
        text: a.textContent,
      })));
      assert.deepEqual(links.map((l) => l.lang), ['zh-Hans', 'zh-Hant', 'en']);
      assert.deepEqual(links.map((l) => l.current), ['page', null, null]);
      await Promise.all([page.waitForURL(/index\.zh-Hant\.html/), page.click('nav.lang-switch a[hreflang="zh-Hant"]')]);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
      const title = await page.textContent('h1');
      assert.equal(title.trim(), dataset.meta.title_zh_hant, 'the Traditional Chinese headline');
      const current = await page.$eval('nav.lang-switch a[aria-current="page"]', (a) => a.getAttribute('hreflang'));
      assert.equal(current, 'zh-Hant');
    });
  });
});
