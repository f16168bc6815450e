// Browser tests of the security half of "nothing breaks it": the pages keep
// to their strict Content-Security-Policy (sent as a header by the test
// server from dist/_headers, and as a meta tag), make no request beyond
// their own files, work in sandboxed iframes, and let no hostile input run:
// query parameters, the hash, and messages posted to the embed frame and to
// a host page that uses embed-resize.js.
//
// Host pages are served as `localhost` while the charts are `127.0.0.1`, two
// origins, as in embed.test.mjs (Chromium blocks public pages from framing
// loopback addresses, so a made-up public origin would not do).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';

import { BASE_URL, READY_TIMEOUT_MS, UI_TIMEOUT_MS, collectProblems, eventually, launch, loadDataset, chartOfKind, twoFrames } from './browser.mjs';

const HOST = BASE_URL.replace('//127.0.0.1:', '//localhost:');
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TEST_TIMEOUT_MS = 240_000;
/** Charts of three kinds, from the site's catalogue. */
const [BARS, CARDS, TIMELINE] = await Promise.all(['bars', 'cards', 'timeline'].map(chartOfKind));

/** The markup every input path is fed; it sets `__pwned` if it ever runs. */
const XSS = '<img src=x onerror=window.__pwned=1>';
const JS_URL = 'javascript:window.__pwned=1';
/** 10 KB of text around the markup; the test server takes 16 KB request heads. */
const LONG = `${'a'.repeat(10_000)}${XSS}`;
const HOSTILE = [XSS, JS_URL, LONG, ''];

let browser;
/** Chart id → number of figures, from dist/data/indicators.json. */
let figures;

before(async () => {
  browser = await launch();
  const data = await loadDataset();
  figures = Object.fromEntries(data.charts.map((c) => [c.id, c.items.length]));
});

after(async () => {
  await browser?.close();
});

/**
 * A new context that records, in every page and frame, each
 * `securitypolicyviolation` event into `window.__csp`, and every dialog.
 * `strict` keeps the pages' Content-Security-Policy in force.
 */
async function newContext({ strict, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, bypassCSP: !strict, ...options });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const dialogs = [];
  context.on('page', (page) => page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); }));
  return { context, dialogs };
}

/**
 * Runs `body` with a context that `newContext` made, requires that no page
 * of it opened a dialog, and always closes it.
 */
async function withContext(options, body) {
  const { context, dialogs } = await newContext(options);
  try {
    await body(context);
    assert.deepEqual(dialogs, [], 'a page opened a dialog');
  } finally {
    await context.close();
  }
}

/**
 * Opens `url` in a new page of `context`, collecting console problems; waits
 * for data-ready. `response` is that of the document shown then: a page
 * that sends the reader on (`embed.html?chart=X` to its chart page) shows
 * another document than the one first answered.
 */
async function open(context, url, { ready = ['true'] } = {}) {
  const page = await context.newPage();
  const problems = collectProblems(page);
  let shown = null;
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) shown = r;
  });
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => ['true', 'error'].includes(document.documentElement.dataset.ready), null, { timeout: READY_TIMEOUT_MS });
  const state = await page.evaluate(() => document.documentElement.dataset.ready);
  assert.ok(ready.includes(state), `${url.slice(0, 200)}: data-ready=${state}; ${problems.join(' | ')}`);
  return { page, problems, response: shown ?? response };
}

/**
 * Hovers the middle of the first item of chart `id` in `frame` (a page or
 * frame; `offset` is the frame's position in the page) and returns whether
 * the tooltip shows and the canvas names that item.
 */
/** The `'sha256-…'` sources of a policy's `style-src`, sorted. */
function styleHashes(policy) {
  const sources = policy.match(/style-src ([^;]*)/)?.[1] ?? '';
  return sources.split(/\s+/).filter((s) => s.startsWith("'sha256-")).sort();
}

/** A policy without the hash sources of its `style-src`. */
function withoutStyleHashes(policy) {
  return policy.replace(/style-src [^;]*/, (d) => d.split(/\s+/).filter((s) => !s.startsWith("'sha256-")).join(' '));
}

