// Hostile hosts, odd pages and failed loads, in Chromium: each
// test here failed before its fix. The host articles are served from a
// second origin by hostile-server.mjs, which also serves a copy of the site
// with one file broken.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';

import {
  BASE_URL, UI_TIMEOUT_MS, builtName, eventually, exposeEmbeds, launch, loadDataset, openPage, smallBars, twoFrames, withPage,
} from './browser.mjs';
import { startHostileServer } from './hostile-server.mjs';

const TEST_TIMEOUT_MS = 90_000;
/** A small chart of the data, so that many fit on one page: the bars chart with fewest figures. */
let CHART;

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await startHostileServer();
  CHART = smallBars(await loadDataset());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The script embed's tag, loaded from the test server (another origin than the host pages'). */
const SCRIPT = `<script type="module" src="${BASE_URL}article-charts-embed.js"></script>`;

/**
 * Opens the host page `html` on the second server's origin and, when it
 * loads the script embed, makes its charts reachable as `window.articleChartsEmbeds`.
 */
async function openHost(name, html, { width = 1000, height = 800 } = {}) {
  const { context, page } = await openPage(browser, { width, height });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.localOrigin}${server.page(name, `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Article</title>${html}`)}`);
  return { context, page, errors };
}

/** Waits until `count` script embeds of the page (in hosts or wrappers) say they are drawn. */
function embedsDrawn(page, count) {
  return page.waitForFunction((n) => {
    const shadows = [...document.querySelectorAll('[data-article-chart], .article-chart-wrapper')]
      .map((e) => e.shadowRoot).filter(Boolean);
    // Drawn: ready, with its canvas, and no message in its place.
    return shadows.filter((s) => s.querySelector('.article-charts-embed')?.dataset.ready === 'true'
      && s.querySelector('canvas.plot') && !s.querySelector('.chart-failed')
      && !/could not|无法|無法/.test(s.querySelector('.article-charts-embed').textContent)).length >= n;
  }, count, { timeout: 20_000, polling: 100 });
}

/**
 * The centre of the first item of the chart in `hostSelector`'s shadow root,
 * in viewport px, after scrolling it into view.
 */
async function firstItemCentre(page, hostSelector) {
  return page.evaluate(({ sel, chart }) => {
    const host = document.querySelector(sel);
    host.scrollIntoView({ block: 'center' });
    const canvas = host.shadowRoot.querySelector('canvas.plot');
    // Every chart of these pages is the same chart at the same width, so
    // any of them gives the item's box.
    const app = window.articleChartsEmbeds.find((a) => a.charts().includes(chart));
    const rect = canvas.getBoundingClientRect();
    const item = app.items(chart)[0];
    return { x: rect.left + item.x + item.w / 2, y: rect.top + item.y + item.h / 2 };
  }, { sel: hostSelector, chart: CHART });
}

describe('item 1: "Show data" with several script embeds', () => {
  for (const count of [2, 3, 4]) {
    test(`one click toggles once with ${count} embeds on the page`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const hosts = Array.from({ length: count }, (_, i) => `<div id="h${i}" data-article-chart="${CHART}" data-lang="en"></div>`).join('');
      const { context, page } = await openHost(`toggle-${count}`, `${hosts}${SCRIPT}`);
      try {
        await embedsDrawn(page, count);
        const button = page.locator('#h0 button.data-toggle');
        await button.click();
        assert.equal(await button.getAttribute('aria-expanded'), 'true', `after one click with ${count} embeds`);
        const shown = await page.evaluate(() => !document.querySelector('#h0').shadowRoot.querySelector('.data-table-wrap').classList.contains('sr-only'));
        assert.ok(shown, 'the table is on screen');
        await button.click();
        assert.equal(await button.getAttribute('aria-expanded'), 'false', 'a second click hides it again');
        // The other charts' buttons were not touched.
        const others = await page.evaluate(() => [...document.querySelectorAll('[data-article-chart]')].slice(1)
          .map((h) => h.shadowRoot.querySelector('button.data-toggle').getAttribute('aria-expanded')));
        assert.deepEqual(others, others.map(() => 'false'));
      } finally {
        await context.close();
      }
    });
  }
});

describe('item 2: elements that cannot take a shadow root', () => {
  test('each odd element gets its chart (or a message) and the charts after it draw', { timeout: TEST_TIMEOUT_MS }, async () => {
    const odd = [
      `<figure data-article-chart="${CHART}"></figure>`,
      `<ul><li data-article-chart="${CHART}"></li></ul>`,
      `<a href="#x" data-article-chart="${CHART}"></a>`,
      `<button type="button" data-article-chart="${CHART}"></button>`,
      `<table><tr><td data-article-chart="${CHART}"></td></tr></table>`,
      `<svg width="10" height="10" data-article-chart="${CHART}"></svg>`,
      `<div id="closed" data-article-chart="${CHART}"></div><script>document.getElementById('closed').attachShadow({ mode: 'closed' });</script>`,
    ];
    const { context, page, errors } = await openHost('odd', `${odd.join('\n')}
      <div id="last" data-article-chart="${CHART}" data-lang="en"></div>${SCRIPT}`);
    try {
      await page.waitForFunction(() => document.getElementById('last').shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'true',
        null, { timeout: 20_000 });
      await exposeEmbeds(page);
      const look = await page.evaluate(() => [...document.querySelectorAll('[data-article-chart]')].map((host) => {
        const wrapper = host.querySelector(':scope > .article-chart-wrapper')
          ?? (host.nextElementSibling?.classList.contains('article-chart-wrapper') ? host.nextElementSibling : null);
        const shadow = host.shadowRoot ?? wrapper?.shadowRoot;
        const root = shadow?.querySelector('.article-charts-embed');
        const box = (wrapper ?? host).getBoundingClientRect();
        return { tag: host.localName, state: root?.dataset.ready ?? 'none', height: box.height, text: root?.textContent.slice(0, 40) ?? '' };
      }));
      for (const one of look) {
        assert.ok(one.state === 'true' || (one.state === 'error' && one.text.length > 0), `${one.tag}: ${JSON.stringify(one)}`);
        assert.ok(one.height > 50, `${one.tag} shows nothing: ${JSON.stringify(one)}`);
      }
      assert.equal(look.filter((one) => one.state === 'true').length, look.length, JSON.stringify(look));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('item 3: host CSS that makes a containing block for fixed boxes', () => {
  test('the tooltip stays beside the pointer', { timeout: TEST_TIMEOUT_MS }, async () => {
    const styles = {
      transform: 'transform: translateX(0)',
      filter: 'filter: opacity(1)',
      contain: 'contain: paint',
      willChange: 'will-change: transform',
      backdrop: 'backdrop-filter: blur(0)',
    };
    const sections = Object.entries(styles).map(([name, css]) =>
      `<section style="${css}; margin: 0 0 40px 199px; width: 600px"><div id="${name}" data-article-chart="${CHART}" data-lang="en"></div></section>`).join('\n');
    // The whole article with `will-change: transform`, scrolled: the fixed
    // box then lands off-screen.
    const html = `<article style="will-change: transform; padding-top: 20px">${sections}
      <div style="height: 1200px"></div><section style="margin-left: 199px; width: 600px"><div id="late" data-article-chart="${CHART}" data-lang="en"></div></section><div style="height: 600px"></div></article>${SCRIPT}`;
    const { context, page } = await openHost('containing-blocks', html, { width: 1000, height: 700 });
    try {
      await embedsDrawn(page, Object.keys(styles).length + 1);
      await exposeEmbeds(page);
      for (const id of [...Object.keys(styles), 'late']) {
        const point = await firstItemCentre(page, `#${id}`);
        await page.mouse.move(point.x, point.y);
        const box = await eventually(
          () => page.evaluate((sel) => {
            const tip = document.querySelector(sel).shadowRoot.querySelector('.tooltip');
            const r = tip.getBoundingClientRect();
            return { hidden: tip.hidden, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          }, `#${id}`),
          (b) => !b.hidden && b.right > b.left,
        );
        assert.ok(!box.hidden, `${id}: no tooltip`);
        // The distance from the pointer to the nearest point of the box.
        const dx = Math.max(box.left - point.x, 0, point.x - box.right);
        const dy = Math.max(box.top - point.y, 0, point.y - box.bottom);
        assert.ok(Math.hypot(dx, dy) < 40, `${id}: the tooltip is ${Math.round(Math.hypot(dx, dy))} px from the pointer: ${JSON.stringify({ point, box })}`);
        assert.ok(box.left >= 0 && box.top >= 0 && box.right <= 1000 && box.bottom <= 700, `${id}: off-screen ${JSON.stringify(box)}`);
        await page.mouse.move(1, 1);
      }
    } finally {
      await context.close();
    }
  });
});

