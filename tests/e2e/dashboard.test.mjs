// Browser tests of the dashboard, run by `cargo xtask test` against dist/
// served on 127.0.0.1 (BASE_URL). Every expectation comes from the page's
// contract or from dist/data/indicators.json, never from numbers copied here,
// so the tests follow the data file when it changes.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  eventually, fetchFromSite, normalise, sourceIn, openSuite, withDashboard,
} from './browser.mjs';
import { parseCsv } from './csv.mjs';

/** The public columns of the CSV download. */
const CSV_COLUMNS = [
  'id', 'category', 'label_zh', 'label_en', 'value', 'unit', 'qualifier', 'year',
  'printed', 'source', 'source_zh_hant', 'source_en', 'note_zh', 'note_en',
];

/** Below this many items in all, every item of every chart is hovered. */
const HOVER_ALL_LIMIT = 120;

/** A hung browser fails its test instead of stalling CI. */
const TEST_TIMEOUT_MS = 120_000;

const { browser, dataset } = await openSuite();

/**
 * Per `canvas.plot`: its chart id, backing store and CSS content-box size,
 * the device pixel ratio, and pixel statistics of what is drawn.
 */
function canvases(page, { pixels = false } = {}) {
  return page.$$eval('canvas.plot', (elements, withPixels) => elements.map((canvas) => {
    const rect = canvas.getBoundingClientRect();
    const style = getComputedStyle(canvas);
    const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
    const info = {
      id: canvas.closest('figure.chart')?.dataset.chart ?? '(outside a figure.chart)',
      width: canvas.width,
      height: canvas.height,
      cssWidth: rect.width - px('border-left-width') - px('border-right-width') - px('padding-left') - px('padding-right'),
      cssHeight: rect.height - px('border-top-width') - px('border-bottom-width') - px('padding-top') - px('padding-bottom'),
      dpr: window.devicePixelRatio,
    };
    if (withPixels) {
      // The most common colour is taken as the background; anything else is
      // drawing (bars, text, axes). A blank or cleared canvas has one colour.
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) {
        return { ...info, colours: 0, drawnShare: 0 };
      }
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const key = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const background = Math.max(...counts.values());
      const total = data.length / 4;
      return { ...info, colours: counts.size, drawnShare: (total - background) / total };
    }
    return info;
  }), pixels);
}

/** Requires every canvas to show a drawing, not a blank or cleared store. */
function assertDrawn(stats, when) {
  assert.ok(stats.length > 0, `${when}: no canvas.plot on the page`);
  for (const s of stats) {
    assert.ok(s.colours >= 2, `${when}: chart ${s.id} is blank (${s.colours} colour(s))`);
    assert.ok(
      s.drawnShare >= 0.01,
      `${when}: chart ${s.id} has only ${(s.drawnShare * 100).toFixed(2)}% drawn pixels`,
    );
  }
}

/** Whether a backing store matches CSS size × devicePixelRatio, ±1 px. */
function storeMatches(s) {
  return Math.abs(s.width - Math.round(s.cssWidth * s.dpr)) <= 1
    && Math.abs(s.height - Math.round(s.cssHeight * s.dpr)) <= 1;
}

function assertStoreMatches(stats, when) {
  for (const s of stats) {
    assert.ok(s.cssWidth > 0 && s.cssHeight > 0, `${when}: chart ${s.id} has no CSS size`);
    assert.ok(
      storeMatches(s),
      `${when}: chart ${s.id} backing store ${s.width}×${s.height} should be ` +
      `${Math.round(s.cssWidth * s.dpr)}×${Math.round(s.cssHeight * s.dpr)} ` +
      `(CSS ${s.cssWidth}×${s.cssHeight} at devicePixelRatio ${s.dpr})`,
    );
  }
}

/** The tooltip and hover state the page shows now. */
function hoverState(page) {
  return page.evaluate(() => {
    const tooltips = document.querySelectorAll('[role="tooltip"]');
    const tooltip = tooltips[0];
    return {
      tooltips: tooltips.length,
      hidden: tooltip ? tooltip.hasAttribute('hidden') : true,
      text: tooltip?.textContent ?? '',
      // The source sentence sits behind the tooltip's "source" toggle.
      source: tooltip?.querySelector('.tt-source')?.textContent ?? '',
      // The note, shown when the figure has one (empty and hidden else).
      note: tooltip?.querySelector('.tt-note:not([hidden])')?.textContent ?? '',
      active: [...document.querySelectorAll('canvas.plot[data-active]')].map((c) => ({
        chart: c.closest('figure.chart')?.dataset.chart,
        item: c.dataset.active,
      })),
    };
  });
}

