// A smoke test in the two other engines readers use: Firefox ESR and
// WebKitGTK (Safari's engine). Chromium runs every other test; here each
// engine must draw every chart, show a tooltip on hover, move it with the
// keyboard, show the focus ring, let an embed report its height, and mount
// the script embed from another origin. See engines.mjs for how each
// browser is driven (no browser is downloaded).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, loadDataset, smallBars } from './browser.mjs';
import { VIEWPORT, firefox, webkit } from './engines.mjs';
import { startHostileServer } from './hostile-server.mjs';
import { decodePng } from './png.mjs';

const TEST_TIMEOUT_MS = 120_000;
/** A chart of the data: the bars chart with fewest figures. */
let CHART;
/** The accent colour of the light theme (src/theme.rs), which draws the focus ring. */
const ACCENT = [0x00, 0x5f, 0x94];

let server;
before(async () => {
  server = await startHostileServer();
  CHART = smallBars(await loadDataset());
});
after(async () => {
  await server?.close();
});

/** Polls `fn(...args)` in the page until it returns a truthy value; returns it. */
async function until(driver, what, fn, args = [], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await driver.evaluate(fn, ...args).catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${driver.name}: ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether a pixel is the accent colour, allowing for anti-aliasing. */
function isAccent([r, g, b]) {
  return Math.abs(r - ACCENT[0]) < 40 && Math.abs(g - ACCENT[1]) < 40 && Math.abs(b - ACCENT[2]) < 40;
}

for (const [engine, start] of [['Firefox ESR', firefox], ['WebKitGTK', webkit]]) {
  describe(engine, { timeout: TEST_TIMEOUT_MS * 4 }, () => {
    let driver;
    before(async () => {
      driver = await start();
      console.log(`# ${engine}: ${driver.name} ${driver.version}`);
    });
    after(async () => {
      await driver?.close();
    });

    test('the dashboard draws every chart; hover and the keyboard show the tooltip', { timeout: TEST_TIMEOUT_MS }, async () => {
      await driver.goto(`${BASE_URL}index.en.html`);
      await until(driver, 'the dashboard is ready', () => document.documentElement.dataset.ready === 'true');
      // Charts are painted as they come near the viewport: bring each in turn.
      const figures = await driver.evaluate(() => document.querySelectorAll('figure.chart').length);
      for (let i = 0; i < figures; i += 1) {
        await driver.evaluate((n) => {
          const figure = document.querySelectorAll('figure.chart')[n];
          window.scrollTo(0, figure.getBoundingClientRect().top + window.scrollY - innerHeight / 3);
        }, i);
        await until(driver, `chart ${i + 1} is painted`, (n) => {
          const canvas = document.querySelectorAll('figure.chart')[n].querySelector('canvas.plot');
          if (!canvas || canvas.width === 0) return false;
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          const colours = new Set();
          for (let j = 0; j < data.length && colours.size < 3; j += 4 * 97) colours.add(data.slice(j, j + 3).join());
          return colours.size >= 3;
        }, [i]);
      }
      await driver.evaluate(() => window.scrollTo(0, 0));
      const charts = await driver.evaluate(() => [...document.querySelectorAll('canvas.plot')].map((canvas) => {
        // Blank or a single colour is not a chart.
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set();
        for (let i = 0; i < data.length && colours.size < 5; i += 4 * 97) colours.add(data.slice(i, i + 3).join());
        return { id: canvas.closest('figure').dataset.chart, width: canvas.width, colours: colours.size };
      }));
      const expected = await driver.evaluate(() => window.articleCharts.charts());
      assert.deepEqual(charts.map((c) => c.id), expected);
      for (const chart of charts) assert.ok(chart.width > 100 && chart.colours >= 3, `${engine}: ${JSON.stringify(chart)}`);

      // Hover: the tooltip opens beside the pointer.
      const point = await driver.evaluate((chart) => {
        const canvas = document.querySelector(`figure[data-chart="${chart}"] canvas.plot`);
        canvas.scrollIntoView({ block: 'center' });
        const item = window.articleCharts.items(chart)[0];
        const rect = canvas.getBoundingClientRect();
        return { x: rect.left + item.x + item.w / 2, y: rect.top + item.y + item.h / 2, id: item.id };
      }, CHART);
      await driver.move(point.x, point.y);
      const tip = await until(driver, 'a tooltip shows on hover', () => {
        const t = document.querySelector('.tooltip');
        const r = t.getBoundingClientRect();
        return !t.hidden && r.width > 0 && { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: t.textContent };
      });
      const distance = Math.hypot(Math.max(tip.left - point.x, 0, point.x - tip.right), Math.max(tip.top - point.y, 0, point.y - tip.bottom));
      assert.ok(distance < 40, `${engine}: the tooltip is ${distance} px from the pointer`);

      // Keyboard: from the element before the chart, Tab reaches it, and
      // the arrow keys move the tooltip from item to item.
      await driver.move(2, 2);
      await driver.evaluate((chart) => {
        const canvas = document.querySelector(`figure[data-chart="${chart}"] canvas.plot`);
        const before = document.createElement('button');
        before.id = 'before-chart';
        before.textContent = 'before';
        canvas.closest('.plot-wrap').before(before);
        before.focus();
      }, CHART);
      await driver.press('Tab');
      await until(driver, 'Tab reaches the chart', (chart) => document.activeElement === document.querySelector(`figure[data-chart="${chart}"] canvas.plot`), [CHART]);
      await driver.press('ArrowRight');
      const first = await until(driver, 'an arrow key lights an item', (chart) => document.querySelector(`figure[data-chart="${chart}"] canvas.plot`).dataset.active, [CHART]);
      await driver.press('ArrowRight');
      const second = await until(driver, 'the next arrow key moves on', (chart, was) => {
        const now = document.querySelector(`figure[data-chart="${chart}"] canvas.plot`).dataset.active;
        return now !== was && now;
      }, [CHART, first]);
      assert.notEqual(first, second);
      const moved = await until(driver, 'the tooltip follows the keyboard', () => {
        const t = document.querySelector('.tooltip');
        return !t.hidden && t.textContent;
      });
      assert.notEqual(moved, tip.text, `${engine}: the tooltip did not change with the keyboard`);
    });

    test('the focus ring is visible', { timeout: TEST_TIMEOUT_MS }, async () => {
      await driver.goto(`${BASE_URL}embed/${CHART}.en.html?theme=light`);
      await until(driver, 'the embed is ready', () => document.documentElement.dataset.ready === 'true');
      await driver.evaluate(() => {
        const before = document.createElement('button');
        before.textContent = 'before';
        document.querySelector('.plot-wrap').before(before);
        before.focus();
      });
      // The wrapper's box, measured again after focus, which may scroll it.
      const measure = () => driver.evaluate(() => {
        const r = document.querySelector('.plot-wrap').getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height, dpr: devicePixelRatio };
      });
      // Points on each side of the ring, which lies outside the wrapper
      // (a 2 px outline against its edge in an embed, chart.css and
      // embed.css): 1 px outside the wrapper's edge.
      const sample = (png, wrap) => [0.25, 0.5, 0.75].flatMap((f) => [
        [wrap.left + wrap.width * f, wrap.top - 1],
        [wrap.left + wrap.width * f, wrap.top + wrap.height + 1],
        [wrap.left - 1, wrap.top + wrap.height * f],
        [wrap.left + wrap.width + 1, wrap.top + wrap.height * f],
      ]).map(([x, y]) => png.pixel(Math.round(x * wrap.dpr), Math.round(y * wrap.dpr)));
      const unfocused = sample(decodePng(await driver.screenshot()), await measure());
      await driver.press('Tab');
      await until(driver, 'Tab reaches the chart', () => document.activeElement?.matches('canvas.plot:focus-visible'));
      const focused = sample(decodePng(await driver.screenshot()), await measure());
      assert.ok(focused.every(isAccent), `${engine}: no ring where the focused chart's edge is: ${JSON.stringify(focused)}`);
      assert.ok(!unfocused.every(isAccent), `${engine}: the ring shows without focus`);
    });

    test('an embed reports its height and the script embed mounts from another origin', { timeout: TEST_TIMEOUT_MS }, async () => {
      const path = server.page(`engines-${driver.name}`, `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Article</title>
        <script>window.__heights = []; addEventListener('message', (e) => { const h = e.data && e.data['datawrapper-height']; if (h) window.__heights.push(h); });</script>
        <p>Text.</p>
        <iframe src="${BASE_URL}embed.html?chart=${CHART}&lang=en" title="Chart" style="width: 100%; border: 0" height="50"></iframe>
        <div id="host" data-article-chart="${CHART}" data-lang="en"></div>
        <script type="module" src="${BASE_URL}article-charts-embed.js"></script>`);
      // localhost is another origin than the test server's 127.0.0.1.
      await driver.goto(`${server.localOrigin}${path}`);
      const heights = await until(driver, 'the embed reports its height', () => window.__heights.length > 0 && window.__heights);
      assert.ok(Object.values(heights.at(-1)).every((h) => typeof h === 'number' && h > 100), JSON.stringify(heights));
      const drawn = await until(driver, 'the script embed draws', () => {
        const root = document.getElementById('host').shadowRoot?.querySelector('.article-charts-embed');
        const canvas = root?.querySelector('canvas.plot');
        // The plot's reserved height comes from the height rules of the
        // chart's page, which the script copies into the shadow root: it
        // shows that the page's inline sheets style the chart there.
        const reserved = parseFloat(getComputedStyle(root?.querySelector('.plot-wrap') ?? document.body).minHeight);
        return root?.dataset.ready === 'true' && canvas && { width: canvas.width, height: document.getElementById('host').getBoundingClientRect().height, reserved };
      });
      assert.ok(drawn.width > 100 && drawn.height > 100, `${engine}: ${JSON.stringify(drawn)}`);
      assert.ok(drawn.reserved > 0, `${engine}: the chart's style sheets do not apply in its shadow root: ${JSON.stringify(drawn)}`);
    });
  });
}
