// Browser tests of embedding: one chart per iframe page, the height it
// reports to parent pages (pym.js, Datawrapper-style, our own script), the
// script embed in a hostile host page, and bad options.
//
// Parent pages are written into a page of the test server reached as
// `localhost` while the chart is served as `127.0.0.1`: two origins, so the
// chart is embedded cross-origin as in a real article. (A made-up public
// origin would not do: Chromium blocks public pages from framing loopback
// addresses.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { BASE_URL, collectProblems, exposeEmbeds, launch, chartOfKind, loadDataset } from './browser.mjs';

const HOST = BASE_URL.replace('//127.0.0.1:', '//localhost:');
const TEST_TIMEOUT_MS = 120_000;
const PYM = fileURLToPath(new URL('./node_modules/pym.js/dist/pym.v1.min.js', import.meta.url));

/** A chart whose height changes with its width (cards reflow). */
const CHART = await chartOfKind('cards');
/** A bar chart, for the script embed in a hostile host. */
const BARS = await chartOfKind('bars');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/**
 * A page on HOST showing `html`, with every console problem collected and
 * `setInterval` counted in every frame.
 */
async function hostPage(html, { width = 1000, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript(() => {
    window.__intervals = 0;
    const original = window.setInterval;
    window.setInterval = (...args) => {
      window.__intervals += 1;
      return original.apply(window, args);
    };
  });
  const page = await context.newPage();
  const pending = trackPending(context);
  const problems = collectProblems(page);
  context.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  // Any small file of the server gives the page its origin; the article
  // then replaces its content. Showing a non-HTML file makes the browser ask
  // for /favicon.ico, which the site does not have.
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await loading(pending, () => page.goto(`${HOST}embed-resize.js`));
  // The icon link keeps the browser from asking the server for /favicon.ico.
  await loading(pending, () => page.setContent(html.replace('<title>', '<link rel="icon" href="data:,"><title>'), { waitUntil: 'domcontentloaded' }));
  if (html.includes('article-charts-embed.js')) await exposeEmbeds(page);
  return { context, page, problems };
}

const pym = () => readFile(PYM, 'utf8');

/** The embed frame of the page, once its chart is drawn. */
async function embedFrame(page) {
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
  return { handle, frame };
}

/**
 * Waits until the iframe's height equals the height of the page inside it
 * and `also(inner)` holds; returns both heights. The heights are compared
 * again whenever something that may change them happens: the iframe is
 * resized (a ResizeObserver of the parent) or the frame sends the parent a
 * message (as it does whenever its page's height changes).
 */
async function heightFollows(page, handle, frame, label, also = () => true) {
  const changes = await handle.evaluateHandle((iframe) => {
    const seen = { count: 0 };
    const count = () => { seen.count += 1; };
    addEventListener('message', count);
    const observer = new ResizeObserver(count);
    observer.observe(iframe);
    seen.stop = () => {
      removeEventListener('message', count);
      observer.disconnect();
    };
    return seen;
  });
  let last;
  try {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const before = await changes.evaluate((seen) => seen.count);
      const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      const outer = await handle.evaluate((f) => f.getBoundingClientRect().height);
      last = { inner, outer };
      if (Math.abs(inner - outer) <= 2 && also(inner)) return last;
      await page.waitForFunction(([seen, count]) => seen.count > count, [changes, before], { timeout: Math.max(1, deadline - Date.now()) })
        .catch(() => {});
    }
  } finally {
    await changes.evaluate((seen) => seen.stop());
    await changes.dispose();
  }
  assert.fail(`${label}: iframe is ${last.outer}px tall, its page ${last.inner}px`);
}

/**
 * Narrows the parent from 1000 to 320 px and checks the iframe follows: the
 * chart reflows taller, and the iframe grows with it.
 */
