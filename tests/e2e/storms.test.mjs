// Browser tests of what the page lives through: layout storms (a container
// of width 0, `display: none`, 200 resizes in a second, the pixel ratio
// going 1 → 3 → 1.25, the tab hidden and shown), a thousand mounts and
// unmounts of a script embed, and a Rust panic. After each storm every chart
// must end drawn and sharp at its container's size, with every figure of the
// data file reachable by hover and in its data table, and no console error.
//
// Each storm runs on the dashboard, the embed page (embed.html?chart=…) and
// a host page with two script embeds (www/article-charts-embed.js).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, builtName, eventually, exposeEmbeds, openDashboard, openPage, waitReady, chartOfKind, openSuite } from './browser.mjs';

const TEST_TIMEOUT_MS = 240_000;
/** The embed page shows a chart whose height changes with its width. */
const EMBED_CHART = await chartOfKind('cards');
/** The script embeds: a bar chart in English and a timeline in Chinese. */
const SCRIPT_CHARTS = [[await chartOfKind('bars'), 'en'], [await chartOfKind('timeline'), 'zh']];
/** How long a storm may take to settle into the final drawing. */
const SETTLE_MS = 8_000;
/** Mount/unmount cycles of the leak test, and what "flat" allows. */
const CYCLES = 1_000;
const MEMORY_SLACK_BYTES = 64 * 1024;
/** The width the layout never goes below (src/layout.rs MIN_WIDTH). */
const MIN_LAYOUT_WIDTH = 200;

const { browser, dataset } = await openSuite();

/** The indicator ids a chart shows, sorted. */
function chartItems(id) {
  const chart = dataset.charts.find((c) => c.id === id);
  assert.ok(chart, `chart ${id} is not in indicators.json`);
  return [...chart.items].sort();
}

/**
 * A page of the site's own origin showing `html`, so module scripts of the
 * site load. Console problems are collected from the start.
 */
async function hostPage(html, { width = 1000, height = 900 } = {}) {
  const { context, page, problems } = await openPage(browser, { width, height });
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(`${BASE_URL}embed-resize.js`);
  await page.setContent(html.replace('<title>', '<link rel="icon" href="data:,"><title>'), { waitUntil: 'domcontentloaded' });
  if (html.includes('article-charts-embed.js')) await exposeEmbeds(page);
  return { context, page, problems };
}

/** Waits until every script embed of the page says it is drawn. */
function scriptEmbedsReady(page, count) {
  return page.waitForFunction((n) => {
    const hosts = [...document.querySelectorAll('[data-article-chart]')];
    return hosts.length === n
      && hosts.every((h) => h.shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'true');
  }, count, { timeout: 20_000, polling: 50 });
}

/** The three places a chart lives, each opened fresh at 1 device px per CSS px. */
const TARGETS = {
  async dashboard() {
    const opened = await openDashboard(browser, { width: 1280, height: 900 });
    return { ...opened, containers: '#app', charts: dataset.charts.map((c) => c.id) };
  },
  async 'embed page'() {
    const { context, page, problems } = await openPage(browser, { width: 640, height: 800 });
    await page.goto(`${BASE_URL}embed.html?chart=${EMBED_CHART}&lang=en`);
    await waitReady(page, problems);
    return { context, page, problems, containers: '#app', charts: [EMBED_CHART] };
  },
  async 'script embed'() {
    const hosts = SCRIPT_CHARTS
      .map(([id, lang]) => `<div data-article-chart="${id}" data-lang="${lang}"></div>`).join('\n');
    const opened = await hostPage(`<!doctype html><title>Article</title>
        <main style="max-width: 760px; margin: 0 auto">${hosts}</main>
        <script type="module" src="${BASE_URL}article-charts-embed.js"></script>`);
    await scriptEmbedsReady(opened.page, SCRIPT_CHARTS.length);
    return { ...opened, containers: '[data-article-chart]', charts: SCRIPT_CHARTS.map(([id]) => id) };
  },
};

/**
 * Per chart on the page (in the document and in script embeds' shadow
 * roots): its backing store, CSS size, the width of its container, the
 * pixel ratio, a sample of its pixels, its hover boxes and its table rows,
 * read once the chart is scrolled into view and two frames have passed: a
 * chart more than a screen away from the viewport is redrawn for a new
 * width only when it comes near, where the reader can see it.
 */