/**
 * Moves the mouse to the centre of one item's hover box and checks that the
 * canvas marks it active and the tooltip holds its source sentence, in the
 * reader's language, behind its "source" toggle.
 */
async function hoverItem(page, chartId, item, indicator, lang) {
  const where = `chart ${chartId}, item ${item.id}`;
  // Bring the item's centre to the middle of the viewport, without smooth
  // scrolling, and read the canvas position afterwards.
  const point = await page.evaluate(({ chartId: id, item: box }) => {
    const canvas = document.querySelector(`figure.chart[data-chart="${CSS.escape(id)}"] canvas.plot`);
    if (!canvas) return null;
    let rect = canvas.getBoundingClientRect();
    const x = rect.left + box.x + box.w / 2;
    const y = rect.top + box.y + box.h / 2;
    window.scrollBy({ left: x - window.innerWidth / 2, top: y - window.innerHeight / 2, behavior: 'instant' });
    rect = canvas.getBoundingClientRect();
    const cx = rect.left + box.x + box.w / 2;
    const cy = rect.top + box.y + box.h / 2;
    const hit = document.elementFromPoint(cx, cy);
    return {
      x: cx,
      y: cy,
      canvasWidth: rect.width,
      canvasHeight: rect.height,
      hitsCanvas: hit === canvas,
      hit: hit ? `${hit.tagName.toLowerCase()}${hit.className ? `.${hit.className}` : ''}` : 'nothing',
    };
  }, { chartId, item });
  assert.ok(point, `${where}: no canvas.plot in figure.chart[data-chart="${chartId}"]`);
  assert.ok(item.w > 0 && item.h > 0, `${where}: empty hover box ${JSON.stringify(item)}`);
  const inside = item.x >= -1 && item.y >= -1
    && item.x + item.w <= point.canvasWidth + 1 && item.y + item.h <= point.canvasHeight + 1;
  assert.ok(inside, `${where}: hover box ${JSON.stringify(item)} is outside the ` +
    `${point.canvasWidth}×${point.canvasHeight} canvas`);
  assert.ok(point.hitsCanvas, `${where}: the item's centre is covered by ${point.hit}`);

  await page.mouse.move(point.x, point.y);
  const source = normalise({ zh: indicator.source, 'zh-Hant': indicator.source_zh_hant, en: indicator.source_en }[lang]);
  const note = normalise({ zh: indicator.note_zh, 'zh-Hant': indicator.note_zh_hant, en: indicator.note_en }[lang] ?? '');
  const state = await eventually(
    () => hoverState(page),
    (s) => !s.hidden && s.active.some((a) => a.chart === chartId && a.item === item.id)
      && normalise(s.source).includes(source),
  );
  assert.equal(state.tooltips, 1, 'there must be exactly one [role="tooltip"]');
  assert.deepEqual(state.active, [{ chart: chartId, item: item.id }], `${where}: data-active`);
  assert.equal(state.hidden, false, `${where}: the tooltip is hidden`);
  assert.ok(
    normalise(state.source).includes(source),
    `${where}: the tooltip's source "${normalise(state.source)}" lacks the sentence "${source}"`,
  );
  // The module takes the sentence and the note from the page's data table
  // (it does not carry them): both must be the figure's own. A long note is
  // shown up to where a sentence (or a clause, or a word) ends, marked with
  // an ellipsis (summary.rs, brief_note); the whole note is in the live
  // region and in the table of every figure.
  const shown = normalise(state.note);
  const kept = shown.replace(/(……| …)$/u, '').trimEnd();
  assert.ok(
    shown === note || (kept !== shown && kept.length > 0 && note.startsWith(kept)),
    `${where}: the tooltip's note "${shown}" is neither the note "${note}" nor its beginning`,
  );
}

/** Moves the mouse to a corner of the viewport that is over no chart. */
async function moveAway(page) {
  const point = await page.evaluate(() => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const corners = [[2, 2], [w - 3, 2], [2, h - 3], [w - 3, h - 3], [w / 2, 2]];
    return corners.find(([x, y]) => !document.elementFromPoint(x, y)?.closest('canvas.plot, [role="tooltip"]'));
  });
  assert.ok(point, 'every corner of the viewport is covered by a chart; cannot move the mouse away');
  await page.mouse.move(point[0], point[1]);
}

