// The editor's test: charts pasted into a light 640 px article
// column with the codes the dashboard's embed panel offers (iframe, pym.js,
// script), read by a reader whose phone is in dark mode, at 375 and
// 1280 px, in Chromium and Firefox. Scrollbars take space in both (Chromium
// without --hide-scrollbars, Firefox without overlay scrollbars), so a chart
// one pixel too wide shows.
//
// The article is served by a small server of this test on `localhost`, the
// charts by `cargo xtask serve` on 127.0.0.1: two origins, as in a real
// article. pym.js, which the code loads from its makers' site, is served
// from the npm package instead (this machine has no internet).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { BASE_URL, CHROMIUM_PATH, eventually, twoFrames } from './browser.mjs';
import { FIREFOX_PATH, FIREFOX_QUIET } from './engines.mjs';

const TEST_TIMEOUT_MS = 240_000;
const PYM = fileURLToPath(new URL('./node_modules/pym.js/dist/pym.v1.min.js', import.meta.url));
const PYM_URL = 'https://pym.nprapps.org/pym.v1.min.js';
/** How far a frame's height may be from its content's. */
const FIT_PX = 4;
const COLUMN_PX = 640;

/** The test's article server: `pages` maps a path to its HTML. */
const pages = new Map();
let server;
let origin;
/** The site again, served without CORS headers. */
let corsless;
let noCors;
let chromiumBrowser;
/** The codes the panel offers, per chart and form (light theme). */
let codes;

before(async () => {
  const pym = await readFile(PYM, 'utf8');
  server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/pym.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(pym);
    } else if (pages.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pages.get(path));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${server.address().port}`;
  // The site as a static host without Access-Control-Allow-Origin serves it.
  corsless = http.createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url.slice(1), BASE_URL));
    res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((resolve) => corsless.listen(0, '127.0.0.1', resolve));
  noCors = `http://127.0.0.1:${corsless.address().port}`;
  chromiumBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Scrollbars that take space, as on most desktops.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  codes = await panelCodes();
});

after(async () => {
  await chromiumBrowser?.close();
  server?.close();
  corsless?.close();
});

/** The first three charts of the catalogue, and the codes the dashboard's panel gives for them. */
async function panelCodes() {
  const catalogue = await (await fetch(`${BASE_URL}charts.json`)).json();
  const ids = catalogue.charts.slice(0, 3).map((c) => c.id);
  const context = await chromiumBrowser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}?lang=en`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
    const found = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, Object.fromEntries(
      ['iframe', 'pym', 'script', 'image'].map((form) => {
        const area = document.getElementById(form === 'image' ? `embed-${id}-image-code` : `embed-${id}-${form}-light-code`);
        return [form, area?.textContent];
      }))])), ids);
    for (const id of ids) {
      for (const [form, code] of Object.entries(found[id])) {
        assert.ok(code?.includes(BASE_URL), `the panel's ${form} code of ${id} is not completed with the site's address: ${code}`);
      }
    }
    return found;
  } finally {
    await context.close();
  }
}

/** A light article page with `body` in a 640 px column; the reader may be in dark mode. */
function article(path, body) {
  pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Article</title>
<script>
  // Layout shifts of the article, from its very start.
  window.__shifts = [];
  // What moved, from where to where, to say so when a test fails.
  window.__moved = [];
  const record = (entries) => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      window.__shifts.push(e.value);
      for (const s of e.sources) {
        const box = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
        window.__moved.push(\`\${s.node?.nodeName ?? '?'} \${box(s.previousRect)} → \${box(s.currentRect)}\`);
      }
    }
  };
  const shifts = new PerformanceObserver((list) => record(list.getEntries()));
  shifts.observe({ type: 'layout-shift', buffered: true });
  // Takes in the shifts already measured that the observer has not handed
  // over yet, so that a test reads every shift of the frames drawn so far.
  window.__takeShifts = () => record(shifts.takeRecords());
  // The height each chart frame last told the article, by the frame's
  // window: every frame sends the Datawrapper-style message, whoever listens.
  window.__told = new Map();
  addEventListener('message', (e) => {
    const height = e.data?.['datawrapper-height'];
    if (height && typeof height === 'object') window.__told.set(e.source, Object.values(height)[0]);
  });
</script>
<style>
  html { color-scheme: light; background: #fff; color: #222; }
  body { margin: 0; font: 18px/1.6 Georgia, serif; }
  main { max-width: ${COLUMN_PX}px; margin: 0 auto; padding: 0 16px; }
</style></head>
<body><main id="column"><h1>一篇新闻报道</h1>
<p>Paragraph before the chart. ${'Text of the article. '.repeat(12)}</p>
${body}
<p id="after">Paragraph after the chart. ${'Text of the article. '.repeat(12)}</p>
</main></body></html>`);
  return `${origin}${path}`;
}