function inspect(page) {
  return page.evaluate(async () => {
    const roots = [document, ...[...document.querySelectorAll('[data-article-chart]')].map((h) => h.shadowRoot)]
      .filter(Boolean);
    const apps = [window.articleCharts, ...(window.articleChartsEmbeds ?? [])].filter(Boolean);
    const out = [];
    for (const root of roots) {
      for (const figure of root.querySelectorAll('figure.chart')) {
        const id = figure.dataset.chart;
        const canvas = figure.querySelector('canvas.plot');
        const app = apps.find((a) => a.charts().includes(id));
        figure.scrollIntoView({ block: 'center', behavior: 'instant' });
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const info = {
          id,
          canvas: Boolean(canvas),
          boxes: app ? app.items(id) : [],
          table: [...figure.querySelectorAll('tr[data-indicator]')].map((r) => r.dataset.indicator),
          dpr: window.devicePixelRatio,
        };
        if (canvas) {
          const rect = canvas.getBoundingClientRect();
          Object.assign(info, {
            width: canvas.width,
            height: canvas.height,
            cssWidth: rect.width,
            cssHeight: rect.height,
            wrapWidth: canvas.parentElement.getBoundingClientRect().width,
          });
          // A sample of the pixels: a blank or cleared canvas has one colour.
          // They are read from a copy, so the chart's own canvas is never
          // read back (Chromium warns about repeated reads).
          const copy = document.createElement('canvas');
          copy.width = canvas.width;
          copy.height = canvas.height;
          const context = copy.getContext('2d', { willReadFrequently: true });
          context.drawImage(canvas, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const counts = new Map();
          const stride = 4 * 13;
          for (let i = 0; i < data.length; i += stride) {
            const key = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const total = Math.ceil(data.length / stride);
          info.colours = counts.size;
          info.drawnShare = (total - Math.max(...counts.values())) / total;
        }
        out.push(info);
      }
    }
    return out;
  });
}

/** What is wrong with the charts now, as sentences; empty when all is right. */
function faults(stats, charts) {
  const found = [];
  const ids = stats.map((s) => s.id);
  if (JSON.stringify(ids) !== JSON.stringify(charts)) found.push(`charts on the page: ${ids.join(', ')}`);
  for (const s of stats) {
    const where = `chart ${s.id} at devicePixelRatio ${s.dpr}`;
    if (!s.canvas) {
      found.push(`${where}: no canvas`);
      continue;
    }
    if (s.cssWidth <= 0 || s.cssHeight <= 0) found.push(`${where}: no CSS size`);
    if (Math.abs(s.cssWidth - Math.max(s.wrapWidth, MIN_LAYOUT_WIDTH)) > 1) {
      found.push(`${where}: drawn ${s.cssWidth}px wide in a ${s.wrapWidth}px container`);
    }
    if (Math.abs(s.width - Math.round(s.cssWidth * s.dpr)) > 1 || Math.abs(s.height - Math.round(s.cssHeight * s.dpr)) > 1) {
      found.push(`${where}: backing store ${s.width}×${s.height} for CSS ${s.cssWidth}×${s.cssHeight} (not sharp)`);
    }
    if (s.colours < 2 || s.drawnShare < 0.01) found.push(`${where}: blank (${s.colours} colours)`);
    const want = chartItems(s.id);
    const boxes = [...s.boxes.map((b) => b.id)].sort();
    if (JSON.stringify(boxes) !== JSON.stringify(want)) found.push(`${where}: hover boxes ${boxes} instead of ${want}`);
    const table = [...s.table].sort();
    if (JSON.stringify(table) !== JSON.stringify(want)) found.push(`${where}: table rows ${table} instead of ${want}`);
    for (const b of s.boxes) {
      const inside = b.w > 0 && b.h > 0 && b.x >= -1 && b.y >= -1
        && b.x + b.w <= s.cssWidth + 1 && b.y + b.h <= s.cssHeight + 1;
      if (!inside) found.push(`${where}: hover box of ${b.id} ${JSON.stringify(b)} outside the canvas`);
    }
  }
  return found;
}

/**
 * Hovers the centre of every item of every chart with the mouse and checks
 * the chart marks that item: every figure is reachable. Each item's box is
 * read afresh just before the move, so a late reflow cannot misdirect it.
 */
async function hoverEverything(page, stats, when) {
  for (const s of stats) {
    for (const { id: item } of s.boxes) {
      let active;
      for (let attempt = 0; attempt < 3 && active !== item; attempt += 1) {
        const point = await page.evaluate(({ chart, item: wanted }) => {
          const roots = [document, ...[...document.querySelectorAll('[data-article-chart]')].map((h) => h.shadowRoot)];
          const canvas = roots.filter(Boolean)
            .map((r) => r.querySelector(`figure.chart[data-chart="${CSS.escape(chart)}"] canvas.plot`)).find(Boolean);
          const app = [window.articleCharts, ...(window.articleChartsEmbeds ?? [])].find((a) => a?.charts().includes(chart));
          const b = app.items(chart).find((x) => x.id === wanted);
          let rect = canvas.getBoundingClientRect();
          window.scrollBy({
            left: rect.left + b.x + b.w / 2 - window.innerWidth / 2,
            top: rect.top + b.y + b.h / 2 - window.innerHeight / 2,
            behavior: 'instant',
          });
          rect = canvas.getBoundingClientRect();
          return { x: rect.left + b.x + b.w / 2, y: rect.top + b.y + b.h / 2 };
        }, { chart: s.id, item });
        await page.mouse.move(point.x, point.y);
        active = await eventually(() => page.evaluate((chart) => {
          const roots = [document, ...[...document.querySelectorAll('[data-article-chart]')].map((h) => h.shadowRoot)];
          return roots.filter(Boolean)
            .map((r) => r.querySelector(`figure.chart[data-chart="${CSS.escape(chart)}"] canvas.plot`))
            .find(Boolean)?.dataset.active;
        }, s.id), (a) => a === item, 1_000);
      }
      assert.equal(active, item, `${when}: hovering ${item} in chart ${s.id} marks ${active}`);
    }
  }
  await page.mouse.move(0, 0);
}

/** Waits for the charts to settle, then requires them correct and every figure reachable. */
async function assertIntact(opened, when) {
  const stats = await eventually(() => inspect(opened.page), (s) => faults(s, opened.charts).length === 0, SETTLE_MS);
  assert.deepEqual(faults(stats, opened.charts), [], `${when}: the charts are not right`);
  await hoverEverything(opened.page, stats, when);
  assert.deepEqual(opened.problems, [], `${when}: console problems`);
}

/** Lets the page render `n` frames. */
function frames(page, n = 2) {
  return page.evaluate((count) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  }), n);
}