describe('the dashboard', () => {
  test('loads without console errors or warnings, in both Chinese scripts and English', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const [lang, htmlLang] of [['zh', 'zh-Hans'], ['zh-Hant', 'zh-Hant'], ['en', 'en']]) {
      await withDashboard(browser, { lang }, async ({ page, problems }) => {
        assert.equal(await page.getAttribute('html', 'lang'), htmlLang, `<html lang> for ?lang=${lang}`);
        const figures = await page.$$eval('figure.chart', (fs) => fs.map((f) => f.dataset.chart));
        assert.deepEqual(
          [...figures].sort(),
          dataset.charts.map((c) => c.id).sort(),
          `${lang}: one figure.chart per chart of indicators.json`,
        );
        const ids = await page.evaluate(() => window.articleCharts.charts());
        assert.deepEqual([...ids].sort(), [...figures].sort(), `${lang}: articleCharts.charts() lists the figures`);
        assert.deepEqual(problems, [], `${lang}: the page reported problems`);
      });
    }
  });

  test('every chart is drawn (light and dark)', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const options of [{ lang: 'zh', colorScheme: 'light' }, { lang: 'en', colorScheme: 'dark' }]) {
      await withDashboard(browser, options, async ({ page }) => {
        const perFigure = await page.$$eval('figure.chart', (fs) =>
          fs.map((f) => ({ id: f.dataset.chart, canvases: f.querySelectorAll('canvas.plot').length })));
        for (const f of perFigure) {
          assert.equal(f.canvases, 1, `chart ${f.id} must hold exactly one canvas.plot`);
        }
        assertDrawn(await canvases(page, { pixels: true }), `${options.lang}/${options.colorScheme}`);
      });
    }
  });

  test('hovering an item marks it and shows its value, note and source; leaving hides it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const indicators = new Map(dataset.indicators.map((i) => [i.id, i]));
    for (const lang of ['zh', 'zh-Hant', 'en']) {
      await withDashboard(browser, { lang }, async ({ page }) => {
        const charts = await page.evaluate(() => window.articleCharts.charts());
        assert.ok(charts.length > 0, 'articleCharts.charts() is empty');
        const items = new Map();
        for (const chartId of charts) {
          const list = await page.evaluate((id) => window.articleCharts.items(id), chartId);
          const expected = dataset.charts.find((c) => c.id === chartId)?.items;
          assert.ok(expected, `chart ${chartId} is not in indicators.json`);
          assert.deepEqual(
            [...list.map((i) => i.id)].sort(),
            [...expected].sort(),
            `articleCharts.items("${chartId}") must give a hover box for every item of the chart`,
          );
          items.set(chartId, list);
        }
        // Every item when that stays quick; else the first chart fully and
        // the first item of each other chart. English and Traditional
        // Chinese check first items only.
        const total = [...items.values()].reduce((n, list) => n + list.length, 0);
        for (const [index, chartId] of charts.entries()) {
          const list = items.get(chartId);
          const all = lang === 'zh' && (total <= HOVER_ALL_LIMIT || index === 0);
          for (const item of all ? list : list.slice(0, 1)) {
            const indicator = indicators.get(item.id);
            assert.ok(indicator, `item ${item.id} of chart ${chartId} is not an indicator of indicators.json`);
            await hoverItem(page, chartId, item, indicator, lang);
          }
        }

        await moveAway(page);
        const state = await eventually(() => hoverState(page), (s) => s.hidden && s.active.length === 0);
        assert.equal(state.hidden, true, `${lang}: the tooltip stays shown after the mouse left every chart`);
        assert.deepEqual(state.active, [], `${lang}: data-active stays set after the mouse left every chart`);
      });
    }
  });

  test('hovering repaints only the lit item: leaving restores the chart pixel for pixel', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh' }, async ({ page, problems }) => {
      const pixels = (id) => page.$eval(`figure.chart[data-chart="${id}"] canvas.plot`, (c) => c.toDataURL());
      for (const chartId of await page.evaluate(() => window.articleCharts.charts())) {
        const list = await page.evaluate((id) => window.articleCharts.items(id), chartId);
        const box = await page.$eval(`figure.chart[data-chart="${chartId}"] canvas.plot`, (c) => {
          c.scrollIntoView({ block: 'center' });
          const r = c.getBoundingClientRect();
          return { left: r.left, top: r.top };
        });
        const centre = (item) => [box.left + item.x + item.w / 2, box.top + item.y + item.h / 2];
        await moveAway(page);
        const unlit = await pixels(chartId);
        const lit = [];
        // Every item in turn, so each restore starts from another lit item.
        for (const item of list) {
          await page.mouse.move(...centre(item));
          await eventually(
            () => page.$eval(`figure.chart[data-chart="${chartId}"] canvas.plot`, (c) => c.dataset.active),
            (active) => active === item.id,
          );
          lit.push(await pixels(chartId));
        }
        await moveAway(page);
        await eventually(
          () => page.$eval(`figure.chart[data-chart="${chartId}"] canvas.plot`, (c) => c.dataset.active ?? null),
          (active) => active === null,
        );
        assert.equal(await pixels(chartId), unlit, `${chartId}: leaving the chart does not restore its unlit pixels`);
        lit.forEach((p, i) => assert.notEqual(p, unlit, `${chartId}: lighting ${list[i].id} changes no pixel`));
        assert.equal(new Set(lit).size, lit.length, `${chartId}: two items look the same when lit`);
      }
      assert.deepEqual(problems, [], 'the page reported problems');
    });
  });

  test('an item lit on a chart not painted yet leaves no trace when the next is lit', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { lang: 'zh', height: 400, paintAll: false }, async ({ page, problems }) => {
      // A chart far below the viewport (a short one, so that one is) is laid
      // out but not painted until it comes near. Keyboard focus that does not scroll reaches it before
      // the observer that paints it has called.
      const chartId = await page.evaluate(() => window.articleCharts.charts()
        .find((id) => !document.querySelector(`figure.chart[data-chart="${id}"] .plot-wrap`)?.classList.contains('painted')));
      assert.ok(chartId, 'every chart is painted at load; the test needs one far from the viewport');
      const plot = `figure.chart[data-chart="${chartId}"] canvas.plot`;
      const list = await page.evaluate((id) => window.articleCharts.items(id), chartId);
      assert.ok(list.length >= 2, `${chartId} has fewer than two items`);
      await page.$eval(plot, (c) => c.focus({ preventScroll: true }));
      for (const item of list.slice(0, 2)) {
        await page.keyboard.press('ArrowRight');
        await eventually(() => page.$eval(plot, (c) => c.dataset.active), (active) => active === item.id);
      }
      await page.keyboard.press('Escape');
      await eventually(() => page.$eval(plot, (c) => c.dataset.active ?? null), (active) => active === null);
      const left = await page.$eval(plot, (c) => c.toDataURL());
      // A change of colour scheme paints every chart near the viewport
      // afresh, with nothing lit: what the chart must look like now.
      const pixels = () => page.$eval(plot, (c) => c.toDataURL());
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await eventually(pixels, (p) => p !== left);
      assert.notEqual(dark, left, `${chartId}: a change to the dark scheme does not repaint the chart`);
      await page.emulateMedia({ colorScheme: 'light' });
      const fresh = await eventually(pixels, (p) => p !== dark);
      // Not `equal`: a failure would print two images as text.
      assert.ok(left === fresh, `${chartId}: an item lit before stays drawn after the reader moved on and left`);
      assert.deepEqual(problems, [], 'the page reported problems');
    });
  });

  test('canvas backing stores follow devicePixelRatio', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const deviceScaleFactor of [1, 2]) {
      await withDashboard(browser, { deviceScaleFactor }, async ({ page }) => {
        const stats = await eventually(() => canvases(page), (all) => all.every(storeMatches));
        assert.ok(stats.every((s) => s.dpr === deviceScaleFactor), 'devicePixelRatio was not applied');
        assertStoreMatches(stats, `deviceScaleFactor ${deviceScaleFactor}`);
      });
    }
  });

  test('a pixel-ratio change after load redraws every canvas at the new ratio', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { deviceScaleFactor: 1 }, async ({ page }) => {
      // Headless Chromium fires no event when DevTools emulation changes the
      // ratio, so the test does what a browser zoom does: the ratio changes
      // and the window gets a resize event. Fractional ratios too: the
      // backing store must not be truncated to a whole ratio.
      for (const ratio of [3, 1.25, 1]) {
        await page.evaluate((r) => {
          Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => r });
          window.dispatchEvent(new Event('resize'));
        }, ratio);
        const stats = await eventually(
          () => canvases(page),
          (all) => all.every((s) => s.dpr === ratio && storeMatches(s)),
        );
        assert.ok(stats.every((s) => s.dpr === ratio), `devicePixelRatio ${ratio} was not applied`);
        assertStoreMatches(stats, `after changing to ${ratio}`);
      }
    });
  });

  test('narrow phones: nothing is wider than the screen', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const width of [375, 320]) {
      await withDashboard(browser, { width, height: 800 }, async ({ page }) => {
        const layout = await page.evaluate(() => {
          const root = document.documentElement;
          const contentWidth = (element) => {
            const style = getComputedStyle(element);
            return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          };
          return {
            scrollWidth: root.scrollWidth,
            clientWidth: root.clientWidth,
            figures: [...document.querySelectorAll('figure.chart')].map((figure) => {
              const rect = figure.getBoundingClientRect();
              const canvas = figure.querySelector('canvas.plot')?.getBoundingClientRect();
              return {
                id: figure.dataset.chart,
                width: rect.width,
                left: rect.left + window.scrollX,
                right: rect.right + window.scrollX,
                container: contentWidth(figure.parentElement),
                canvasWidth: canvas?.width ?? 0,
              };
            }),
          };
        });
        assert.ok(layout.figures.length > 0, `${width}px: no figure.chart`);
        for (const f of layout.figures) {
          assert.ok(f.width <= f.container + 0.5,
            `${width}px: chart ${f.id} is ${f.width}px wide in a ${f.container}px container`);
          assert.ok(f.left >= -0.5 && f.right <= layout.clientWidth + 0.5,
            `${width}px: chart ${f.id} spans ${f.left}–${f.right}px of a ${layout.clientWidth}px page`);
          assert.ok(f.canvasWidth <= f.width + 0.5,
            `${width}px: the canvas of chart ${f.id} (${f.canvasWidth}px) overflows its figure (${f.width}px)`);
        }
        assert.ok(layout.scrollWidth <= layout.clientWidth,
          `${width}px: the page scrolls sideways (scrollWidth ${layout.scrollWidth} > clientWidth ${layout.clientWidth})`);
      });
    }
  });

  test('the data download has one CSV row per indicator', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const lang of ['zh', 'en']) {
      await withDashboard(browser, { lang }, async ({ page }) => {
        const links = await page.$$eval('a[href$="indicators.csv"]', (as) => as.map((a) => a.href));
        assert.ok(links.length > 0, `${lang}: no a[href$="indicators.csv"] link`);
        for (const href of new Set(links)) {
          const response = await fetchFromSite(href);
          assert.match(response.headers.get('content-type') ?? '', /^text\/csv/, `${href}: Content-Type`);
          const [header, ...rows] = parseCsv(await response.text());
          assert.deepEqual(header, CSV_COLUMNS, `${href}: header`);
          assert.equal(rows.length, dataset.indicators.length, `${href}: one row per indicator of indicators.json`);
          for (const [index, indicator] of dataset.indicators.entries()) {
            const row = Object.fromEntries(CSV_COLUMNS.map((name, i) => [name, rows[index][i]]));
            assert.equal(rows[index].length, CSV_COLUMNS.length, `${href}: row ${index + 2} has ${rows[index].length} fields`);
            assert.equal(row.id, indicator.id, `${href}: row ${index + 2} id`);
            assert.equal(row.label_zh, indicator.label_zh, `${href}: ${indicator.id} label_zh`);
            assert.equal(row.source, indicator.source, `${href}: ${indicator.id} source`);
            if (indicator.value === null || indicator.value === undefined) {
              assert.equal(row.value, '', `${href}: ${indicator.id} has no value, so its cell must be empty`);
            } else {
              assert.equal(Number(row.value), indicator.value, `${href}: ${indicator.id} value`);
            }
          }
        }
      });
    }
  });

  test('charts are redrawn at the new size when the window narrows', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withDashboard(browser, { width: 1280, height: 900 }, async ({ page }) => {
      const wide = await canvases(page);
      const wideWidth = new Map(wide.map((s) => [s.id, s.cssWidth]));
      await page.setViewportSize({ width: 400, height: 900 });
      // Resizing a canvas clears it, so drawn pixels at the new size show
      // that the chart was drawn again, not just stretched.
      const drawn = (s) => s.colours >= 2 && s.drawnShare >= 0.01;
      const narrow = await eventually(
        () => canvases(page, { pixels: true }),
        (all) => all.every((s) => storeMatches(s) && drawn(s)) && all.some((s) => s.cssWidth < wideWidth.get(s.id)),
      );
      assert.ok(
        narrow.some((s) => s.cssWidth < wideWidth.get(s.id)),
        'no chart became narrower at 400px, so the resize was not tested',
      );
      assertStoreMatches(narrow, 'after resizing to 400px');
      assertDrawn(narrow, 'after resizing to 400px');
    });
  });
});
