// The one place that says how the browser is started, shared by the tests
// and the screenshots, plus the helpers every test needs to open the page.
//
// Playwright drives Debian's Chromium through `playwright-core`, the package
// without a browser download: this machine cannot fetch browsers at run time.

import { after } from 'node:test';

import { chromium } from 'playwright-core';

/** Where `cargo xtask test` serves dist/; a default helps running by hand. */
export const BASE_URL = withSlash(process.env.BASE_URL ?? 'http://127.0.0.1:8000/');

/** How long the page may take to draw every chart. */
export const READY_TIMEOUT_MS = 20_000;

/** Debian's Chromium, which `cargo xtask` installs when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The catalogue's charts, fetched once, when a test first asks. */
let charts;

/**
 * The id of the first chart of `kind` (`years`, `bars`, `cards`,
 * `timeline`) of the site under test, from its catalogue `charts.json`, so
 * that no test names a chart of one article: a newsroom that replaces
 * `data/` with its own article runs the same tests. Fetched on first use,
 * not on import, as the bench imports this file for another site.
 */
export async function chartOfKind(kind) {
  charts ??= fetch(`${BASE_URL}charts.json`)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((catalogue) => catalogue.charts)
    .catch((error) => {
      throw new Error(`cannot read ${BASE_URL}charts.json (is the site served?): ${error.message}`);
    });
  const chart = (await charts).find((c) => c.kind === kind);
  if (!chart) throw new Error(`the site has no chart of kind ${kind}; the browser tests need one of each kind`);
  return chart.id;
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Starts headless Chromium. The flags keep it from reaching out to Google's
 * services, which this machine's closed network refuses many times a second,
 * and `--no-sandbox` is needed because tests run as root in CI.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // The pages' strict Content-Security-Policy stays in force in every test,
  // so any test would see a violation; security.test.mjs also checks the
  // policy itself, and bypasses it where it feeds hostile input.
  // The version goes to the log, so that a failure says which Chromium it
  // was seen in.
  console.log(`Chromium ${browser.version()}`);
  return browser;
}

/**
 * Reads the data the site is built from, then starts the browser: what
 * most test files need before their first test (see `openSuite`). The
 * data comes first, so that a site that cannot be read leaves no browser
 * running.
 */
export async function startSuite() {
  const dataset = await loadDataset();
  return { browser: await launch(), dataset };
}

/**
 * What most test files begin with, as
 * `const { browser, dataset } = await openSuite();` at their top level:
 * `startSuite` at once, and the browser closed after the file's last test.
 */
export async function openSuite() {
  const suite = await startSuite();
  after(() => suite.browser.close());
  return suite;
}

/**
 * Opens a page in a new context of `browser`, with its console problems
 * collected from its first request on. `width` and `height` set the
 * viewport (Playwright's 1280 × 720 without them); any other option is the
 * context's own (`colorScheme`, `locale`, `hasTouch`, `deviceScaleFactor`,
 * `javaScriptEnabled`, `bypassCSP`, …).
 *
 * @returns {{context, page, problems: string[]}}
 */
export async function openPage(browser, { width, height, ...options } = {}) {
  const context = await browser.newContext(width ? { viewport: { width, height }, ...options } : options);
  try {
    const page = await context.newPage();
    return { context, page, problems: collectProblems(page) };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Runs `body` with a page that `openPage` opened, and always closes its context. */
export async function withPage(browser, options, body) {
  return closing(await openPage(browser, options), body);
}

/** Runs `body` with what `openPage` or `openDashboard` returned, and always closes its context. */
async function closing(opened, body) {
  try {
    return await body(opened);
  } finally {
    await opened.context.close();
  }
}

/**
 * Waits for two animation frames of `page` (or of a frame of it): the
 * first runs the frame callbacks that an event already asked for, the
 * second starts only once that frame was drawn. A check that nothing
 * changed after an event waits for this, so that the page has had its
 * chance to change.
 */
export function twoFrames(page) {
  return page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  }));
}

/** How long a hover, tap, key or resize may take to show on the page. */
export const UI_TIMEOUT_MS = 3_000;