/** The three kinds, one chart each, as the panel gives them (pym.js from this server). */
function threeKinds() {
  const [a, b, c] = Object.keys(codes);
  return [codes[a].iframe, codes[b].pym.replace(PYM_URL, `${origin}/pym.js`), codes[c].script].join('\n<p>Between.</p>\n');
}

/** Chromium with a dark-mode reader at `width`; returns {page, close}. */
async function openChromium(url, width) {
  const context = await chromiumBrowser.newContext({ viewport: { width, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(url);
  return {
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    frames: async () => Promise.all((await page.$$('iframe')).map((h) => h.contentFrame())),
    close: () => context.close(),
    page,
  };
}

/** Firefox ESR with a dark-mode reader and classic scrollbars at `width`. */
async function openFirefox(url, width) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width, height: 900 },
    extraPrefsFirefox: {
      ...FIREFOX_QUIET,
      // The reader's dark mode, and scrollbars that take space.
      'layout.css.prefers-color-scheme.content-override': 0,
      'ui.systemUsesDarkTheme': 1,
      'widget.gtk.overlay-scrollbars.enabled': false,
      'widget.non-native-theme.scrollbar.style': 4,
    },
  });
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return {
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    frames: async () => Promise.all((await page.$$('iframe')).map((h) => h.contentFrame())),
    close: () => browser.close(),
    page,
  };
}

/**
 * Probes `probe` each time the article `page` has drawn two more frames
 * (anything a reader could see change shows in a frame), until `done`
 * holds or `ms` pass; returns the last result.
 */
function until(page, probe, done, ms) {
  return eventually(probe, done, ms, { between: () => twoFrames(page) });
}

/**
 * For each chart frame of the article `page` (Playwright's), whether the
 * article has been told the frame's current height: the message the frame
 * sends at once and on every change has arrived.
 */
async function heightsTold(page) {
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  return Promise.all(frames.map(async (frame) => {
    const own = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)).catch(() => null);
    const element = await frame.frameElement();
    const told = await element.evaluate((el) => window.__told.get(el.contentWindow));
    return own !== null && told === own;
  }));
}