/** The hash sources of the page's own `<style>` elements, sorted, as the browser computes them. */
function ownStyleHashes(page) {
  return page.$$eval('style', async (all) => {
    const hash = async (text) => {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
    };
    return [...new Set(await Promise.all(all.map((s) => hash(s.textContent))))].sort();
  });
}

async function hoverFirst(page, frame, id, offset = { x: 0, y: 0 }) {
  const target = await frame.evaluate((chart) => {
    const canvas = document.querySelector(`figure.chart[data-chart="${chart}"] canvas.plot`);
    canvas.scrollIntoView({ block: 'center' });
    const item = window.articleCharts.items(chart)[0];
    const rect = canvas.getBoundingClientRect();
    return { x: rect.left + item.x + item.w / 2, y: rect.top + item.y + item.h / 2, id: item.id };
  }, id);
  await page.mouse.move(offset.x + target.x, offset.y + target.y);
  const probe = () => frame.evaluate((chart) => ({
    shown: !document.querySelector('[role="tooltip"]').hidden,
    active: document.querySelector(`figure.chart[data-chart="${chart}"] canvas.plot`).dataset.active,
  }), id);
  const seen = await eventually(probe, (s) => s.shown && s.active === target.id);
  return { ...seen, expected: target.id };
}

/** Every chart of the page with its number of hover boxes. */
function itemCounts(frame) {
  return frame.evaluate(() => Object.fromEntries(window.articleCharts.charts().map((id) => [id, window.articleCharts.items(id).length])));
}

/** Whether every canvas of the frame has ink: more than one colour. */
function inked(frame) {
  return frame.evaluate(async () => {
    // Charts are painted as they come near the viewport: bring each there.
    const tick = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    for (const c of document.querySelectorAll('canvas.plot')) {
      c.scrollIntoView({ block: 'center' });
      await tick();
      await tick();
    }
    return [...document.querySelectorAll('canvas.plot')].map((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length && colours.size < 3; i += 4 * 97) colours.add(data[i] * 65536 + data[i + 1] * 256 + data[i + 2]);
    return colours.size > 1;
    });
  });
}

/**
 * Shows that the policy is in force in `frame`: a string handed to
 * innerHTML is refused (Trusted Types) and an inline style sheet is
 * reported. Returns the violations seen before this probe, and clears the
 * record of the probe's own.
 */
async function policyInForce(frame, what) {
  const before = await frame.evaluate(() => [...window.__csp]);
  const probe = await frame.evaluate(async (limit) => {
    let html;
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      html = 'allowed';
    } catch {
      html = 'refused';
    }
    const style = document.createElement('style');
    style.textContent = 'html { outline: 1px solid red }';
    // The report is an event, awaited as such; the time is only a limit,
    // past which the assertion below fails for want of it.
    const reported = new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        if (e.violatedDirective.startsWith('style-src')) resolve();
      });
      setTimeout(resolve, limit);
    });
    document.head.append(style);
    await reported;
    style.remove();
    const seen = window.__csp.splice(0).map((v) => v.split(' ')[0]);
    return { html, seen };
  }, UI_TIMEOUT_MS);
  assert.equal(probe.html, 'refused', `${what}: innerHTML with a string must be refused`);
  assert.ok(probe.seen.some((d) => d.startsWith('style-src')), `${what}: an inline style must be reported, saw ${probe.seen}`);
  return before;
}