/** Collapses runs of white space, so text compares as a reader sees it. */
export function normalise(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Polls `probe` until `done(result)` holds or the time is up; returns the
 * last result. Between two probes it waits for `between()`: by default
 * 50 ms; a test that can name what its probe waits for (a page's next
 * frames, an event) passes that instead.
 */
export async function eventually(probe, done, timeoutMs = UI_TIMEOUT_MS, { between } = {}) {
  const deadline = Date.now() + timeoutMs;
  const wait = between ?? (() => new Promise((resolve) => setTimeout(resolve, 50)));
  let result = await probe();
  while (!done(result) && Date.now() < deadline) {
    await wait();
    result = await probe();
  }
  return result;
}

/** Runs `body` with a freshly opened dashboard and always closes it. */
export async function withDashboard(browser, options, body) {
  return closing(await openDashboard(browser, options), body);
}

/**
 * The address of a page of the site in a language: each has its own
 * prerendered file, the dashboard (`index`, whose Simplified Chinese page,
 * the default, is the folder's index) or the table of every figure
 * (`figures`).
 */
export function pageUrl(lang = 'zh', page = 'index') {
  if (lang === 'zh') return page === 'index' ? BASE_URL : `${BASE_URL}${page}.html`;
  return `${BASE_URL}${page}.${encodeURIComponent(lang)}.html`;
}

/**
 * Opens the dashboard (or, with `file` "figures", the table of every
 * figure's page) in a new context and waits until every chart is drawn.
 * Console errors and warnings and uncaught page errors are collected from the
 * very first request on, so a test can require that there were none.
 *
 * @returns {{context, page, problems: string[]}}
 */
export async function openDashboard(browser, {
  lang = 'zh',
  width = 1280,
  height = 900,
  deviceScaleFactor = 1,
  colorScheme = 'light',
  hasTouch = false,
  paintAll = true,
  file = 'index',
} = {}) {
  const { context, page, problems } = await openPage(browser, {
    width, height, deviceScaleFactor, colorScheme, hasTouch,
  });
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  try {
    await page.goto(pageUrl(lang, file), { waitUntil: 'load' });
    await waitReady(page, problems);
    if (paintAll) await paintEveryChart(page);
  } catch (error) {
    await context.close();
    throw error;
  }
  return { context, page, problems };
}

/**
 * Scrolls every chart into view in turn, then back to the top: charts are
 * painted as they come near the viewport, so this paints them all, as a
 * test that looks at every canvas needs.
 */
export async function paintEveryChart(page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    for (const figure of document.querySelectorAll('figure.chart')) {
      // Scrolled to by coordinates: `scrollIntoView` would move where Tab
      // starts from.
      window.scrollTo(0, figure.getBoundingClientRect().top + window.scrollY - innerHeight / 3);
      await frame();
      await frame();
    }
    window.scrollTo(0, 0);
    await frame();
  });
}

/**
 * Collects the console errors and warnings and the uncaught errors of `page`
 * into the returned list, from now on, so a test can require there were none.
 */
export function collectProblems(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      const where = message.location();
      problems.push(`console ${message.type()}: ${message.text()} (${where.url}:${where.lineNumber})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/**
 * Waits for `<html data-ready>` to become "true" (every chart drawn) or
 * "error", and fails with what the page reported in the second case.
 */
export async function waitReady(page, problems = []) {
  try {
    await page.waitForFunction(
      () => ['true', 'error'].includes(document.documentElement.dataset.ready),
      null,
      { timeout: READY_TIMEOUT_MS, polling: 50 },
    );
  } catch (error) {
    const state = await page.evaluate(() => document.documentElement.dataset.ready).catch(() => '?');
    throw new Error(
      `the page did not set data-ready within ${READY_TIMEOUT_MS} ms (data-ready=${state}); ` +
      `problems: ${problems.join(' | ') || 'none'}`,
      { cause: error },
    );
  }
  const state = await page.evaluate(() => document.documentElement.dataset.ready);
  if (state !== 'true') {
    throw new Error(`the page reported data-ready="${state}"; problems: ${problems.join(' | ') || 'none'}`);
  }
}

/** Fetches a file of dist/ from the test server, failing on any non-200. */
export async function fetchFromSite(path) {
  const url = new URL(path, BASE_URL);
  const response = await fetch(url);
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return response;
}

/**
 * The address in dist/ of a file that the build fingerprints
 * (`pkg/article_charts.js` → `pkg/article_charts.1a2b3c4d.js`), from
 * dist/fingerprints.json; other paths are returned as they are.
 */
export async function builtName(path) {
  const manifest = await (await fetchFromSite('fingerprints.json')).json();
  return manifest[path] ?? path;
}

/**
 * The source sentence of an indicator as a reader of `lang` is shown it: the
 * Simplified quote, the article's own Traditional sentence, or its English
 * translation.
 */
export function sourceIn(indicator, lang) {
  return { zh: indicator.source, 'zh-Hant': indicator.source_zh_hant, en: indicator.source_en }[lang];
}

/** The id of the bars chart with the fewest figures in `dataset`. */
export function smallBars(dataset) {
  const bars = dataset.charts.filter((c) => c.kind === 'bars').sort((a, b) => a.items.length - b.items.length);
  if (bars.length === 0) throw new Error('the data has no bars chart');
  return bars[0].id;
}

/** `dist/data/indicators.json`, the data the page is built from. */
export async function loadDataset() {
  const response = await fetchFromSite('data/indicators.json');
  return response.json();
}

/**
 * Lets a test reach the script embeds' charts as `window.articleChartsEmbeds`. The
 * script keeps them in its module (a page global could be overwritten by
 * the host page), and exports `charts()`; importing the same address again
 * gives the page's one instance of that module.
 */
export async function exposeEmbeds(page) {
  await page.evaluate(async (url) => {
    const embeds = await import(url);
    Object.defineProperty(window, 'articleChartsEmbeds', { configurable: true, get: () => embeds.charts() });
  }, `${BASE_URL}article-charts-embed.js`);
}