/** How each chart of the open article looks, measured inside and out. */
async function measure(opened) {
  const frames = await opened.frames();
  const inner = await Promise.all(frames.map((f) => f.evaluate(() => {
    const html = document.documentElement;
    const root = document.querySelector('.article-charts-embed');
    const source = document.querySelector('.source');
    return {
      ready: html.dataset.ready,
      content: Math.ceil(html.getBoundingClientRect().height),
      wide: html.scrollWidth - html.clientWidth,
      // A framed page never scrolls (`html.framed` in embed.css): what
      // overflows it then shows no scrollbar, and the source line is checked
      // on its own below.
      tall: getComputedStyle(html).overflowY === 'hidden' ? 0 : html.scrollHeight - html.clientHeight,
      bg: root ? getComputedStyle(root).backgroundColor : '',
      // Where the source line ends, from the top of the page. It is
      // compared with the frame's height as the article sets it, not with
      // the page's own innerHeight: Chromium tells a cross-origin frame
      // below the fold its new size only when it comes into view, so its
      // innerHeight may still be the 150 px of a frame nobody sized.
      sourceBottom: source ? source.getBoundingClientRect().bottom + scrollY : Infinity,
    };
  })));
  const outer = await opened.evaluate(() => {
    const column = document.getElementById('column').getBoundingClientRect();
    const inside = column.right - parseFloat(getComputedStyle(document.getElementById('column')).paddingRight);
    const frames = [...document.querySelectorAll('iframe')].map((f) => {
      const r = f.getBoundingClientRect();
      return { height: r.height, over: r.right - inside };
    });
    const scripts = [...document.querySelectorAll('[data-article-chart]')].map((host) => {
      const root = host.shadowRoot?.querySelector('.article-charts-embed');
      const r = host.getBoundingClientRect();
      return {
        ready: root?.dataset.ready,
        height: r.height,
        content: root ? root.getBoundingClientRect().height : 0,
        over: r.right - inside,
        wide: root ? root.scrollWidth - root.clientWidth : 0,
        bg: root ? getComputedStyle(root).backgroundColor : '',
      };
    });
    return { frames, scripts, pageWide: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
  return { inner, outer };
}

/** Whether a CSS colour is light (relative luminance above one half). */
function light(colour) {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5;
}

/** Whether every chart is drawn and every frame fits its content. */
function settled({ inner, outer }) {
  return inner.length === 2 && outer.scripts.length === 1
    && inner.every((f) => f.ready === 'true') && outer.scripts.every((s) => s.ready === 'true')
    && inner.every((f, i) => Math.abs(f.content - outer.frames[i].height) <= FIT_PX);
}

function checkFit(m, label) {
  assert.equal(m.inner.length, 2, `${label}: two frames (iframe, pym.js)`);
  for (const [i, f] of m.inner.entries()) {
    const what = `${label}, frame ${i + 1}`;
    assert.equal(f.ready, 'true', `${what}: the chart is not drawn`);
    assert.ok(Math.abs(f.content - m.outer.frames[i].height) <= FIT_PX,
      `${what}: the frame is ${m.outer.frames[i].height}px tall, its chart ${f.content}px`);
    assert.ok(f.wide <= 0, `${what}: the page is ${f.wide}px wider than its frame`);
    assert.ok(f.tall <= 0, `${what}: the page is ${f.tall}px taller than its frame (a scrollbar)`);
    const cut = f.sourceBottom - m.outer.frames[i].height;
    assert.ok(cut <= 0, `${what}: the source line is cut off by ${cut}px`);
    assert.ok(light(f.bg), `${what}: the chart is not light (${f.bg}) in a light article`);
    assert.ok(m.outer.frames[i].over <= 0.5, `${what}: ${m.outer.frames[i].over}px wider than the column`);
  }
  const [s] = m.outer.scripts;
  assert.equal(s.ready, 'true', `${label}, script embed: not drawn`);
  assert.ok(Math.abs(s.height - s.content) <= FIT_PX, `${label}, script embed: ${s.height}px tall for ${s.content}px of chart`);
  assert.ok(s.over <= 0.5 && s.wide <= 0, `${label}, script embed: wider than the column (${s.over}, ${s.wide})`);
  assert.ok(light(s.bg), `${label}, script embed: not light (${s.bg})`);
  assert.ok(m.outer.pageWide <= 0, `${label}: the article scrolls sideways by ${m.outer.pageWide}px`);
}

describe('charts pasted into a light article, read in dark mode', () => {
  for (const [engine, open] of [['Chromium', openChromium], ['Firefox', openFirefox]]) {
    // A small phone's screen too in Chromium, where the chart is tallest.
    for (const width of engine === 'Chromium' ? [320, 375, 1280] : [375, 1280]) {
      test(`${engine} at ${width} px: light, fitted, never wider than the column, no scrollbar`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const url = article(`/three-${engine}-${width}.html`, threeKinds());
        const opened = await open(url, width);
        try {
          const m = await until(opened.page, () => measure(opened), settled, 40_000);
          checkFit(m, `${engine} ${width}px`);
        } finally {
          await opened.close();
        }
      });
    }
  }
});

describe('a parent script that arrives late', () => {
  test('embed-resize.js added after the charts told their heights still resizes every iframe', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The iframe codes without their script, at the 150 px of an iframe
    // nobody sized; the script comes later, as from a tag manager.
    const frames = Object.values(codes).map((c) => c.iframe.split('\n')[0].replace(/height="\d+"/, 'height="150"')).join('\n<p>Between.</p>\n');
    const script = codes[Object.keys(codes)[0]].iframe.match(/src="([^"]*embed-resize\.js)"/)[1];
    const opened = await openChromium(article('/late.html', frames), 375);
    try {
      const ready = await until(opened.page, async () => Promise.all((await opened.frames()).map((f) => f.evaluate(() => document.documentElement.dataset.ready))),
        (r) => r.length === 3 && r.every((x) => x === 'true'), 30_000);
      assert.deepEqual(ready, ['true', 'true', 'true'], 'the charts did not draw');
      // Late: every frame has told its height already, to an article that
      // did not listen, and will not tell it again unless asked.
      const told = await until(opened.page, () => heightsTold(opened.page), (r) => r.length === 3 && r.every(Boolean), 10_000);
      assert.deepEqual(told, [true, true, true], 'the frames did not tell their heights');
      await opened.evaluate((src) => {
        const s = document.createElement('script');
        s.src = src;
        document.body.append(s);
      }, script);
      const fitted = async () => {
        const inner = await Promise.all((await opened.frames()).map((f) => f.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height))));
        const outer = await opened.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
        return inner.map((h, i) => ({ chart: h, frame: outer[i] }));
      };
      const last = await until(opened.page, fitted, (r) => r.every((x) => Math.abs(x.chart - x.frame) <= FIT_PX), 5_000);
      for (const x of last) assert.ok(Math.abs(x.chart - x.frame) <= FIT_PX, `a frame stayed ${x.frame}px tall for a ${x.chart}px chart: ${JSON.stringify(last)}`);
    } finally {
      await opened.close();
    }
  });
});