describe('Content-Security-Policy', () => {
  const pages = [
    ['the dashboard', BASE_URL, BARS],
    ['the dashboard in English', `${BASE_URL}?lang=en`, CARDS],
    ['the embed page', `${BASE_URL}embed.html?chart=${BARS}&lang=en`, BARS],
    ['a chart page', `${BASE_URL}embed/${TIMELINE}.html`, TIMELINE],
    ['a standalone file, served', `${BASE_URL}standalone/${CARDS}.en.html`, CARDS],
    ['a standalone file, from disk', pathToFileURL(`${DIST}standalone/${BARS}.html`).href, BARS],
  ];

  test('every page works under its policy, header and meta tag, with no violation', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext({ strict: true }, async (context) => {
      for (const [what, url, chart] of pages) {
        const { page, problems, response } = await open(context, url);
        const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
        assert.ok(meta, `${what}: no meta policy`);
        assert.doesNotMatch(meta, /'unsafe-inline'|'unsafe-eval'|\*/, `${what}: ${meta}`);
        if (url.startsWith('http')) {
          // The header may allow more style sheets than the meta tag: one
          // `_headers` rule covers every chart page, whose meta tag allows
          // only its own. Everything else is the same in both.
          const header = response.headers()['content-security-policy'];
          assert.equal(withoutStyleHashes(header), withoutStyleHashes(meta), `${what}: the header and the meta tag differ`);
          const [headerStyles, metaStyles] = [header, meta].map(styleHashes);
          const extra = metaStyles.filter((h) => !headerStyles.includes(h));
          assert.deepEqual(extra, [], `${what}: the meta tag allows style sheets the header does not`);
          if (what === 'a chart page') {
            assert.deepEqual(metaStyles, await ownStyleHashes(page), `${what}: the meta tag allows other pages' style sheets`);
          }
        }
        const hovered = await hoverFirst(page, page, chart);
        assert.ok(hovered.shown && hovered.active === hovered.expected, `${what}: hover ${JSON.stringify(hovered)}`);
        // Keyboard, the data table and, on the dashboard, the embed code.
        await page.focus(`figure.chart[data-chart="${chart}"] canvas.plot`);
        await page.keyboard.press('ArrowRight');
        await page.click(`figure.chart[data-chart="${chart}"] button.data-toggle`);
        await page.$$eval('details.chart-tools', (all) => all.forEach((d) => { d.open = true; }));
        // What the key, the click and the opened panels asked for is drawn
        // two frames later, and any console problem it caused reported.
        await twoFrames(page);
        assert.ok((await inked(page)).every(Boolean), `${what}: a blank canvas`);
        // Console problems (CSP and Trusted Types report there too) before
        // the probe below causes some on purpose.
        assert.deepEqual(problems, [], `${what}: console problems`);
        const violations = await policyInForce(page, what);
        assert.deepEqual(violations, [], `${what}: violations`);
        await page.close();
      }
    });
  });
});

describe('no network beyond its own files', () => {
  test('dashboard, embed page and standalone file ask no other origin', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The policy is bypassed here, so that a request the page tries reaches
    // the router instead of being stopped by the policy first.
    await withContext({ strict: false }, async (context) => {
      for (const [what, url, chart] of [
        ['the dashboard', BASE_URL, BARS],
        ['the embed page', `${BASE_URL}embed.html?chart=${TIMELINE}`, TIMELINE],
        ['a standalone file', `${BASE_URL}standalone/${BARS}.en.html`, BARS],
      ]) {
        const own = new URL(url).origin;
        const foreign = [];
        let local = 0;
        await context.route('**/*', (route) => {
          const requested = route.request().url();
          if (requested.startsWith('data:') || new URL(requested).origin === own) {
            local += 1;
            return route.continue();
          }
          foreign.push(requested);
          return route.abort('blockedbyclient');
        });
        const { page } = await open(context, url);
        await hoverFirst(page, page, chart);
        // Two frames after the hover, whatever it made the page ask for has
        // been asked; a request of the page's own after that, which the
        // router sees in turn, stands for "everything before it is routed".
        await twoFrames(page);
        await page.evaluate(() => fetch(new URL('charts.json?after-the-hover', document.baseURI)).catch(() => {}));
        assert.deepEqual(foreign, [], `${what} asked other origins`);
        assert.ok(local >= 1, `${what}: the router saw no request at all`);
        assert.ok((await inked(page)).every(Boolean), `${what}: a blank canvas`);
        // The router catches what a page would send elsewhere.
        await page.evaluate(() => fetch('https://beacon.example/x').catch(() => {}));
        assert.deepEqual(foreign, ['https://beacon.example/x'], `${what}: the router missed a foreign request`);
        await context.unrouteAll();
        await page.close();
      }
    });
  });
});