/** The message each start-up failure must end in, by language. */
const FAILED = {
  en: /could not be loaded/,
  'zh-Hant': /無法載入/,
  zh: /无法加载/,
};

// The three tests run at once: each waits out a stalled download (the
// module's STALL_MS), and those waits need no processor. The stalled
// download never ends by itself (the test server sends 4 KB, then nothing),
// so a message is proof that the page gave up on it; how soon is the
// module's STALL_MS, not something to time here, where a dozen pages load
// at once on a busy machine (one took 20.4 s of a 20 s bound in a fresh
// clone's run). ERROR_WAIT_MS is only how long the test waits.
const ERROR_WAIT_MS = 60_000;
describe('item 4: start-up failures end in a message', { concurrency: true }, () => {
  test('the dashboard: glue 404, glue as text/plain, a stalled .wasm', { timeout: TEST_TIMEOUT_MS }, async () => {
    const cases = [['glue404', 'en'], ['gluetext', 'zh-Hant'], ['stall', 'zh'], ['nowasm', 'en']];
    await Promise.all(cases.map(async ([fault, lang]) => {
      await withPage(browser, {}, async ({ page }) => {
        await page.goto(`${server.origin}/${fault}/index.html?lang=${lang}`);
        await page.waitForFunction(() => document.documentElement.dataset.ready === 'error', null, { timeout: ERROR_WAIT_MS });
        const text = await page.locator('#app').innerText();
        assert.match(text, FAILED[lang], `${fault}: ${text}`);
        assert.doesNotMatch(text, /Loading/, `${fault}: ${text}`);
      });
    }));
  });

  test('the embed frame shows the message and still reports its height', { timeout: TEST_TIMEOUT_MS }, async () => {
    const cases = [['glue404', 'en'], ['stall', 'zh-Hant'], ['truncate', 'zh']];
    await Promise.all(cases.map(async ([fault, lang]) => {
      const src = `${server.origin}/${fault}/embed.html?chart=${CHART}&lang=${lang}`;
      const { context, page } = await openHost(`frame-${fault}`, `<p>Text.</p>
        <iframe src="${src}" title="Chart" style="width: 100%; border: 0" height="17"></iframe>
        <script async src="${server.origin}/${fault}/embed-resize.js"></script>`);
      try {
        const frame = await (await page.waitForSelector('iframe')).contentFrame();
        await frame.waitForFunction(() => document.documentElement.dataset.ready === 'error', null, { timeout: ERROR_WAIT_MS });
        assert.match(await frame.locator('#app').innerText(), FAILED[lang]);
        // embed-resize.js applied the height the frame reported.
        const height = await eventually(
          () => page.evaluate(() => document.querySelector('iframe').style.height),
          (h) => h !== '',
        );
        assert.ok(parseFloat(height) > 20, `${fault}: the frame reported ${height || 'no height'}`);
      } finally {
        await context.close();
      }
    }));
  });

  test('the script embed with the .wasm missing, truncated or stalled', { timeout: TEST_TIMEOUT_MS }, async () => {
    const cases = [['nowasm', 'en'], ['truncate', 'zh-Hant'], ['stall', 'zh'], ['glue404', 'en']];
    await Promise.all(cases.map(async ([fault, lang]) => {
      const { context, page } = await openHost(`script-${fault}`, `<p>Text.</p>
        <div id="host" data-article-chart="${CHART}" data-lang="${lang}"></div>
        <script type="module" src="${server.origin}/${fault}/article-charts-embed.js"></script>`);
      try {
        await page.waitForFunction(() => document.getElementById('host').shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'error',
          null, { timeout: ERROR_WAIT_MS });
        const look = await page.evaluate(() => {
          const host = document.getElementById('host');
          return { text: host.shadowRoot.textContent, height: host.getBoundingClientRect().height };
        });
        assert.match(look.text, FAILED[lang], fault);
        assert.ok(look.height > 20, `${fault}: the host is ${look.height} px high`);
      } finally {
        await context.close();
      }
    }));
  });
});