describe('the script embed when the module cannot be had', () => {
  // The module's name carries a fingerprint of its contents.
  const MODULE = /\/pkg\/article_charts_bg(\.[0-9a-f]{8})?\.wasm$/;
  // Each way of failing, as a route of the browser: the glue refused by
  // CORS (no Access-Control-Allow-Origin), the module missing, the module
  // stalled (no byte ever comes).
  // (A route cannot refuse CORS: Playwright adds the header to what it
  // fulfils. The refusal is a real static host without the header.)
  const faults = {
    cors: ['', null],
    404: [MODULE, (route) => route.fulfill({ status: 404, body: 'not here' })],
    stalled: [MODULE, () => {}],
  };
  for (const [fault, [pattern, handler]] of Object.entries(faults)) {
    test(`${fault}: the static image and its link stay in the chart's place`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const [id] = Object.keys(codes);
      const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 900 } });
      if (handler) await context.route(pattern, handler);
      // The scripts the browser refused or could not fetch, from the start.
      await context.addInitScript(() => {
        window.__scriptsFailed = [];
        addEventListener('error', (e) => {
          if (e.target instanceof HTMLScriptElement) window.__scriptsFailed.push(e.target.src);
        }, true);
      });
      const page = await context.newPage();
      const code = fault === 'cors' ? codes[id].script.replaceAll(BASE_URL, `${noCors}/`) : codes[id].script;
      try {
        await page.goto(article(`/fallback-${fault}.html`, code));
        // The failure is reported in the shadow root (a stall within the
        // module's watchdog of 10 s); a refused script never runs at all.
        if (fault !== 'cors') {
          await page.waitForFunction(() => document.querySelector('[data-article-chart]').shadowRoot?.querySelector('[data-ready="error"]'), null, { timeout: 30_000 });
        } else {
          await page.waitForFunction(() => window.__scriptsFailed.some((src) => src.endsWith('/article-charts-embed.js')), null, { timeout: 30_000 });
        }
        const look = await page.evaluate(() => {
          const host = document.querySelector('[data-article-chart]');
          const img = host.querySelector('a > picture > img');
          const r = img?.getBoundingClientRect();
          return {
            shown: Boolean(img?.checkVisibility()) && r.width > 100 && r.height > 100,
            loaded: Boolean(img?.complete && img.naturalWidth > 0),
            alt: img?.alt,
            href: host.querySelector('a')?.href,
            canvas: Boolean(host.shadowRoot?.querySelector('canvas')),
          };
        });
        assert.ok(look.shown && look.loaded, `${fault}: the static image is not shown: ${JSON.stringify(look)}`);
        assert.ok(look.alt.length > 3, `${fault}: the image has no alt text`);
        assert.match(look.href, /\/embed\/[^/]+\.html$/, `${fault}: the image does not link to the chart's page`);
        assert.equal(look.canvas, false);
      } finally {
        await context.close();
      }
    });
  }
});