/** Sets a style property on every container of the charts ('' removes it). */
function styleContainers(opened, property, value) {
  return opened.page.evaluate(({ selector, property: p, value: v }) => {
    for (const c of document.querySelectorAll(selector)) c.style.setProperty(p, v);
  }, { selector: opened.containers, property, value });
}

/**
 * Sets the device pixel ratio as a browser zoom or a move to another screen
 * does (DevTools emulation, the same as `deviceScaleFactor`), optionally
 * followed by the `resize` event zooming fires.
 */
async function setPixelRatio(opened, ratio, { resizeEvent }) {
  const cdp = await opened.context.newCDPSession(opened.page);
  const viewport = opened.page.viewportSize();
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: ratio, mobile: false });
  await cdp.detach();
  if (resizeEvent) await opened.page.evaluate(() => window.dispatchEvent(new Event('resize')));
}

/** Emulates the tab being hidden or shown, with the `visibilitychange` event. */
function setVisibility(page, state) {
  return page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** Each storm, and what it does to an opened target. */
const STORMS = {
  async 'container width 0, then widened'(opened) {
    const sizes = async () => (await inspect(opened.page)).map((s) => [s.id, s.width, s.height, s.boxes]);
    const drawn = await sizes();
    await styleContainers(opened, 'width', '0px');
    await frames(opened.page, 3);
    // Nothing to see: the charts keep their last drawing rather than being
    // laid out for a width they do not have.
    assert.deepEqual(await sizes(), drawn, 'a chart was redrawn for width 0');
    assert.deepEqual(opened.problems, [], 'console problems at width 0');
    await styleContainers(opened, 'width', '');
  },
  async 'display:none while the window narrows, then shown'(opened) {
    const viewport = opened.page.viewportSize();
    await styleContainers(opened, 'display', 'none');
    await frames(opened.page);
    await opened.page.setViewportSize({ ...viewport, width: Math.round(viewport.width * 0.7) });
    await frames(opened.page);
    await styleContainers(opened, 'display', '');
  },
  async '200 resizes in one second'(opened) {
    const viewport = opened.page.viewportSize();
    // The containers jump between widths (0 included) every 5 ms…
    const inPage = opened.page.evaluate(({ selector }) => new Promise((resolve) => {
      const containers = [...document.querySelectorAll(selector)];
      let n = 0;
      const step = () => {
        const width = n % 17 === 0 ? 0 : 120 + ((n * 7919) % 1100);
        for (const c of containers) c.style.width = n === 199 ? '' : `${width}px`;
        window.dispatchEvent(new Event('resize'));
        n += 1;
        if (n < 200) setTimeout(step, 5); else resolve();
      };
      step();
    }), { selector: opened.containers });
    // …while the window itself is resized 200 times.
    for (let n = 0; n < 200; n += 1) {
      await opened.page.setViewportSize({ width: 320 + ((n * 4099) % 1100), height: viewport.height });
    }
    await inPage;
    await opened.page.setViewportSize(viewport);
  },
  async 'devicePixelRatio 1 → 3 → 1.25'(opened) {
    await setPixelRatio(opened, 3, { resizeEvent: true });
    await assertIntact(opened, 'at devicePixelRatio 3');
    await setPixelRatio(opened, 1.25, { resizeEvent: true });
  },
  async 'tab hidden, pixel ratio and width changed, shown'(opened) {
    const viewport = opened.page.viewportSize();
    const cdp = await opened.context.newCDPSession(opened.page);
    try {
      // No event tells the page that the ratio changed while it was hidden:
      // showing it must redraw anyway.
      await setVisibility(opened.page, 'hidden');
      await setPixelRatio(opened, 2, { resizeEvent: false });
      await frames(opened.page);
      await setVisibility(opened.page, 'visible');
      await assertIntact(opened, 'shown at devicePixelRatio 2');
      // A hidden tab is frozen by the browser sooner or later; the window
      // narrows meanwhile.
      await setVisibility(opened.page, 'hidden');
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      await opened.page.setViewportSize({ ...viewport, width: Math.round(viewport.width * 0.8) });
      await cdp.send('Page.setWebLifecycleState', { state: 'active' });
      await setVisibility(opened.page, 'visible');
    } finally {
      await cdp.detach();
    }
  },
};

describe('layout storms', () => {
  for (const [target, open] of Object.entries(TARGETS)) {
    test(`on the ${target}: every storm ends sharp, correct and complete`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      const opened = await open();
      try {
        await assertIntact(opened, `${target} as loaded`);
        for (const [storm, run] of Object.entries(STORMS)) {
          await t.test(storm, async () => {
            await run(opened);
            await assertIntact(opened, `${target} after ${storm}`);
          });
        }
      } finally {
        await opened.context.close();
      }
    });
  }

  test('a script embed mounted in a container of width 0 draws once the container has a width', { timeout: TEST_TIMEOUT_MS }, async () => {
    const [id, lang] = SCRIPT_CHARTS[0];
    const opened = await hostPage(`<!doctype html><title>Article</title>
        <div id="box" style="width: 0; overflow: hidden"><div data-article-chart="${id}" data-lang="${lang}"></div></div>
        <details id="more"><summary>More</summary><div data-article-chart="${SCRIPT_CHARTS[1][0]}"></div></details>
        <script type="module" src="${BASE_URL}article-charts-embed.js"></script>`);
    try {
      await scriptEmbedsReady(opened.page, 2);
      await opened.page.evaluate(() => {
        document.getElementById('box').style.width = '';
        document.getElementById('more').open = true;
      });
      await assertIntact({ ...opened, charts: SCRIPT_CHARTS.map(([c]) => c) }, 'after the container got a width');
    } finally {
      await opened.context.close();
    }
  });
});