async function followsNarrowing(page, label) {
  const { handle, frame } = await embedFrame(page);
  const wide = await heightFollows(page, handle, frame, `${label} at 1000px`);
  await page.setViewportSize({ width: 320, height: 900 });
  await heightFollows(page, handle, frame, `${label} at 320px`, (inner) => inner > wide.inner);
  assert.equal(await frame.evaluate(() => window.__intervals), 0, `${label}: the embed must not poll with setInterval`);
}

/** Shows `html` as the article and checks its iframe follows the chart's height. */
async function articleFollows(html, label) {
  const { context, page, problems } = await hostPage(html);
  try {
    await followsNarrowing(page, label);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/**
 * Requests of `context` still open, to say what a page that never loads is
 * waiting for.
 */
function trackPending(context) {
  const pending = new Map();
  context.on('request', (r) => pending.set(r, r.url()));
  context.on('requestfinished', (r) => pending.delete(r));
  context.on('requestfailed', (r) => pending.delete(r));
  return () => [...pending.values()];
}

/** Runs `load`; if it times out, fails naming the requests still open. */
async function loading(pending, load) {
  try {
    return await load();
  } catch (error) {
    throw new Error(`${error.message.split('\n')[0]}; still open: ${pending().join(', ') || 'nothing'}`, { cause: error });
  }
}

/**
 * A host page holding `body`, whose `#host` is a script embed, and the
 * script `file` of the site; resolved once the chart of `#host` is drawn.
 */
async function scriptHost(body, file = 'article-charts-embed.js') {
  const opened = await hostPage(`<!doctype html><title>Article</title>
        ${body}
        <script type="module" src="${BASE_URL}${file}"></script>`);
  try {
    await opened.page.waitForFunction(
      () => document.getElementById('host').shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready === 'true',
      null,
      { timeout: 20_000 },
    );
  } catch (error) {
    await opened.context.close();
    throw error;
  }
  return opened;
}

const embedUrl = (query) => `${BASE_URL}embed.html?${query}`;

describe('embedding', () => {
  test('a pym.js parent resizes the iframe as the page narrows', { timeout: TEST_TIMEOUT_MS }, async () => {
    await articleFollows(`<!doctype html><title>Article</title><div id="chart"></div>
        <script>${await pym()}</script>
        <script>new pym.Parent('chart', ${JSON.stringify(embedUrl(`chart=${CHART}`))}, { title: 'Chart' });</script>`, 'pym.js');
  });

  test('a Datawrapper-style listener resizes the iframe', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The listener newsrooms already have on their pages for Datawrapper.
    const listener = `window.addEventListener('message', function (a) {
      if (a.data['datawrapper-height'] !== undefined) {
        var e = document.querySelectorAll('iframe');
        for (var t in a.data['datawrapper-height']) for (var r = 0; r < e.length; r++)
          if (e[r].contentWindow === a.source) e[r].style.height = a.data['datawrapper-height'][t] + 'px';
      }
    });`;
    await articleFollows(`<!doctype html><title>Article</title><script>${listener}</script>
        <iframe src=${JSON.stringify(embedUrl(`chart=${CHART}`))} title="Chart" style="width:100%;border:0" height="400"></iframe>`, 'Datawrapper-style');
  });

  test('our own parent script resizes the iframe', { timeout: TEST_TIMEOUT_MS }, async () => {
    await articleFollows(`<!doctype html><title>Article</title>
        <iframe src=${JSON.stringify(embedUrl(`chart=${CHART}&lang=en`))} title="Chart" style="width:100%;border:0" height="400" loading="lazy"></iframe>
        <script async src="${BASE_URL}embed-resize.js"></script>`, 'embed-resize.js');
  });

  test('a script code pasted before the product was renamed still draws its chart', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The deprecated file name and attribute, as articles published then hold them.
    const { context, page, problems } = await scriptHost(`<div id="host" data-danba-chart="${CHART}" data-lang="en"></div>`, 'danba-embed.js');
    try {
      const drawn = await page.evaluate(() => {
        const root = document.getElementById('host').shadowRoot;
        return { chart: root.querySelector('.article-charts-embed').dataset.chart, canvas: root.querySelector('canvas.plot')?.width ?? 0 };
      });
      assert.equal(drawn.chart, CHART);
      assert.ok(drawn.canvas > 0, 'the chart was not drawn');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the script embed renders inside a hostile host page and leaves it alone', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await scriptHost(`<style>canvas { width: 50px } * { font-size: 40px } div { display: flex }</style>
        <p id="own">The host's own paragraph.</p>
        <div id="host" data-article-chart="${BARS}" data-lang="en"></div>`);
    try {
      const look = await page.evaluate(() => {
        const host = document.getElementById('host');
        const root = host.shadowRoot;
        const canvas = root.querySelector('canvas.plot');
        return {
          hostWidth: host.getBoundingClientRect().width,
          canvasWidth: canvas.getBoundingClientRect().width,
          backing: canvas.width,
          titleSize: parseFloat(getComputedStyle(root.querySelector('.chart-title')).fontSize),
          ownSize: parseFloat(getComputedStyle(document.getElementById('own')).fontSize),
          ownDisplay: getComputedStyle(document.getElementById('own')).display,
          hostDisplay: getComputedStyle(host).display,
        };
      });
      assert.ok(look.canvasWidth > look.hostWidth - 8, `the chart should fill its ${look.hostWidth}px host, is ${look.canvasWidth}px`);
      assert.equal(look.backing, Math.round(look.canvasWidth), 'backing store follows the CSS width');
      assert.ok(look.titleSize < 30, `the host's * { font-size } reached the chart title (${look.titleSize}px)`);
      assert.equal(look.ownSize, 40, "the host's own text must keep the host's styles");
      assert.equal(look.ownDisplay, 'block');
      assert.equal(look.hostDisplay, 'flex', "the host's rule for its div still applies to it");

      // Hover works inside the shadow root too.
      const target = await page.evaluate((chart) => {
        const item = window.articleChartsEmbeds[0].items(chart)[0];
        const rect = document.getElementById('host').shadowRoot.querySelector('canvas.plot').getBoundingClientRect();
        return { x: rect.left + item.x + item.w / 2, y: rect.top + item.y + item.h / 2, id: item.id };
      }, BARS);
      await page.mouse.move(target.x, target.y);
      const shown = await page.evaluate(() => {
        const root = document.getElementById('host').shadowRoot;
        const tip = root.querySelector('[role="tooltip"]');
        return { hidden: tip.hidden, active: root.querySelector('canvas.plot').dataset.active };
      });
      assert.deepEqual(shown, { hidden: false, active: target.id });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('the embed page', () => {
  /** Opens an embed page directly and collects console problems. */
  async function open(query, { colorScheme = 'light' } = {}) {
    const context = await browser.newContext({ viewport: { width: 600, height: 800 }, colorScheme });
    const page = await context.newPage();
    const pending = trackPending(context);
    const problems = collectProblems(page);
    await loading(pending, () => page.goto(embedUrl(query), { waitUntil: 'domcontentloaded' }));
    await page.waitForFunction(() => ['true', 'error'].includes(document.documentElement.dataset.ready), null, { timeout: 20_000 });
    return { context, page, problems };
  }

  test('an unknown chart shows a message listing the valid charts, without console errors', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await open('chart=<img src=x onerror=alert(1)>&lang=en');
    try {
      const state = await page.evaluate(() => ({
        ready: document.documentElement.dataset.ready,
        message: document.querySelector('.embed-problem[role="alert"]')?.textContent ?? '',
        images: document.querySelectorAll('img').length,
        canvases: document.querySelectorAll('canvas').length,
      }));
      assert.equal(state.ready, 'error');
      for (const id of (await loadDataset()).charts.map((c) => c.id)) assert.ok(state.message.includes(id), `the message lists ${id}: ${state.message}`);
      assert.match(state.message, /<img src=x/, 'the bad value is quoted as text');
      assert.equal(state.images, 0, 'nothing from the URL becomes markup');
      assert.equal(state.canvases, 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an unknown lang or theme is named, and the chart still draws', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await open(`chart=${CHART}&lang=xx&theme=pink`);
    try {
      const state = await page.evaluate(() => ({
        ready: document.documentElement.dataset.ready,
        messages: [...document.querySelectorAll('.embed-problem[role="status"]')].map((p) => p.textContent),
        lang: document.documentElement.lang,
      }));
      assert.equal(state.ready, 'true');
      assert.equal(state.messages.length, 2, state.messages.join(' | '));
      assert.match(state.messages[0], /zh, zh-Hant, en/);
      assert.match(state.messages[1], /light, dark, auto/);
      assert.equal(state.lang, 'zh-Hans');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('plain=1 shows the chart alone; theme=dark draws dark, the page around it too', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page, problems } = await open(`chart=${CHART}&plain=1&theme=dark`);
    try {
      const state = await page.evaluate(() => {
        const canvas = document.querySelector('canvas.plot');
        const pixel = canvas.getContext('2d').getImageData(1, 1, 1, 1).data;
        return {
          // Shown: nothing but the chart; the title stays for screen readers.
          titles: [...document.querySelectorAll('.chart-title, figcaption')].filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 1).length,
          label: document.getElementById(canvas.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
          luminance: (pixel[0] + pixel[1] + pixel[2]) / 3,
          // The window (800 px) is taller than the chart: below it, the
          // page's own background shows.
          below: document.documentElement.getBoundingClientRect().height < innerHeight,
          page: getComputedStyle(document.documentElement).backgroundColor,
        };
      });
      assert.equal(state.titles, 0);
      assert.ok(state.below, 'the page should end above the window\'s bottom edge');
      const [r, g, b, a = 1] = (state.page.match(/[\d.]+/g) ?? []).map(Number);
      assert.ok(a === 1 && (r + g + b) / 3 < 80, `opened on its own, the page under a dark chart should be dark too, not the browser's white: ${state.page}`);
      assert.ok(state.label, 'a plain chart keeps its accessible name');
      assert.ok(state.luminance < 80, `the dark theme's background should be dark, got ${state.luminance}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the dashboard offers ready embed code for every chart', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(BASE_URL);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
      const codes = await page.$$eval('figure.chart', (figures) => figures.map((f) => ({
        id: f.dataset.chart,
        title: f.querySelector('.chart-title').textContent,
        code: document.getElementById(`embed-${f.dataset.chart}-iframe-light-code`)?.textContent ?? '',
        script: document.getElementById(`embed-${f.dataset.chart}-script-light-code`)?.textContent ?? '',
        svg: f.querySelector('a.download[href$=".svg"]')?.href ?? '',
        standalone: f.querySelector('details.chart-tools a[href*="standalone/"]')?.href ?? '',
      })));
      assert.ok(codes.length > 0);
      // The SVG download and the script embed's fallback image are served.
      const statuses = await page.evaluate(async (list) => Promise.all(list.map(async ({ svg, script, standalone }) => {
        const img = script.match(/<img src="([^"]+)"/)?.[1] ?? '';
        return [(await fetch(svg)).status, img ? (await fetch(img)).status : 0, (await fetch(standalone)).status];
      })), codes);
      for (const [n, [svg, img, standalone]] of statuses.entries()) {
        assert.deepEqual([svg, img, standalone], [200, 200, 200], `${codes[n].id}: SVG download / fallback image / standalone file`);
      }
      for (const { id, title, code } of codes) {
        assert.match(code, new RegExp(`<iframe src="[^"]*embed/${id}\\.html\\?theme=light"`), id);
        assert.ok(code.includes(`title="${title}"`), `${id}: the iframe carries the chart's title`);
        assert.match(code, /loading="lazy"/);
        assert.match(code, /height="\d+"/);
      }
      // The code works: its iframe URL draws that chart.
      // The code is HTML: its attribute's &amp; stands for &.
      const url = codes[0].code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
      assert.equal(await page.$eval('figure.chart', (f) => f.dataset.chart), codes[0].id);
    } finally {
      await context.close();
    }
  });
});