describe('nothing moves while the charts load', () => {
  // Each kind alone, then all three in one article (a viewport tall
  // enough to show them all, so that every frame is rendered and counted).
  // A 640 px column on a wide screen and on the narrowest that has it
  // (672 px), a small phone's 288 px column (320 px screen, 16 px
  // margins), a common phone's 343 px one (375 px) and two between: the
  // codes reserve at least the chart's height on every screen, and the
  // chart makes itself as tall as that. At 420 px the first chart, and at
  // 480 px the other two, are shorter than their room, so the page's own
  // minimum height is what keeps them still there.
  for (const width of [1280, 672, 480, 420, 375, 320]) for (const form of ['iframe', 'pym', 'script', 'all three']) {
    test(`${form} at ${width} px: layout shift 0 on a CPU slowed 4×`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const [id] = Object.keys(codes);
      const all = form === 'all three';
      const body = all ? threeKinds() : codes[id][form].replace(PYM_URL, `${origin}/pym.js`);
      const tall = width < 640 ? 3600 : 2400;
      const context = await chromiumBrowser.newContext({ viewport: { width, height: all ? tall : 1400 }, colorScheme: 'dark' });
      const page = await context.newPage();
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(article(`/still-${form.replace(' ', '-')}-${width}.html`, body));
        const drawn = await until(page, async () => {
          const frames = page.frames().filter((f) => f !== page.mainFrame());
          const states = await Promise.all(frames.map((f) => f.evaluate(() => document.documentElement.dataset.ready).catch(() => null)));
          const host = await page.evaluate(() => document.querySelector('[data-article-chart]')?.shadowRoot?.querySelector('.article-charts-embed')?.dataset.ready);
          if (form === 'script') return [host];
          return all ? [...states, host] : states;
        }, (r) => r.length === (all ? 3 : 1) && r.every((x) => x === 'true'), 90_000);
        assert.ok(drawn.length > 0 && drawn.every((x) => x === 'true'), `${form}: the chart was not drawn (${drawn})`);
        // Drawn; each frame's height has reached the article (whose
        // resizer handles the same message event), and two frames later
        // any shift it caused has been measured.
        const frames = all ? 2 : form === 'script' ? 0 : 1;
        const told = await until(page, () => heightsTold(page), (r) => r.length === frames && r.every(Boolean), 30_000);
        assert.ok(told.length === frames && told.every(Boolean), `${form}: the frames did not tell their heights (${told})`);
        await twoFrames(page);
        const [shifts, moved] = await page.evaluate(() => {
          window.__takeShifts();
          return [window.__shifts, window.__moved];
        });
        const total = shifts.reduce((a, b) => a + b, 0);
        assert.equal(total, 0, `${form}: layout shifts ${JSON.stringify(shifts)}: ${moved.join('; ')}`);
        // Each chart is as tall as its code reserved: the chart took the
        // room, no more and no less. pym.js's element and the script
        // embed's would keep their room whatever the chart's height, so
        // their frame and shadow root are measured (a shift the viewport
        // did not show would show here too).
        const ids = all ? Object.keys(codes) : [id];
        const reserved = ids.map((chart) => codes[chart].iframe.match(/;height:([^"]+)"/)[1]);
        const boxes = await page.evaluate((reserved) => [...document.querySelectorAll('#column > iframe, #column > [data-pym-src], #column > [data-article-chart]')].map((box, i) => {
          const probe = document.createElement('div');
          probe.style.height = reserved[i];
          document.body.append(probe);
          const want = probe.getBoundingClientRect().height;
          probe.remove();
          const chart = box.shadowRoot?.querySelector('.article-charts-embed') ?? box.querySelector('iframe') ?? box;
          return { what: box.localName, want, got: chart.getBoundingClientRect().height };
        }), reserved);
        assert.equal(boxes.length, all ? 3 : 1, JSON.stringify(boxes));
        for (const b of boxes) assert.ok(b.want > 100 && Math.abs(b.got - b.want) <= 1, `${form}: a ${b.what} ${b.got}px tall where ${b.want}px were reserved`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the height messages parents listen for', () => {
  test('AMP embed-size as the AMP documentation gives it, WordPress height with its secret, pym.js answered', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The documented request of amp-iframe ("Iframe resizing"):
    //   window.parent.postMessage({sentinel: 'amp', type: 'embed-size', height: …}, '*')
    // which AMP denies below 100 px. WordPress's embed host script
    // (wp-embed.js) says {message: 'ready', secret} and takes
    // {message: 'height', value, secret} from a frame whose address ends in
    // #?secret=…; pym.js sends the width and takes the height.
    const [id] = Object.keys(codes);
    const src = codes[id].iframe.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    const url = article('/messages.html', `<iframe id="wp" src="${src}#?secret=Ab3dE9xYz1" width="100%" height="150" style="border:0"></iframe>`);
    const opened = await openChromium(url, 1280);
    try {
      await opened.evaluate(() => {
        window.__messages = [];
        addEventListener('message', (e) => window.__messages.push(e.data));
      });
      const [frame] = await opened.frames();
      await until(opened.page, () => frame.evaluate(() => document.documentElement.dataset.ready), (r) => r === 'true', 30_000);
      const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      // Asked after it was drawn, as a late parent would ask.
      await opened.evaluate(() => {
        window.__messages = [];
        document.getElementById('wp').contentWindow.postMessage({ message: 'ready', secret: 'Ab3dE9xYz1' }, '*');
      });
      const messages = await until(opened.page, () => opened.evaluate(() => window.__messages), (m) => m.some((d) => d?.message === 'height'), 5_000);
      const amp = messages.find((d) => d?.sentinel === 'amp');
      assert.ok(amp, `no AMP message among ${JSON.stringify(messages)}`);
      assert.deepEqual(Object.keys(amp).sort(), ['height', 'sentinel', 'type']);
      assert.equal(amp.type, 'embed-size');
      assert.ok(typeof amp.height === 'number' && amp.height >= 100 && Math.abs(amp.height - content) <= FIT_PX, `AMP height ${amp.height} for ${content}px`);
      const wp = messages.find((d) => d?.message === 'height');
      assert.deepEqual(wp, { message: 'height', value: amp.height, secret: 'Ab3dE9xYz1' });
      // A wrong secret is not answered at all. The frame says when it has
      // handled the request: a listener of this test's, added after the
      // chart's own, runs right after it on the same message, so any answer
      // arrives before its word.
      await frame.evaluate(() => addEventListener('message', (e) => {
        if (e.data?.secret === 'other') parent.postMessage('handled', '*');
      }));
      await opened.evaluate(() => {
        window.__messages = [];
        document.getElementById('wp').contentWindow.postMessage({ message: 'ready', secret: 'other' }, '*');
      });
      const answered = await until(opened.page, () => opened.evaluate(() => window.__messages), (m) => m.includes('handled'), 5_000);
      assert.deepEqual(answered, ['handled']);
    } finally {
      await opened.close();
    }
  });
});