describe('item 5: the live region stays inside the chart', () => {
  test('arrow keys announce inside the shadow root, never as text of the article', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await openHost('live', `<p id="own">The article.</p><div id="host" data-article-chart="${CHART}" data-lang="en"></div>${SCRIPT}`);
    try {
      await embedsDrawn(page, 1);
      await page.locator('#host canvas.plot').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const said = await eventually(
        () => page.evaluate(() => document.getElementById('host').shadowRoot.querySelector('[aria-live]')?.textContent ?? ''),
        (t) => t.length > 0,
      );
      assert.ok(said.length > 0, 'the arrow keys announce the item');
      const article = await page.evaluate(() => ({
        text: document.body.innerText,
        live: document.body.querySelectorAll('[aria-live], #article-charts-live').length,
      }));
      assert.equal(article.live, 0, 'no live region in the host document');
      assert.ok(!article.text.includes(said), `the announcement shows in the article: ${article.text}`);
      await page.evaluate(() => document.getElementById('host').remove());
      const left = await page.evaluate(() => document.body.innerText);
      assert.ok(!left.includes(said), 'nothing stays after the chart is removed');
    } finally {
      await context.close();
    }
  });
});

describe('item 6: a page global named articleChartsEmbeds', () => {
  const globals = {
    form: '<form id="articleChartsEmbeds"></form>',
    string: "<script>window.articleChartsEmbeds = 'x';</script>",
    readOnly: "<script>Object.defineProperty(window, 'articleChartsEmbeds', { value: 7, writable: false, configurable: false });</script>",
  };
  for (const [name, html] of Object.entries(globals)) {
    test(`the chart draws beside ${name}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { context, page, errors } = await openHost(`global-${name}`, `${html}<div data-article-chart="${CHART}"></div>${SCRIPT}`);
      try {
        await embedsDrawn(page, 1);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * A script for the top of a host page that records the heights its window
 * is sent as `{ 'datawrapper-height': { x } }` messages, from the very first.
 */
const HEARD = `<script>
  window.__heard = [];
  addEventListener('message', (e) => window.__heard.push(e.data?.['datawrapper-height']?.x));
</script>`;

/**
 * Waits until the page has heard each of `heights` (see HEARD), then for two
 * animation frames: a resize that a message caused is laid out by then.
 */
async function heard(page, heights) {
  await page.waitForFunction((xs) => xs.every((x) => window.__heard.includes(x)), heights, { timeout: UI_TIMEOUT_MS });
  await twoFrames(page);
}

describe('item 7: embed-resize.js acts only on embed frames', () => {
  test('a srcdoc frame and an about:blank frame of the same origin cannot resize themselves', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await openHost('resize', `${HEARD}<p>Text.</p>
      <iframe id="srcdoc" sandbox="allow-scripts" height="50" srcdoc="<script>parent.postMessage({ 'datawrapper-height': { x: 66666 } }, '*')</script>"></iframe>
      <iframe id="blank" height="50"></iframe>
      <iframe id="real" src="${server.origin}/ok/embed.html?chart=${CHART}" height="50" style="border: 0"></iframe>
      <script async src="${server.localOrigin}/ok/embed-resize.js"></script>
      <script>
        addEventListener('load', () => {
          const d = document.getElementById('blank').contentDocument;
          d.open();
          d.write("<script>parent.postMessage({ 'datawrapper-height': { x: 55555 } }, '*')<\\/script>");
          d.close();
        });
      </script>`);
    try {
      await page.waitForLoadState('load');
      // The real embed is of the other origin, so its height is not taken:
      // the script is of localhost and acts on frames of localhost only.
      // The heights are read once the page has heard both forged messages
      // (embed-resize.js, which listens for them too, has then handled
      // them) and two frames later, when any resize they caused is laid out.
      await heard(page, [66666, 55555]);
      const heights = await page.evaluate(() => ['srcdoc', 'blank'].map((id) => document.getElementById(id).getBoundingClientRect().height));
      assert.ok(heights.every((h) => h < 1000), `frames that are not embeds were resized: ${heights}`);
    } finally {
      await context.close();
    }
  });

  test('a sandboxed srcdoc frame that also names a chart page in src cannot resize itself', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The browser shows the srcdoc and ignores the src, so the frame's
    // script is the host's, not the chart's: its height is not taken.
    const { context, page } = await openHost('resize-srcdoc', `${HEARD}<p>Text.</p>
      <iframe id="forged" sandbox="allow-scripts" height="50" src="${server.localOrigin}/ok/embed.html?chart=${CHART}"
        srcdoc="<script>setInterval(() => parent.postMessage({ 'datawrapper-height': { x: 7781 } }, '*'), 100)</script>"></iframe>
      <script async src="${server.localOrigin}/ok/embed-resize.js"></script>`);
    try {
      await page.waitForLoadState('load');
      // The frame posts again and again: one message heard after the load
      // event, when embed-resize.js has surely started, is enough.
      await page.evaluate(() => { window.__heard = []; });
      await heard(page, [7781]);
      const height = await page.evaluate(() => document.getElementById('forged').getBoundingClientRect().height);
      assert.ok(height < 1000, `a srcdoc frame was resized to ${height} px`);
    } finally {
      await context.close();
    }
  });

  test('an embed frame of its origin is still resized', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await openHost('resize-real', `<p>Text.</p>
      <iframe id="real" src="${server.localOrigin}/ok/embed.html?chart=${CHART}" height="17" style="width: 100%; border: 0"></iframe>
      <script async src="${server.localOrigin}/ok/embed-resize.js"></script>`);
    try {
      const height = await eventually(
        () => page.evaluate(() => document.getElementById('real').style.height),
        (h) => parseFloat(h) > 100,
        20_000,
      );
      assert.ok(parseFloat(height) > 100, `the embed was not resized: ${height}`);
    } finally {
      await context.close();
    }
  });
});

describe('item 8: direction controls in a query', () => {
  test('the message of an embed keeps its order', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, {}, async ({ page }) => {
      await page.goto(`${BASE_URL}embed.html?chart=%E2%80%AEabc%E2%81%A6&lang=en`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'error', null, { timeout: 20_000 });
      const text = await page.locator('#app').innerText();
      assert.match(text, /abc/);
      assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u, JSON.stringify(text));
    });
  });
});

describe('item 9: no build path ships', () => {
  test('the module, the glue and a standalone file name no absolute path of the build machine', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { charts: catalogue } = await (await fetch(new URL('charts.json', BASE_URL))).json();
    const files = [await builtName('pkg/article_charts_bg.wasm'), await builtName('pkg/article_charts.js'), catalogue[0].standalone.zh, catalogue[0].standalone.en];
    const machine = [process.cwd(), os.homedir()].filter((p) => p.length > 1);
    // Remapped paths are relative (`cargo/registry/src/…`, `src/web/mod.rs`,
    // `std/././…/library/…`); these are the absolute ones rustc would write.
    const patterns = [/\/rustc\/[0-9a-f]{40}/, /\/rust\/deps\//, /\/\.cargo\//, /\/(?:home|root|Users|tmp|work)\/[\w.-]/];
    for (const file of files) {
      let text = Buffer.from(await (await fetch(new URL(file, BASE_URL))).arrayBuffer()).toString('latin1');
      // A standalone file holds the module as base64.
      const inlined = text.match(/id="article-charts-wasm">([A-Za-z0-9+/=\s]+)</);
      if (inlined) text += Buffer.from(inlined[1], 'base64').toString('latin1');
      for (const pattern of patterns) {
        const found = text.match(pattern);
        const context = found ? text.slice(Math.max(0, found.index - 40), found.index + 80).replace(/[^\x20-\x7e]/g, '.') : '';
        assert.equal(found, null, `${file} holds ${found?.[0]} (…${context}…)`);
      }
      for (const path of machine) assert.ok(!text.includes(path), `${file} names ${path}`);
    }
  });
});

describe('item 11: the focus ring is drawn by the chart wrapper', () => {
  test('a keyboard-focused chart has a 2 px ring around its plot, outside the canvas', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage(browser, { width: 900, height: 700 }, async ({ page }) => {
      await page.goto(`${BASE_URL}embed.html?chart=${CHART}&lang=en`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const canvas = document.querySelector('canvas.plot');
        // The wrapper's own outline: drawn inside the canvas, the ring cut
        // through the first letter of every label.
        const wrap = getComputedStyle(canvas.parentElement);
        return { focused: document.activeElement === canvas, width: wrap.outlineWidth, style: wrap.outlineStyle, offset: wrap.outlineOffset };
      });
      assert.ok(ring.focused, 'Tab reaches the chart');
      assert.deepEqual({ width: ring.width, style: ring.style }, { width: '2px', style: 'solid' }, JSON.stringify(ring));
      assert.ok(parseFloat(ring.offset) >= 0, `the ring lies outside the canvas: ${JSON.stringify(ring)}`);
    });
  });
});