/**
 * Shows `html` as a page of HOST (another origin than the charts) and
 * returns the page and its chart frame once drawn. The page is a real
 * response of the test server (a style sheet) whose content is then
 * replaced: Chromium refuses to let a page that did not come from a
 * loopback address (such as one fulfilled by a Playwright route) frame one.
 */
async function hostPage(context, html) {
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto(`${HOST}embed-resize.js`);
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  const handle = await page.waitForSelector('iframe.chart');
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => ['true', 'error'].includes(document.documentElement.dataset.ready), null, { timeout: READY_TIMEOUT_MS });
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.ready), 'true', `the framed chart did not draw: ${problems.join(' | ')}`);
  return { page, frame, handle, problems };
}

/** An article with one chart iframe, our resize script and a record of the messages it receives. */
const article = (iframe, extra = '') => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Article</title></head>
<body><p>Article text.</p>
${iframe}
${extra}
<script>window.__messages = []; addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));</script>
<script async src="${BASE_URL}embed-resize.js"></script>
</body></html>`;

const CHART = CARDS;
const frameUrl = `${BASE_URL}embed.html?chart=${CHART}&lang=en`;

describe('sandboxed iframes', () => {
  for (const sandbox of ['allow-scripts', 'allow-scripts allow-same-origin']) {
    test(`the embed draws, hovers and reports its height in <iframe sandbox="${sandbox}">`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { context, dialogs } = await newContext({ strict: true });
      try {
        const { page, frame, handle, problems } = await hostPage(context, article(
          `<iframe class="chart" sandbox="${sandbox}" src="${frameUrl}" title="Chart" width="100%" height="150" style="border:0"></iframe>`));
        const opaque = !sandbox.includes('allow-same-origin');
        assert.equal(await frame.evaluate(() => origin), opaque ? 'null' : new URL(BASE_URL).origin);
        assert.ok((await inked(frame)).every(Boolean), 'a blank canvas in the frame');
        const box = await handle.boundingBox();
        const hovered = await hoverFirst(page, frame, CHART, box);
        assert.ok(hovered.shown && hovered.active === hovered.expected, `hover in the frame: ${JSON.stringify(hovered)}`);
        // The height message reaches the parent, and embed-resize.js acts on it.
        const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const outer = await eventually(() => handle.evaluate((f) => f.getBoundingClientRect().height), (h) => Math.abs(h - inner) <= 2);
        assert.ok(Math.abs(outer - inner) <= 2, `the iframe is ${outer}px tall, its page ${inner}px`);
        const messages = await page.evaluate(() => window.__messages.filter((m) => m.data && m.data['datawrapper-height']));
        assert.ok(messages.length >= 1, 'no height message reached the parent');
        assert.equal(messages[0].origin, opaque ? 'null' : new URL(BASE_URL).origin);
        assert.deepEqual(await frame.evaluate(() => window.__csp), [], 'violations in the frame');
        assert.deepEqual(problems, []);
        assert.deepEqual(dialogs, []);
      } finally {
        await context.close();
      }
    });
  }
});

/** Whether anything hostile ran in `frame`, and what markup it left. */
function traces(frame) {
  return frame.evaluate(() => ({
    pwned: window.__pwned,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    scriptLinks: [...document.querySelectorAll('a[href], iframe[src]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? a.getAttribute('src'))).length,
    images: document.querySelectorAll('img').length,
  }));
}

const clean = { pwned: undefined, handlers: 0, scriptLinks: 0, images: 0 };

/**
 * Waits until an injected image or handler would have run: the page has
 * loaded, every image of it is complete (an image that failed to load
 * fires `onerror` in the task after), and two frames have passed.
 */
/**
 * Calls `check` on every item, a few at a time: the loads of one batch
 * overlap their network and frame waits, and a failure still names its
 * case. (A page left open by a failed check closes with its context.)
 */
async function inBatches(items, check, size = 4) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(check));
  }
}

async function settled(page) {
  await page.waitForFunction(() => document.readyState === 'complete'
    && [...document.images].every((img) => img.complete), null, { timeout: UI_TIMEOUT_MS });
  await twoFrames(page);
}

/**
 * Waits until the host `page` and the chart's `frame` have handled every
 * message posted so far. A window receives the messages of one sender in
 * the order they were sent, so each sender (the host, the foreign frame
 * and the chart's frame) sends one last message: once the chart's frame has
 * heard the host's and answered two frames later (after any message of its
 * own it was moved to send), and the host has heard all three, every
 * earlier message has been handled. Two frames more lay out any resize.
 */
async function everyMessageHandled(page, frame) {
  await page.evaluate(() => {
    window.__last = new Set();
    addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data.startsWith('last-from-')) window.__last.add(e.data);
    });
  });
  await frame.evaluate(() => addEventListener('message', (e) => {
    if (e.data === 'last-from-host') requestAnimationFrame(() => requestAnimationFrame(() => parent.postMessage('last-from-chart', '*')));
  }));
  await page.evaluate(() => {
    document.querySelector('iframe.chart').contentWindow.postMessage('last-from-host', '*');
    document.querySelector('iframe.foreign').contentWindow.eval("parent.postMessage('last-from-foreign', '*')");
    window.postMessage('last-from-host', '*');
  });
  await page.waitForFunction(() => ['last-from-host', 'last-from-foreign', 'last-from-chart'].every((m) => window.__last.has(m)),
    null, { timeout: UI_TIMEOUT_MS });
  await twoFrames(page);
}

/** A query string from [key, value] pairs. */
const query = (pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;

describe('no injection', () => {
  // The policy is bypassed: these tests check the code, not the policy,
  // which would otherwise stop an injected handler on its own.
  test('hostile query parameters and hashes on the dashboard', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext({ strict: false }, async (context) => {
      const urls = [];
      for (const value of HOSTILE) {
        for (const key of ['lang', 'chart', 'theme', 'plain', 'unknown']) urls.push(query([[key, value]]));
        urls.push(query([[value, 'x']]));
        urls.push(query([['lang', 'en'], ['lang', value]]), query([['lang', value], ['lang', 'en']]));
        urls.push(`#${encodeURIComponent(value)}`, `?lang=en#${value}`);
      }
      await inBatches(urls, async (suffix) => {
        const { page, problems } = await open(context, `${BASE_URL}${suffix}`);
        await settled(page);
        const what = `dashboard ${suffix.slice(0, 80)}`;
        assert.deepEqual(await traces(page), clean, what);
        assert.deepEqual(await itemCounts(page), figures, `${what}: every figure`);
        assert.deepEqual(problems, [], what);
        await page.close();
      });
    });
  });

  test('hostile query parameters and hashes on the embed page', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext({ strict: false }, async (context) => {
      const cases = [];
      for (const value of HOSTILE) {
        // A bad chart shows a message and no chart.
        cases.push([query([['chart', value]]), false], [query([['chart', value], ['chart', CHART]]), false]);
        // Any other bad option, repeated or unknown parameter leaves the chart drawn.
        for (const key of ['lang', 'theme', 'plain', 'unknown', 'childId']) {
          cases.push([query([['chart', CHART], [key, value]]), true]);
        }
        cases.push([query([['chart', CHART], [value, 'x']]), true]);
        cases.push([query([['chart', CHART], ['chart', value], ['lang', 'en'], ['lang', XSS]]), true]);
        cases.push([`${query([['chart', CHART]])}#${encodeURIComponent(value)}`, true]);
      }
      await inBatches(cases, async ([suffix, draws]) => {
        const { page, problems } = await open(context, `${BASE_URL}embed.html${suffix}`, { ready: [draws ? 'true' : 'error'] });
        await settled(page);
        const what = `embed ${suffix.slice(0, 80)}`;
        assert.deepEqual(await traces(page), clean, what);
        if (draws) {
          assert.deepEqual(await itemCounts(page), { [CHART]: figures[CHART] }, `${what}: every figure`);
        } else {
          const message = await page.$eval('.embed-problem[role="alert"]', (p) => p.textContent);
          assert.match(message, new RegExp(CHART), `${what}: the message lists the charts`);
        }
        assert.deepEqual(problems, [], what);
        await page.close();
      });
    });
  });

  test('hostile messages to the embed frame and to a host page with embed-resize.js', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withContext({ strict: false }, async (context) => {
      // A second, foreign iframe (same origin as the host, not ours) that
      // claims a height for itself.
      const { page, frame, handle, problems } = await hostPage(context, article(
        `<iframe class="chart" src="${frameUrl}" title="Chart" width="100%" height="150" style="border:0"></iframe>`,
        '<iframe class="foreign" title="Other" srcdoc="<p>other</p>" height="50" style="border:0"></iframe>'));
      const before = await itemCounts(frame);
      const height = () => handle.evaluate((f) => f.getBoundingClientRect().height);
      const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      await eventually(height, (h) => Math.abs(h - inner) <= 2);

      // What the parent page, another origin, posts into the chart's frame:
      // wrong types, a huge string, a cyclic object, our own message shapes
      // with markup in them.
      const posted = await page.evaluate(({ XSS, JS_URL }) => {
        const cyclic = { a: 1 };
        cyclic.self = cyclic;
        const messages = ['text', 42, null, undefined, true, [XSS], XSS, JS_URL, XSS.repeat(100_000), cyclic,
          { 'datawrapper-height': { x: XSS } }, { sentinel: 'amp', type: 'embed-size', height: XSS },
          `pymxPYMxchartxPYMxheightxPYMx${XSS}`, new Date(0), new Map([[XSS, cyclic]]), new ArrayBuffer(1 << 20)];
        const target = document.querySelector('iframe.chart').contentWindow;
        for (const message of messages) target.postMessage(message, '*');
        return messages.length;
      }, { XSS, JS_URL });
      assert.ok(posted > 10);
      // And the frame's own origin posts to itself.
      await frame.evaluate((XSS) => { window.postMessage({ 'datawrapper-height': XSS }, '*'); window.postMessage(XSS, '*'); }, XSS);

      // What embed-resize.js must ignore: hostile shapes from the chart's own
      // frame, any message from the foreign frame or from the page itself.
      await frame.evaluate(({ XSS }) => {
        const cyclic = {};
        cyclic.self = cyclic;
        for (const message of [{ 'datawrapper-height': { x: XSS } }, { 'datawrapper-height': { x: '777' } },
          { 'datawrapper-height': { x: 1e9 } }, { 'datawrapper-height': { x: 50_000 } }, { 'datawrapper-height': { x: -5 } },
          { 'datawrapper-height': XSS },
          { 'datawrapper-height': cyclic }, XSS, null]) {
          parent.postMessage(message, '*');
        }
      }, { XSS });
      await page.evaluate(() => {
        const foreign = document.querySelector('iframe.foreign').contentWindow;
        foreign.eval("parent.postMessage({ 'datawrapper-height': { x: 700 } }, '*')");
        window.postMessage({ 'datawrapper-height': { x: 700 } }, '*');
      });
      await everyMessageHandled(page, frame);
      assert.ok(Math.abs((await height()) - inner) <= 2, `the chart's iframe changed height to ${await height()}`);
      assert.equal(await page.$eval('iframe.foreign', (f) => f.getBoundingClientRect().height), 50, 'a foreign iframe was resized');

      // The chart's own well-formed message still works.
      await frame.evaluate(() => parent.postMessage({ 'datawrapper-height': { x: 321 } }, '*'));
      assert.equal(await eventually(height, (h) => h === 321), 321, 'a height from the chart is applied');

      assert.deepEqual(await traces(frame), clean, 'the frame');
      assert.deepEqual(await traces(page), clean, 'the host page');
      assert.deepEqual(await itemCounts(frame), before, 'every figure is still there');
      const hovered = await hoverFirst(page, frame, CHART, await handle.boundingBox());
      assert.ok(hovered.shown, 'hover still works');
      assert.deepEqual(problems, []);
    });
  });
});