/**
 * Listeners on window and document (before any garbage collection: a
 * chart's wrapper collected by the garbage collector frees it too, which
 * would hide a missing unmount), then live MediaQueryList and canvas objects
 * after a collection, and the bytes of the WebAssembly memory.
 */
async function footprint(page, cdp) {
  const count = async (expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId });
    const { result: length } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true,
    });
    return length.value;
  };
  const listeners = async (expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return all.length;
  };
  const windowListeners = await listeners('window');
  const documentListeners = await listeners('document');
  await cdp.send('HeapProfiler.collectGarbage');
  return {
    windowListeners,
    documentListeners,
    mediaQueryLists: await count('MediaQueryList.prototype'),
    canvases: await count('HTMLCanvasElement.prototype'),
    memory: await page.evaluate(async (url) => (await (await import(url)).default()).memory.buffer.byteLength, `${BASE_URL}${await builtName('pkg/article_charts.js')}`),
  };
}

describe('mounting and unmounting', () => {
  test(`${CYCLES} mounts and unmounts of a script embed leave memory and listeners flat`, { timeout: TEST_TIMEOUT_MS }, async () => {
    const [id] = SCRIPT_CHARTS[0];
    const opened = await hostPage(`<!doctype html><title>Article</title><main id="box"></main>
        <script type="module" src="${BASE_URL}article-charts-embed.js"></script>`);
    const cdp = await opened.context.newCDPSession(opened.page);
    // One cycle as an article page makes it: the element is added (the
    // script mounts it), drawn, and removed (the script unmounts it).
    const cycles = (n) => opened.page.evaluate(async ({ n: count, chart }) => {
      const until = async (done) => {
        for (let i = 0; !done(); i += 1) {
          if (i > 2000) throw new Error('a mount or unmount did not happen');
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      };
      const box = document.getElementById('box');
      let alive = 0;
      for (let i = 0; i < count; i += 1) {
        const host = document.createElement('div');
        host.dataset.articleChart = chart;
        box.append(host);
        await until(() => host.shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'true');
        const [app] = window.articleChartsEmbeds;
        host.remove();
        await until(() => window.articleChartsEmbeds.length === 0);
        // A freed chart refuses every call; one that answers was not freed.
        try {
          app.charts();
          alive += 1;
        } catch {
          // Freed, as it should be.
        }
      }
      return alive;
    }, { n, chart: id });
    try {
      await opened.page.waitForFunction(() => Array.isArray(window.articleChartsEmbeds), null, { timeout: 20_000 });
      await cycles(10);
      const before = await footprint(opened.page, cdp);
      const alive = await cycles(CYCLES);
      assert.equal(alive, 0, `${alive} of ${CYCLES} unmounted charts were not freed`);
      const after = await footprint(opened.page, cdp);
      // For the report of the run: what was measured.
      console.log(`# ${CYCLES} mount/unmount cycles: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      assert.ok(after.memory - before.memory <= MEMORY_SLACK_BYTES,
        `wasm memory grew by ${after.memory - before.memory} bytes over ${CYCLES} cycles`);
      const { memory: _m1, ...listenersBefore } = before;
      const { memory: _m2, ...listenersAfter } = after;
      assert.deepEqual(listenersAfter, listenersBefore, 'listeners or objects left behind');
      assert.deepEqual(opened.problems, []);
    } finally {
      await opened.context.close();
    }
  });
});

describe('a Rust panic', () => {
  const MESSAGES = {
    zh: '本图表出错，无法显示。图中的数字见下方表格。',
    en: 'This chart failed. Its figures are in the table below.',
  };

  /**
   * Panics through `call` (in the page) and checks that every chart shows
   * the message of its language instead of a canvas, its table is shown,
   * and the console got exactly one error; then moves the mouse over every
   * chart, presses keys and resizes, and requires no further problem.
   */
  async function panicsCleanly(opened, call, languages, { uncaught = false } = {}) {
    // The hook is in a module built with the `test-hooks` feature only.
    const hooked = await opened.page.evaluate(`typeof ${call.replace(/\(\)$/, '')} === 'function'`);
    assert.ok(hooked, 'the module has no test hooks: build it with `cargo xtask dist --test-hooks`, as `cargo xtask test` does');
    if (uncaught) {
      // As a panic in an event handler would: the trap is not caught by any
      // script, so the browser itself would report it too.
      await opened.page.evaluate(`setTimeout(() => { ${call}; }, 0)`);
      await opened.page.waitForFunction(() => document.querySelector('.chart-failed')
        || [...document.querySelectorAll('[data-article-chart]')].some((h) => h.shadowRoot?.querySelector('.chart-failed')));
      await frames(opened.page, 2);
    } else {
      const thrown = await opened.page.evaluate(`(() => { try { ${call}; return 'nothing'; } catch (e) { return String(e); } })()`);
      assert.match(thrown, /unreachable/i, 'the test hook should trap like an aborting panic');
    }
    const shown = await opened.page.evaluate(() => {
      const roots = [document, ...[...document.querySelectorAll('[data-article-chart]')].map((h) => h.shadowRoot)];
      return roots.filter(Boolean).flatMap((root) => [...root.querySelectorAll('figure.chart')].map((figure) => ({
        id: figure.dataset.chart,
        canvases: figure.querySelectorAll('canvas').length,
        message: figure.querySelector('.plot-wrap')?.textContent,
        tableShown: !figure.querySelector('.data-table-wrap').classList.contains('sr-only'),
        rows: figure.querySelectorAll('tr[data-indicator]').length,
      })));
    });
    assert.equal(shown.length, languages.length);
    shown.forEach((s, i) => {
      assert.deepEqual(
        { ...s, rows: s.rows > 0 },
        { id: s.id, canvases: 0, message: MESSAGES[languages[i]], tableShown: true, rows: true },
        `chart ${s.id} after the panic`,
      );
    });
    assert.equal(opened.problems.length, 1, `exactly one console error: ${opened.problems.join(' | ')}`);
    assert.match(opened.problems[0], /^console error: article-charts stopped: .*panic requested by a test/s);

    // Nothing that follows may reach the stopped module's state.
    const areas = await opened.page.evaluate(() => {
      const roots = [document, ...[...document.querySelectorAll('[data-article-chart]')].map((h) => h.shadowRoot)];
      return roots.filter(Boolean).flatMap((root) => [...root.querySelectorAll('figure.chart')].map((f) => {
        f.scrollIntoView({ block: 'center', behavior: 'instant' });
        const r = f.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: Math.min(r.top + r.height / 2, window.innerHeight - 5) };
      }));
    });
    for (const { x, y } of areas) {
      await opened.page.mouse.move(x, y, { steps: 5 });
      await opened.page.mouse.down();
      await opened.page.mouse.up();
    }
    await opened.page.keyboard.press('Escape');
    await opened.page.setViewportSize({ width: 700, height: 800 });
    await opened.page.evaluate(() => {
      window.dispatchEvent(new Event('resize'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await frames(opened.page, 3);
    assert.equal(opened.problems.length, 1, `later events added problems: ${opened.problems.join(' | ')}`);
  }

  test('on the dashboard: a message in every chart\'s place, one console error, silence after', { timeout: TEST_TIMEOUT_MS }, async () => {
    const opened = await openDashboard(browser, { width: 1280, height: 900 });
    try {
      await panicsCleanly(opened, 'window.articleCharts.__panic_for_tests()', dataset.charts.map(() => 'zh'));
    } finally {
      await opened.context.close();
    }
  });

  test('from an event handler: the browser does not report the trap a second time', { timeout: TEST_TIMEOUT_MS }, async () => {
    const opened = await openDashboard(browser, { width: 1280, height: 900 });
    try {
      await panicsCleanly(opened, 'window.articleCharts.__panic_for_tests()', dataset.charts.map(() => 'zh'), { uncaught: true });
    } finally {
      await opened.context.close();
    }
  });

  test('in script embeds: every embed of the page shows the message in its language', { timeout: TEST_TIMEOUT_MS }, async () => {
    const opened = await TARGETS['script embed']();
    try {
      await panicsCleanly(opened, 'window.articleChartsEmbeds[0].__panic_for_tests()', SCRIPT_CHARTS.map(([, lang]) => lang));
    } finally {
      await opened.context.close();
    }
  });
});
