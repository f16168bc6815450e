// `cargo xtask bench`: measures the dashboard (dist/index.html) and the
// embed page of one chart against the Chart.js anchor page (bench/chartjs.html,
// all charts or `?chart=ID` for one) side by side in headless Chromium and
// Lighthouse, prints one Markdown table with a ratio column (ours /
// Chart.js) and a table of the issue's targets, each marked met or missed.
//
// The xtask builds dist/, serves dist/ and bench/ under one origin (at
// BENCH_URL, as /dist/ and /bench/) and runs this script. It is a
// measurement, never a pass/fail test: it exits non-zero only when it cannot
// measure at all (a page fails to load, say).
//
// It knows as little of the pages as it can, so that it measures any build
// of them: a chart is a <canvas> inside a `figure` or a `[data-chart]`
// element; a page is ready when as many chart canvases have been drawn on as
// the catalogue (dist/charts.json) has charts, which an init script sees by
// watching the 2D context's drawing calls; `<html data-ready="error">` is a
// failure. Charts drawn only near the viewport are reached by scrolling to
// each chart not yet drawn, except where drawing is timed: there the
// viewport reaches down to the last chart, so every chart is on screen and
// drawn at load, as Chart.js draws them. It ends there rather than at the
// page's end: what lies below the charts (the dashboard's table of every
// figure) is not what "all charts drawn" measures, and a reader's screen
// never shows a whole 7,600 px page at once. (Until 2026-12-07 it was as
// tall as the page; bench/results.md says what that changed.) Hover boxes
// come from the page's test interface (`window.articleCharts.charts()` /
// `items(id)`) and from Chart.js's own elements.
//
// Environment:
//   BENCH_URL         the base URL serving /dist/ and /bench/ (required)
//   LOADS             cold loads per page (default 10)
//   HOVERS            hover events timed one per animation frame, and real
//                     pointer moves traced (default 1000)
//   MEMORY_HOVERS     hover events in all before memory is read again (default 10000)
//   POINTER_ROUNDS    pointer sessions per page and viewport, the pages taking
//                     turns; the median session is kept (default 5, or LOADS
//                     if fewer: the smoke test's one load takes one round)
//   LIGHTHOUSE_RUNS   Lighthouse runs per page, the median kept (default 3; 0: none)
//   LIGHTHOUSE_PAGES  `all` (default) or `embed`: the embed pages only
//   EMBED_CHART       the chart whose embed page is measured (default: the catalogue's first)
//   CHROME_PATH       the Chromium Lighthouse starts (default /usr/bin/chromium)
//   RESULTS_FILE      if set, the tables are also written into this Markdown
//                     file, between the bench's markers, replacing the run
//                     before
//   SUMMARY_FILE      if set, the medians are also written there as JSON

import { readFile, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import os from 'node:os';

import { launch, CHROMIUM_PATH } from '../tests/e2e/browser.mjs';

const BASE = withSlash(required('BENCH_URL'));
const LOADS = positive('LOADS', 10);
const HOVERS = positive('HOVERS', 1000);
const MEMORY_HOVERS = Math.max(HOVERS, positive('MEMORY_HOVERS', 10_000));
const POINTER_ROUNDS = positive('POINTER_ROUNDS', Math.min(5, LOADS));
const LIGHTHOUSE_RUNS = count('LIGHTHOUSE_RUNS', 3);
const LIGHTHOUSE_PAGES = process.env.LIGHTHOUSE_PAGES ?? 'all';
const CHROME = process.env.CHROME_PATH ?? CHROMIUM_PATH;
/** Hover events per animation frame after the timed ones: enough to reach MEMORY_HOVERS quickly. */
const HOVERS_PER_FRAME = 10;
/** The container widths the resize measurement switches between: two grid columns, then one. */
const RESIZE_WIDTHS = [1000, 760];
const VIEWPORT = { width: 1280, height: 900 };
/** A phone's viewport (an iPhone's 375 × 812 CSS px), where only a chart or two is on screen. */
const PHONE = { width: 375, height: 812 };
/** The container widths of the phone's resize: a phone turned from a wider model's width to a narrower one's. */
const PHONE_RESIZE_WIDTHS = [343, 300];
/** The tallest viewport the drawing loads use; a page taller than this is scrolled. */
const TALLEST = 12_000;
/** How long a page may take to draw every chart. */
const READY_MS = 30_000;
/** A pointer path's longest step between two moves, in CSS px: a hand moving a mouse steadily. */
const STEP_PX = 6;
const BEGIN_MARKER = '<!-- bench:begin (written by `cargo xtask bench`; edit outside the markers) -->';
const END_MARKER = '<!-- bench:end -->';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the bench with \`cargo xtask bench\``);
  return value;
}

function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
}

function count(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${process.env[name]}`);
  return value;
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- statistics

function quantile(values, q) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // Nearest rank: the value below which a fraction q of the samples lie.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
const median = (values) => quantile(values, 0.5);
const p95 = (values) => quantile(values, 0.95);

// --------------------------------------------------------------------- pages

/** The catalogue of the built site: how many charts, and each chart's embed page. */
async function catalogue() {
  const response = await fetch(`${BASE}dist/charts.json`);
  if (!response.ok) throw new Error(`${BASE}dist/charts.json answered ${response.status}`);
  const { charts } = await response.json();
  if (!Array.isArray(charts) || charts.length === 0) throw new Error('dist/charts.json lists no chart');
  return charts;
}

/** The four pages: each of ours with the Chart.js page that does the same job. */
function pagesOf(charts) {
  const chart = charts.find((c) => c.id === process.env.EMBED_CHART) ?? charts[0];
  if (process.env.EMBED_CHART && chart.id !== process.env.EMBED_CHART) {
    throw new Error(`EMBED_CHART=${process.env.EMBED_CHART} is not in dist/charts.json`);
  }
  const embed = chart.embed?.zh ?? `embed.html?chart=${encodeURIComponent(chart.id)}`;
  return {
    chart: chart.id,
    dashboard: [
      { key: 'ours', name: 'article-charts', url: `${BASE}dist/index.html`, charts: charts.length },
      { key: 'anchor', name: 'Chart.js', url: `${BASE}bench/chartjs.html`, charts: charts.length },
    ],
    embed: [
      { key: 'ours', name: 'article-charts', url: `${BASE}dist/${embed}`, charts: 1 },
      { key: 'anchor', name: 'Chart.js', url: `${BASE}bench/chartjs.html?chart=${encodeURIComponent(chart.id)}`, charts: 1 },
    ],
  };
}

// ------------------------------------------------------------- page sessions

/**
 * Runs in every page before its own scripts. Sees when each canvas is first
 * drawn on (the end of the task or microtask in which its first drawing call
 * ran: a chart is drawn in one go), and keeps the memory of every
 * WebAssembly instance the page makes. Both pages pay the same small cost.
 */
function initProbe() {
  const first = new WeakMap();
  const pending = new Set();
  let queued = false;
  const settle = () => {
    queued = false;
    const now = performance.now();
    for (const canvas of pending) if (!first.has(canvas)) first.set(canvas, now);
    pending.clear();
  };
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fill', 'stroke', 'fillRect', 'strokeRect', 'fillText', 'strokeText', 'drawImage', 'putImageData']) {
    const original = proto[name];
    proto[name] = function drawing(...args) {
      const canvas = this.canvas;
      if (!first.has(canvas) && !pending.has(canvas)) {
        pending.add(canvas);
        if (!queued) {
          queued = true;
          queueMicrotask(settle);
        }
      }
      return original.apply(this, args);
    };
  }
  const memories = [];
  const keep = (result) => {
    const memory = (result?.instance ?? result)?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) memories.push(memory);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = function instantiate(...args) { return original.apply(this, args).then(keep); };
    }
  }
  const charts = () => [...new Set(document.querySelectorAll('figure canvas, [data-chart] canvas'))];
  Object.defineProperty(window, '__probe', {
    value: Object.freeze({
      /** How many chart canvases are drawn, when the last of them was, and whether the page failed. */
      state() {
        const times = charts().map((c) => first.get(c)).filter((t) => t !== undefined);
        return {
          drawn: times.length,
          last: times.length ? Math.max(...times) : NaN,
          error: document.documentElement.dataset.ready === 'error',
        };
      },
      /**
       * Where the lowest chart's figure ends (its title, picture and
       * notes), in page px: the drawing loads' viewport reaches there. Read
       * once, not in `state`, which is polled while a page loads and would
       * lay the page out at every poll.
       */
      chartsBottom() {
        const bottoms = charts().map((c) => (c.closest('figure, [data-chart]') ?? c).getBoundingClientRect().bottom + scrollY);
        return Math.ceil(Math.max(0, ...bottoms));
      },
      /** Scrolls the first chart not drawn yet into view, for pages that draw charts near the viewport. */
      scrollToUndrawn() {
        const holders = document.querySelectorAll('[data-chart], figure');
        for (const holder of holders) {
          const canvas = holder.querySelector('canvas');
          // Holders without a canvas (a chart's table of figures) have
          // nothing to draw: scrolling to them would never end.
          if (canvas && !first.has(canvas)) {
            holder.scrollIntoView({ block: 'center', behavior: 'instant' });
            return true;
          }
        }
        return false;
      },
      wasmMemory: () => (memories.length ? memories.reduce((sum, m) => sum + m.buffer.byteLength, 0) : null),
    }),
  });
}

/**
 * Makes the browser accept only `encodings`, and says how: Chromium's
 * experimental `Network.setAcceptedEncodings` where it still exists (148 had
 * it, 156 dropped it), else the stable `Network.setExtraHTTPHeaders` with an
 * `Accept-Encoding` of our own, which Chromium sends as it is instead of its
 * own list. Whether the server then really answered in that coding is
 * checked on the responses (`wireBytes`), not assumed.
 */
async function acceptOnly(cdp, encodings) {
  const experimental = await cdp.send('Network.setAcceptedEncodings', { encodings }).then(() => true, () => false);
  if (experimental) return 'Network.setAcceptedEncodings';
  const header = await cdp
    .send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encodings.join(', ') } })
    .then(() => true, () => false);
  return header ? 'Accept-Encoding header' : null;
}

/** What a response is, for the byte split. */
function kindOf(url, contentType) {
  const path = new URL(url).pathname;
  if (contentType.includes('wasm') || path.endsWith('.wasm')) return 'wasm';
  if (contentType.includes('javascript') || /\.m?js$/.test(path)) return 'JS';
  if (contentType.includes('css') || path.endsWith('.css')) return 'CSS';
  if (contentType.includes('html')) return 'HTML';
  if (contentType.includes('json') || contentType.includes('csv')) return 'data';
  if (contentType.startsWith('image/')) return 'images';
  return 'other';
}

/**
 * Waits until `expected` chart canvases are drawn. With `scroll`, scrolls to
 * each chart not drawn yet in turn; without, a page that draws only near the
 * viewport must have been given a viewport as tall as itself.
 */
async function drawAll(page, expected, problems, { scroll }) {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const state = await page.evaluate(() => window.__probe.state());
    if (state.error) throw new Error(`the page reported data-ready="error": ${problems.join(' | ') || 'no message'}`);
    if (state.drawn >= expected) return state;
    if (Date.now() > deadline) {
      throw new Error(`${state.drawn} of ${expected} charts drawn after ${READY_MS} ms; problems: ${problems.join(' | ') || 'none'}`);
    }
    if (scroll) await page.evaluate(() => window.__probe.scrollToUndrawn());
    await sleep(50);
  }
}

/**
 * Opens `page.url` in a fresh context with the HTTP cache off, and waits
 * until every chart is drawn. `height` is the viewport's; `encodings` the
 * content codings the browser accepts (all it knows when not given).
 */
async function open(browser, page, { width = VIEWPORT.width, height = VIEWPORT.height, scroll = true, encodings = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  await context.addInitScript(initProbe);
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const acceptance = encodings ? await acceptOnly(cdp, encodings) : 'all';
  await cdp.send('Performance.enable');
  const problems = [];
  const bodies = [];
  const wire = new Map();
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  tab.on('response', (response) => {
    bodies.push(response.body().then(
      (body) => ({ url: response.url(), type: response.headers()['content-type'] ?? '', body }),
      () => null, // A redirect has no body.
    ));
  });
  // Every byte the load brought over the network, headers included, per request.
  cdp.on('Network.loadingFinished', (e) => wire.set(e.requestId, e.encodedDataLength));
  const urls = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, {
    url: e.response.url, type: e.response.mimeType ?? '', encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '',
  }));
  let state;
  try {
    await tab.goto(page.url, { waitUntil: 'load' });
    state = await drawAll(tab, page.charts, problems, { scroll });
  } catch (error) {
    await context.close();
    throw new Error(`${page.url}: ${error.message}`, { cause: error });
  }
  // This helper code is not part of either page and is installed only after
  // the drawing was timed.
  await tab.evaluate(installProbes);
  return { context, page: tab, cdp, problems, bodies, wire, urls, state, acceptance };
}

/** Bytes by kind (raw, gzip -9, brotli -11 computed here) of every response the load made. */
async function byteSplit(bodies) {
  const split = {};
  for (const entry of await Promise.all(bodies)) {
    if (!entry) continue;
    const kind = kindOf(entry.url, entry.type);
    const row = (split[kind] ??= { raw: 0, gzip: 0, brotli: 0, files: [] });
    row.raw += entry.body.length;
    row.gzip += gzipSync(entry.body, { level: 9 }).length;
    row.brotli += brotliCompressSync(entry.body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    row.files.push(new URL(entry.url).pathname);
  }
  return split;
}

/** The bytes of every response as they came over the network, and the codings the server used. */
function wireBytes(session) {
  let total = 0;
  const codings = new Set();
  for (const [id, bytes] of session.wire) {
    total += bytes;
    const response = session.urls.get(id);
    codings.add(response?.encoding || 'identity');
  }
  return { total, codings: [...codings].sort() };
}

/** The JS heap in use after a full garbage collection, and the wasm linear memory if the page has a module. */
async function memory(session) {
  await session.cdp.send('HeapProfiler.collectGarbage');
  const heap = await session.cdp.send('Runtime.getHeapUsage');
  const wasm = await session.page.evaluate(() => window.__probe.wasmMemory());
  return { heap: heap.usedSize, wasm };
}

/** Chromium's counters of the page's main thread (CDP Performance.getMetrics). */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name) => list.find((m) => m.name === name)?.value ?? NaN;
  return {
    task: get('TaskDuration') * 1000,
    script: get('ScriptDuration') * 1000,
    layouts: get('LayoutCount'),
    styles: get('RecalcStyleCount'),
  };
}

/**
 * Runs in the page: helpers the measurements share. Everything timed runs
 * inside the page with performance.now(), so the round trip to Playwright is
 * never part of a number.
 */
function installProbes() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  /** Reading layout makes the browser finish style and layout now, so their cost is inside the measured time. */
  const settle = () => document.body.getBoundingClientRect().height;
  const chartCanvases = () => [...new Set(document.querySelectorAll('figure canvas, [data-chart] canvas'))];

  // The resize measurement's own observer: created after the page's, so it is
  // called after them in the same rendering step.
  let onResized = null;
  const watcher = new ResizeObserver(() => onResized?.());
  for (const canvas of chartCanvases()) watcher.observe(canvas.parentElement);

  /** The hover targets of every chart: the centre of each item, in CSS px relative to its canvas. */
  function targets() {
    if (window.articleCharts) {
      return window.articleCharts.charts().map((id) => ({
        canvas: document.querySelector(`[data-chart="${CSS.escape(id)}"] canvas`),
        points: window.articleCharts.items(id).map((b) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 })),
      }));
    }
    return window.charts.map((chart) => ({
      canvas: chart.canvas,
      points: chart.getDatasetMeta(0).data
        .filter((element) => Number.isFinite(element.x) && Number.isFinite(element.y))
        .map((element) => element.getCenterPoint()),
    }));
  }

  /** A mouse move at `point` of `canvas`, as both pages listen for it: the dashboard to pointermove, Chart.js to mousemove. */
  function move(canvas, point) {
    const rect = canvas.getBoundingClientRect();
    const init = { clientX: rect.left + point.x, clientY: rect.top + point.y, bubbles: true, cancelable: true, view: window };
    canvas.dispatchEvent(new PointerEvent('pointermove', { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    canvas.dispatchEvent(new MouseEvent('mousemove', init));
  }

  function leave(canvas) {
    const init = { bubbles: false, view: window };
    canvas.dispatchEvent(new PointerEvent('pointerleave', { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    canvas.dispatchEvent(new MouseEvent('mouseout', { ...init, bubbles: true }));
  }

  /** The hover sequence: each chart in turn, moving from item to item so every event changes the highlight. */
  function sequence(count) {
    const charts = targets().filter((t) => t.canvas && t.points.length > 0);
    const events = [];
    for (let i = 0; events.length < count; i++) {
      const chart = charts[Math.floor(i / 25) % charts.length];
      events.push({ canvas: chart.canvas, point: chart.points[i % 25 % chart.points.length] });
    }
    return events;
  }

  /** The nearest element that holds every chart: narrowing it narrows them all. */
  function container() {
    const canvases = chartCanvases();
    let holder = canvases[0]?.parentElement ?? document.body;
    while (holder !== document.body && !canvases.every((c) => holder.contains(c))) holder = holder.parentElement;
    return holder;
  }

  window.__bench = {
    /**
     * A pointer's path over chart `n`, in viewport px after scrolling it to
     * the middle of the screen: from item centre to item centre in steps of
     * at most `step` px, `count` points long (back and forth if need be).
     * Most moves stay on one item; one in a few crosses to the next.
     */
    path(n, count, step) {
      const chart = targets().filter((t) => t.canvas && t.points.length > 0)[n];
      if (!chart) return null;
      chart.canvas.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = chart.canvas.getBoundingClientRect();
      const stops = chart.points.map((p) => ({ x: r.left + p.x, y: r.top + p.y }))
        .filter((p) => p.y >= 0 && p.y < innerHeight && p.x >= 0 && p.x < innerWidth);
      if (stops.length === 0) return null;
      const loop = stops.length > 1 ? [...stops, ...stops.slice(1, -1).reverse()] : stops;
      const points = [];
      for (let i = 0; points.length < count; i++) {
        const a = loop[i % loop.length];
        const b = loop[(i + 1) % loop.length];
        const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
        for (let k = 0; k < steps && points.length < count; k++) {
          points.push({ x: a.x + ((b.x - a.x) * k) / steps, y: a.y + ((b.y - a.y) * k) / steps });
        }
      }
      return points;
    },

    charts: () => targets().filter((t) => t.canvas && t.points.length > 0).length,

    /**
     * Stops the page listening to the pointer, its charts left on screen as
     * drawn: the dashboard unmounted (`App.unmount`), each Chart.js chart
     * given no events. What a pointer move costs then is the browser's
     * own share: the floor under the page's, which no handler can go below.
     */
    deafen() {
      window.articleCharts?.unmount?.();
      for (const chart of Object.values(window.Chart?.instances ?? {})) {
        chart.options.events = [];
        chart.update();
      }
    },

    frames: async () => { await frame(); await frame(); },

    /**
     * `count` hover events, one per animation frame. For each: the time spent
     * inside dispatchEvent (the handlers run synchronously there), and the
     * time to the next frame's work done: that plus the next frame's
     * animation-frame callbacks (Chart.js defers its hover work there) and
     * the style and layout they leave. Also counts frames that came late.
     */
    async hover(count) {
      const events = sequence(count);
      const handler = [];
      const toFrame = [];
      const frameStarts = [];
      let previous = null;
      await frame();
      for (const { canvas, point } of events) {
        if (previous && previous !== canvas) leave(previous);
        previous = canvas;
        let frameStart = 0;
        // Registered before the handlers run, so it is the first callback
        // of the next frame, ahead of any the handlers request.
        requestAnimationFrame(() => { frameStart = performance.now(); });
        const t0 = performance.now();
        move(canvas, point);
        const t1 = performance.now();
        await frame();
        settle();
        const t2 = performance.now();
        handler.push(t1 - t0);
        toFrame.push(t1 - t0 + (t2 - frameStart));
        frameStarts.push(frameStart);
      }
      if (previous) leave(previous);
      const intervals = frameStarts.slice(1).map((t, i) => t - frameStarts[i]);
      const sorted = [...intervals].sort((a, b) => a - b);
      const typical = sorted[Math.floor(sorted.length / 2)] ?? 16.7;
      const late = intervals.filter((d) => d > 1.5 * typical).length;
      return { handler, toFrame, late, frameInterval: typical };
    },

    /** More hover events, `perFrame` per animation frame, untimed: only to see whether memory grows. */
    async hoverMore(count, perFrame) {
      const events = sequence(count);
      let previous = null;
      for (let i = 0; i < events.length; i++) {
        const { canvas, point } = events[i];
        if (previous && previous !== canvas) leave(previous);
        previous = canvas;
        move(canvas, point);
        if (i % perFrame === perFrame - 1) await frame();
      }
      if (previous) leave(previous);
      await frame();
    },

    /**
     * Narrows the element holding every chart to `width` px and times the
     * redraw of all charts: `sync` is the work of the rendering step that
     * sees the new size (layout and ResizeObserver callbacks, where the
     * dashboard redraws); `toFrame` adds the next frame's animation-frame
     * callbacks, where Chart.js redraws. Also says how many canvases got a
     * new backing store.
     */
    async resize(width) {
      const holder = container();
      const canvases = chartCanvases();
      const before = canvases.map((c) => c.width);
      await frame();
      let frameStart = 0;
      requestAnimationFrame(() => { frameStart = performance.now(); });
      const done = new Promise((resolve) => {
        onResized = () => {
          onResized = null;
          const t1 = performance.now();
          // Requested after the page's own observers ran, so it comes after
          // any frame callback they requested.
          requestAnimationFrame(() => {
            settle();
            resolve({ t1, t2: performance.now() });
          });
        };
      });
      const t0 = performance.now();
      holder.style.maxWidth = `${width}px`;
      const { t1, t2 } = await done;
      await frame();
      const changed = canvases.filter((c, i) => c.width !== before[i]).length;
      return { sync: t1 - t0, toFrame: t1 - t0 + (t2 - frameStart), changed, canvases: canvases.length };
    },
  };
}

// -------------------------------------------------------------- measurements

/** The drawing loads' viewport height: down to the lowest chart's figure at the usual viewport, and a margin. */
async function pageHeight(browser, page) {
  const session = await open(browser, page);
  try {
    const bottom = await session.page.evaluate(() => window.__probe.chartsBottom());
    return Math.min(TALLEST, Math.max(VIEWPORT.height, bottom + 16));
  } finally {
    await session.context.close();
  }
}

/** One cold load in a viewport that holds every chart: time to all charts drawn, memory, resizes. */
async function coldLoad(browser, page, height) {
  return load(browser, page, { height, scroll: height >= TALLEST }, RESIZE_WIDTHS);
}

/**
 * One load on a phone's viewport, every chart scrolled to once: the
 * resizes there, where the charts off screen need not be redrawn at once.
 */
async function phoneLoad(browser, page) {
  return load(browser, page, { ...PHONE, scroll: true }, PHONE_RESIZE_WIDTHS);
}

async function load(browser, page, viewport, widths) {
  const session = await open(browser, page, viewport);
  try {
    await session.page.evaluate(() => window.scrollTo(0, 0));
    const mem = await memory(session);
    const resizes = [];
    for (const width of widths) {
      resizes.push(await session.page.evaluate((w) => window.__bench.resize(w), width));
    }
    return { paint: session.state.last, mem, resizes, problems: session.problems };
  } finally {
    await session.context.close();
  }
}

/**
 * Every byte one load of `page` brings, at the usual viewport with every
 * chart drawn (scrolled to): as the server sent it when the browser accepts
 * only gzip, and only brotli; and by kind, raw and compressed here.
 */
async function bytesOf(browser, page) {
  const result = { problems: [] };
  for (const [coding, encodings] of [['gzip', ['gzip']], ['br', ['br']]]) {
    const session = await open(browser, page, { encodings });
    try {
      await session.page.evaluate(() => window.__bench.frames());
      // A coding counts only if the browser could ask for it and the server
      // answered in it: an unchanged Accept-Encoding would otherwise report
      // brotli's bytes as gzip's.
      const wire = session.acceptance ? wireBytes(session) : null;
      result[coding] = wire && wire.codings.includes(coding) && !wire.codings.some((c) => c !== coding && c !== 'identity') ? wire : null;
      if (!result[coding]) {
        result.problems.push(`${coding}: could not make the browser accept only ${coding} (${session.acceptance ?? 'no CDP method worked'}; the server answered in ${wire?.codings.join(', ') ?? 'nothing measured'})`);
      } else {
        result[coding].how = session.acceptance;
      }
      if (coding === 'gzip') result.split = await byteSplit(session.bodies);
      result.problems.push(...session.problems);
    } finally {
      await session.context.close();
    }
  }
  return result;
}

/**
 * Real pointer moves (CDP input, as a mouse sends them) along a path over
 * each chart: the main thread's time per move (CDP `TaskDuration`: every
 * task, the input's dispatch, the handlers, style, layout, paint and
 * compositing set-up), and layouts and style recalculations per move.
 * Then the same paths again once the page no longer listens (`deafen`):
 * the floor, what the browser alone spends per move over that page.
 */
async function pointerMoves(browser, page, viewport = VIEWPORT) {
  const session = await open(browser, page, viewport);
  const tab = session.page;
  try {
    const charts = await tab.evaluate(() => window.__bench.charts());
    const perChart = Math.ceil(HOVERS / charts);
    // Each path with the scroll position it was taken at (`path` scrolls
    // its chart to the middle of the screen), so that the second sweep,
    // after the page stopped listening, retraces the first.
    const paths = [];
    for (let n = 0; n < charts; n++) {
      paths.push(await tab.evaluate(([i, c, s]) => ({ points: window.__bench.path(i, c, s), y: scrollY }), [n, perChart + 1, STEP_PX]));
    }
    const sweep = async () => {
      const total = { task: 0, script: 0, layouts: 0, styles: 0, moves: 0 };
      for (const { points: path, y } of paths) {
        if (!path) continue;
        await tab.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
        await tab.mouse.move(path[0].x, path[0].y);
        await tab.evaluate(() => window.__bench.frames());
        const before = await metrics(session.cdp);
        for (const point of path.slice(1)) await tab.mouse.move(point.x, point.y);
        await tab.evaluate(() => window.__bench.frames());
        const after = await metrics(session.cdp);
        for (const key of ['task', 'script', 'layouts', 'styles']) total[key] += after[key] - before[key];
        total.moves += path.length - 1;
        await tab.mouse.move(0, 0);
      }
      return total;
    };
    const total = await sweep();
    await tab.evaluate(() => window.__bench.deafen());
    const floor = await sweep();
    return { ...total, floor, problems: session.problems };
  } finally {
    await session.context.close();
  }
}

/**
 * POINTER_ROUNDS sessions of [`pointerMoves`] on each page, the pages taking
 * turns as the loads do. One session's time per move has moved by a third
 * between runs of the same build (whatever else the machine did in those
 * seconds weighed on one page only), so each page keeps the session whose
 * time per move is the median, and the per-round ratios are kept to show
 * the spread.
 */
async function pointerRounds(browser, pages, viewport) {
  const sessions = new Map(pages.map((page) => [page.key, []]));
  for (let i = 0; i < POINTER_ROUNDS; i++) {
    for (const page of pages) sessions.get(page.key).push(await pointerMoves(browser, page, viewport));
  }
  const perMove = (s) => s.task / s.moves;
  const kept = new Map();
  for (const [key, list] of sessions) {
    const middle = median(list.map(perMove));
    // The session nearest the median: an odd count has it exactly.
    const chosen = list.reduce((a, b) => (Math.abs(perMove(b) - middle) < Math.abs(perMove(a) - middle) ? b : a));
    kept.set(key, { ...chosen, rounds: list.map(perMove), problems: list.flatMap((s) => s.problems) });
  }
  return kept;
}

async function hoverSession(browser, page) {
  const session = await open(browser, page);
  try {
    await session.page.evaluate(() => window.scrollTo(0, 0));
    const before = await memory(session);
    const timed = await session.page.evaluate((n) => window.__bench.hover(n), HOVERS);
    // Read once after the timed hovers too: growth from there on is what a
    // leak looks like, while the first hovers also warm up caches and code.
    const middle = await memory(session);
    if (MEMORY_HOVERS > HOVERS) {
      await session.page.evaluate(
        ([n, perFrame]) => window.__bench.hoverMore(n, perFrame),
        [MEMORY_HOVERS - HOVERS, HOVERS_PER_FRAME],
      );
    }
    const after = await memory(session);
    return { before, middle, after, ...timed, problems: session.problems };
  } finally {
    await session.context.close();
  }
}

// ----------------------------------------------------------------- Lighthouse

const LIGHTHOUSE_CLI = fileURLToPath(new URL('./node_modules/lighthouse/cli/index.js', import.meta.url));

/** The Lighthouse figures the targets name, from one report. */
function lighthouseFigures(report) {
  const score = (id) => (report.categories?.[id]?.score ?? NaN) * 100;
  const audit = (id) => report.audits?.[id]?.numericValue ?? NaN;
  const failed = Object.values(report.audits ?? {})
    .filter((a) => a.errorMessage)
    .map((a) => `${a.id}: ${a.errorMessage.split('\n')[0]}`);
  if (report.runtimeError) failed.unshift(`runtime error: ${report.runtimeError.message}`);
  return {
    lcp: audit('largest-contentful-paint'),
    performance: score('performance'),
    cls: audit('cumulative-layout-shift'),
    tbt: audit('total-blocking-time'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    bytes: audit('total-byte-weight'),
    lcpElement: report.audits?.['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? '',
    failed,
  };
}

/** One Lighthouse run (mobile preset, its default) on Debian's Chromium. */
function lighthouseRun(url) {
  const args = [
    LIGHTHOUSE_CLI, url,
    '--output=json', '--output-path=stdout', '--quiet',
    '--only-categories=performance,accessibility,best-practices,seo',
    '--chrome-flags=--headless=new --no-sandbox',
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`Lighthouse on ${url} failed: ${error.message}\n${stderr.slice(-2000)}`));
        return;
      }
      try {
        resolve(lighthouseFigures(JSON.parse(stdout)));
      } catch (parse) {
        reject(new Error(`Lighthouse on ${url} printed no report: ${parse.message}`));
      }
    });
  });
}

/** The median of each figure over LIGHTHOUSE_RUNS runs of each page; the pages take turns. */
async function lighthouse(pairs) {
  const runs = new Map(pairs.flat().map((p) => [p.url, []]));
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    for (const page of pairs.flat()) {
      console.error(`    Lighthouse ${i + 1}/${LIGHTHOUSE_RUNS}: ${page.url}`);
      runs.get(page.url).push(await lighthouseRun(page.url));
    }
  }
  const medians = new Map();
  for (const [url, list] of runs) {
    const pick = (key) => median(list.map((r) => r[key]));
    medians.set(url, {
      lcp: pick('lcp'),
      performance: pick('performance'),
      cls: pick('cls'),
      tbt: pick('tbt'),
      accessibility: pick('accessibility'),
      bestPractices: pick('bestPractices'),
      seo: pick('seo'),
      bytes: pick('bytes'),
      lcpElement: list.map((r) => r.lcpElement).find(Boolean) ?? '',
      failed: [...new Set(list.flatMap((r) => r.failed))],
      runs: list.length,
    });
  }
  return medians;
}

async function measure(pages) {
  const browser = await launch();
  const version = browser.version();
  const results = { ours: { loads: [] }, anchor: { loads: [] }, embed: {}, lighthouse: new Map() };
  try {
    console.error('==> bytes of every page (one load each accepting gzip, one accepting brotli)');
    for (const page of pages.dashboard) results[page.key].bytes = await bytesOf(browser, page);
    for (const page of pages.embed) results.embed[page.key] = { bytes: await bytesOf(browser, page) };
    console.error('==> where the last chart ends, for viewports that hold every chart');
    const heights = {};
    for (const page of pages.dashboard) heights[page.key] = await pageHeight(browser, page);
    results.heights = heights;
    console.error(`==> ${LOADS} cold loads of each page, taking turns: all charts drawn, memory, resize`);
    // Loads alternate between the two pages, so that whatever else the
    // machine does at a moment weighs on both alike.
    for (let i = 0; i < LOADS; i++) {
      for (const page of pages.dashboard) {
        results[page.key].loads.push(await coldLoad(browser, page, heights[page.key]));
      }
    }
    console.error(`==> ${POINTER_ROUNDS} rounds of ${HOVERS} real pointer moves over the charts of each page, taking turns, at ${VIEWPORT.width} px and on a phone`);
    for (const [key, session] of await pointerRounds(browser, pages.dashboard, VIEWPORT)) results[key].pointer = session;
    for (const [key, session] of await pointerRounds(browser, pages.dashboard, PHONE)) results[key].phonePointer = session;
    console.error(`==> ${LOADS} loads of each page on a phone's viewport, resized`);
    for (const page of pages.dashboard) results[page.key].phone = [];
    for (let i = 0; i < LOADS; i++) {
      for (const page of pages.dashboard) results[page.key].phone.push(await phoneLoad(browser, page));
    }
    console.error(`==> ${HOVERS} timed hover events, then memory after ${MEMORY_HOVERS}`);
    for (const page of pages.dashboard) results[page.key].hover = await hoverSession(browser, page);
  } finally {
    await browser.close();
  }
  if (LIGHTHOUSE_RUNS > 0) {
    const pairs = LIGHTHOUSE_PAGES === 'embed' ? [pages.embed] : [pages.dashboard, pages.embed];
    console.error(`==> Lighthouse (mobile preset), ${LIGHTHOUSE_RUNS} run(s) of each of ${pairs.flat().length} pages, on ${CHROME}`);
    results.lighthouse = await lighthouse(pairs);
  }
  return { version, results, pages };
}

// ------------------------------------------------------------------- report

const KINDS = ['HTML', 'CSS', 'JS', 'wasm', 'data', 'images'];

function kb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '–';
}
function ms(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)} ms` : '–';
}
function seconds(value) {
  return Number.isFinite(value) ? `${(value / 1000).toFixed(2)} s` : '–';
}
function plain(digits) {
  return (value) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
}
function ratio(ours, theirs) {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs)) return '–';
  if (theirs === 0) return ours === 0 ? '1.00' : '∞';
  return (ours / theirs).toFixed(2);
}
function signedKb(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  return `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024).toFixed(1)} KiB`;
}

const total = (split, field) => Object.values(split ?? {}).reduce((sum, row) => sum + row[field], 0);

/**
 * The gzip or brotli bytes of a page for the targets: as the server sent
 * them when it compressed, else as computed here from the bodies (and said).
 */
function servedOr(bytes, coding) {
  const field = coding === 'br' ? 'brotli' : 'gzip';
  const wire = bytes?.[coding];
  if (wire && wire.codings.includes(coding)) return { value: wire.total, how: `as served (${coding})` };
  return { value: total(bytes?.split, field), how: `computed here: the server sent ${coding === 'br' ? 'no brotli' : 'no gzip'}` };
}

/** The rows of the table: [metric, ours, Chart.js, ratio], from the raw results. */
function rows({ results, pages }) {
  const table = [];
  const add = (metric, format, pick, withRatio = true, from = results) => {
    const ours = pick(from.ours);
    const theirs = pick(from.anchor);
    table.push([metric, format(ours), format(theirs), withRatio ? ratio(ours, theirs) : '']);
  };
  for (const kind of KINDS) {
    add(`bytes ${kind}, raw`, kb, (r) => r.bytes.split[kind]?.raw ?? 0);
    add(`bytes ${kind}, gzip`, kb, (r) => r.bytes.split[kind]?.gzip ?? 0);
  }
  add('bytes total, raw', kb, (r) => total(r.bytes.split, 'raw'));
  add('bytes total, gzip', kb, (r) => total(r.bytes.split, 'gzip'));
  add('bytes total, brotli', kb, (r) => total(r.bytes.split, 'brotli'));
  add('bytes on the wire, gzip accepted', kb, (r) => r.bytes.gzip?.total ?? NaN);
  add('bytes on the wire, brotli accepted', kb, (r) => r.bytes.br?.total ?? NaN);
  add('embed page bytes total, gzip', kb, (r) => total(r.bytes.split, 'gzip'), true, results.embed);
  add('embed page bytes total, brotli', kb, (r) => total(r.bytes.split, 'brotli'), true, results.embed);
  add('embed page bytes on the wire, gzip accepted', kb, (r) => r.bytes.gzip?.total ?? NaN, true, results.embed);
  add('embed page bytes on the wire, brotli accepted', kb, (r) => r.bytes.br?.total ?? NaN, true, results.embed);
  add('all charts drawn, median', ms, (r) => median(r.loads.map((l) => l.paint)));
  add('all charts drawn, p95', ms, (r) => p95(r.loads.map((l) => l.paint)));
  add('main-thread time per pointer move', ms, (r) => r.pointer.task / r.pointer.moves);
  add('main-thread time per pointer move, page not listening (the floor)', ms, (r) => r.pointer.floor.task / r.pointer.floor.moves);
  add('script time per pointer move', ms, (r) => r.pointer.script / r.pointer.moves);
  add('layouts per pointer move', plain(3), (r) => r.pointer.layouts / r.pointer.moves);
  add('style recalculations per pointer move', plain(3), (r) => r.pointer.styles / r.pointer.moves);
  add('hover in handler, median', ms, (r) => median(r.hover.handler));
  add('hover in handler, p95', ms, (r) => p95(r.hover.handler));
  add('hover to next frame, median', ms, (r) => median(r.hover.toFrame));
  add('hover to next frame, p95', ms, (r) => p95(r.hover.toFrame));
  add('hover frames late (> 1.5 × frame)', String, (r) => r.hover.late, false);
  const resizes = (r) => r.loads.flatMap((l) => l.resizes);
  add('resize redraw in rendering step, median', ms, (r) => median(resizes(r).map((s) => s.sync)));
  add('resize redraw to next frame, median', ms, (r) => median(resizes(r).map((s) => s.toFrame)));
  add('resize redraw to next frame, p95', ms, (r) => p95(resizes(r).map((s) => s.toFrame)));
  add('canvases redrawn by a resize', String, (r) => {
    const all = resizes(r);
    return `${Math.min(...all.map((s) => s.changed))} of ${all[0]?.canvases ?? 0}`;
  }, false);
  add('phone: main-thread time per pointer move', ms, (r) => r.phonePointer.task / r.phonePointer.moves);
  add('phone: main-thread time per pointer move, page not listening (the floor)', ms, (r) => r.phonePointer.floor.task / r.phonePointer.floor.moves);
  const phoneResizes = (r) => r.phone.flatMap((l) => l.resizes);
  add('phone: resize redraw to next frame, median', ms, (r) => median(phoneResizes(r).map((s) => s.toFrame)));
  add('phone: canvases redrawn at once by a resize', String, (r) => {
    const all = phoneResizes(r);
    return `${Math.min(...all.map((s) => s.changed))} of ${all[0]?.canvases ?? 0}`;
  }, false);
  add('JS heap after load', kb, (r) => median(r.loads.map((l) => l.mem.heap)));
  add('JS heap after the hovers', kb, (r) => r.hover.after.heap);
  add('JS heap growth over all hovers', signedKb, (r) => r.hover.after.heap - r.hover.before.heap, false);
  add('JS heap growth after the timed hovers', signedKb, (r) => r.hover.after.heap - r.hover.middle.heap, false);
  add('wasm memory after load', kb, (r) => median(r.loads.map((l) => l.mem.wasm ?? NaN)), false);
  add('wasm memory after the hovers', kb, (r) => r.hover.after.wasm ?? NaN, false);
  add('wasm memory growth over all hovers', signedKb, (r) =>
    (r.hover.after.wasm ?? NaN) - (r.hover.before.wasm ?? NaN), false);
  for (const [label, pair] of [['dashboard', pages.dashboard], ['embed page', pages.embed]]) {
    const lh = Object.fromEntries(pair.map((p) => [p.key, results.lighthouse.get(p.url)]));
    if (!lh.ours) continue;
    const lhAdd = (metric, format, key, withRatio = true) =>
      add(`Lighthouse ${label}: ${metric}`, format, (r) => r?.[key] ?? NaN, withRatio, lh);
    lhAdd('LCP', seconds, 'lcp');
    lhAdd('Performance', plain(0), 'performance', false);
    lhAdd('CLS', plain(3), 'cls', false);
    lhAdd('TBT', ms, 'tbt');
    lhAdd('Accessibility', plain(0), 'accessibility', false);
    lhAdd('Best Practices', plain(0), 'bestPractices', false);
    lhAdd('SEO', plain(0), 'seo', false);
    lhAdd('total byte weight', kb, 'bytes');
  }
  return table;
}

/** Every performance target with our figure, Chart.js's beside it, and met or missed. */
function targets({ results, pages }) {
  const list = [];
  const mark = (ok) => {
    if (ok === undefined) return 'no target';
    if (ok === null) return 'not measured';
    return ok ? '**met**' : '**missed**';
  };
  const add = (target, ours, theirs, ok) => list.push([target, ours, theirs, mark(ok)]);
  for (const [label, pair] of [['dashboard', pages.dashboard], ['embed page', pages.embed]]) {
    const ours = results.lighthouse.get(pair[0].url);
    const theirs = results.lighthouse.get(pair[1].url);
    if (!ours) {
      add(`Lighthouse ${label}`, 'not run', 'not run', null);
      continue;
    }
    const known = (v) => (Number.isFinite(v) ? v : null);
    const check = (v, test) => (known(v) === null ? null : test(v));
    add(`Lighthouse ${label}: LCP ≤ 1.2 s`, seconds(ours.lcp), seconds(theirs?.lcp), check(ours.lcp, (v) => v <= 1200));
    add(`Lighthouse ${label}: Performance ≥ 99`, plain(0)(ours.performance), plain(0)(theirs?.performance), check(ours.performance, (v) => v >= 99));
    add(`Lighthouse ${label}: CLS 0`, plain(3)(ours.cls), plain(3)(theirs?.cls), check(ours.cls, (v) => v === 0));
    add(`Lighthouse ${label}: TBT (what Performance weighs most)`, ms(ours.tbt), ms(theirs?.tbt), undefined);
    for (const [key, name] of [['accessibility', 'Accessibility'], ['bestPractices', 'Best Practices'], ['seo', 'SEO']]) {
      add(`Lighthouse ${label}: ${name} 100`, plain(0)(ours[key]), plain(0)(theirs?.[key]), check(ours[key], (v) => v === 100));
    }
  }
  // The targets' "KiB" are the KiB of this table, gzip as served.
  for (const [label, from, limit] of [['embed page with one chart', results.embed, 97], ['whole dashboard', results, 120]]) {
    const gzip = servedOr(from.ours.bytes, 'gzip');
    const theirs = servedOr(from.anchor.bytes, 'gzip');
    add(`bytes, gzip: ${label} ≤ ${limit} KiB (${gzip.how})`, kb(gzip.value), kb(theirs.value), gzip.value <= limit * 1024);
    const br = servedOr(from.ours.bytes, 'br');
    add(`bytes, brotli: ${label} (${br.how})`, kb(br.value), kb(servedOr(from.anchor.bytes, 'br').value), undefined);
  }
  const drawn = (r) => median(r.loads.map((l) => l.paint));
  const [oursDrawn, theirsDrawn] = [drawn(results.ours), drawn(results.anchor)];
  add(`all charts drawn ≤ 0.6 × Chart.js (now ${ratio(oursDrawn, theirsDrawn)} ×)`, ms(oursDrawn), ms(theirsDrawn), oursDrawn <= 0.6 * theirsDrawn);
  for (const [label, key, loads] of [['', 'pointer', 'loads'], ['on a phone, ', 'phonePointer', 'phone']]) {
    const perMove = (r) => r[key].task / r[key].moves;
    const [oursMove, theirsMove] = [perMove(results.ours), perMove(results.anchor)];
    const floor = results.ours[key].floor.task / results.ours[key].floor.moves;
    // Each round's ratio, ours over the Chart.js session that followed it.
    const rounds = results.ours[key].rounds.map((t, i) => t / results.anchor[key].rounds[i]).sort((a, b) => a - b);
    const spread = `rounds ${rounds[0].toFixed(2)}–${rounds[rounds.length - 1].toFixed(2)} ×`;
    add(`main-thread time per hover move ${label}≤ 0.8 × Chart.js (now ${ratio(oursMove, theirsMove)} ×, the medians of ${rounds.length} rounds; ${spread}; with no listener at all ${ratio(floor, theirsMove)} ×)`, ms(oursMove), ms(theirsMove), oursMove <= 0.8 * theirsMove);
    const resize = (r) => median(r[loads].flatMap((l) => l.resizes).map((s) => s.toFrame));
    add(`resize of all charts ${label}≤ 16 ms (median, to the next frame)`, ms(resize(results.ours)), ms(resize(results.anchor)), resize(results.ours) <= 16);
  }
  const h = (r) => r.hover;
  const wasmGrowth = (h(results.ours).after.wasm ?? NaN) - (h(results.ours).before.wasm ?? NaN);
  const heapGrowth = (r) => h(r).after.heap - h(r).middle.heap;
  add(
    `memory flat over ${MEMORY_HOVERS} hovers (wasm +0; JS heap ≤ +64 KiB once warm)`,
    `wasm ${signedKb(wasmGrowth)}, heap ${signedKb(heapGrowth(results.ours))}`,
    `heap ${signedKb(heapGrowth(results.anchor))}`,
    (wasmGrowth === 0 || Number.isNaN(wasmGrowth)) && heapGrowth(results.ours) <= 64 * 1024,
  );
  return list;
}

function markdown(header, table) {
  return [
    `| ${header.join(' | ')} |`,
    `| --- |${' ---: |'.repeat(header.length - 2)} --- |`,
    ...table.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

async function cpuModel() {
  const text = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = text.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim();
  return model ?? os.cpus()[0]?.model ?? 'unknown CPU';
}

async function versionOf(name) {
  const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(await readFile(url, 'utf8')).version;
}

function describeFiles({ results, pages }) {
  const line = (name, split) => `- ${name}: ${Object.values(split ?? {}).flatMap((row) => row.files).map((f) => `\`${f}\``).join(', ')}`;
  return [
    line('article-charts, dashboard', results.ours.bytes.split),
    line('Chart.js, all charts', results.anchor.bytes.split),
    line(`article-charts, embed page of \`${pages.chart}\``, results.embed.ours.bytes.split),
    line('Chart.js, that chart alone', results.embed.anchor.bytes.split),
  ].join('\n');
}

function lighthouseNotes({ results, pages }) {
  const notes = [];
  for (const page of [...pages.dashboard, ...pages.embed]) {
    const lh = results.lighthouse.get(page.url);
    if (!lh) continue;
    const path = new URL(page.url).pathname + new URL(page.url).search;
    if (lh.lcpElement) notes.push(`- \`${path}\`: LCP element \`${lh.lcpElement.replace(/`/g, "'").slice(0, 120)}\``);
    for (const failure of lh.failed) notes.push(`- \`${path}\`: audit error ${failure}`);
  }
  return notes;
}

async function describeRun(measured) {
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const { results } = measured;
  const frames = ['ours', 'anchor'].map((k) => `${k === 'ours' ? 'article-charts' : 'Chart.js'} ${results[k].hover.frameInterval.toFixed(1)} ms`).join(', ');
  const lighthouse = LIGHTHOUSE_RUNS > 0
    ? `Lighthouse ${await versionOf('lighthouse')} (mobile preset: simulated slow 4G, 4× CPU), median of ${LIGHTHOUSE_RUNS} run(s) per page; `
    : 'Lighthouse not run; ';
  return `Measured ${date} UTC on ${await cpuModel()} (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end), `
    + `Chromium ${measured.version} headless, Chart.js ${await versionOf('chart.js')}; ${lighthouse}`
    + `viewport ${VIEWPORT.width}×${VIEWPORT.height} (for the drawing loads down to the last chart: ${results.heights.ours} and ${results.heights.anchor} px), devicePixelRatio 1; `
    + `embed page of \`${measured.pages.chart}\`; ${LOADS} cold loads per page (HTTP cache off), ${POINTER_ROUNDS} rounds of ${results.ours.pointer.moves} and ${results.anchor.pointer.moves} real pointer moves (pages taking turns, the median session kept), ${HOVERS} timed hover events, memory read after load, after the timed hovers and after ${MEMORY_HOVERS} hover events in all (the rest sent ${HOVERS_PER_FRAME} per frame); `
    + `typical frame interval during the hovers: ${frames}.`;
}

async function section(measured, table, goals) {
  const notes = lighthouseNotes(measured);
  return [
    BEGIN_MARKER,
    await describeRun(measured),
    '',
    markdown(['metric', 'article-charts', 'Chart.js', 'ours / Chart.js'], table),
    '',
    'Performance targets:',
    '',
    markdown(['target', 'article-charts', 'Chart.js', 'met?'], goals),
    '',
    'Files each byte load fetched:',
    '',
    describeFiles(measured),
    ...(notes.length ? ['', 'Lighthouse:', '', ...notes] : []),
    END_MARKER,
  ].join('\n');
}

/** Puts `text` between the markers of `file` (or at its end). */
async function writeResults(file, text) {
  const old = await readFile(file, 'utf8').catch(() => '');
  const start = old.indexOf(BEGIN_MARKER);
  const end = old.indexOf(END_MARKER);
  const updated = start >= 0 && end > start
    ? old.slice(0, start) + text + old.slice(end + END_MARKER.length)
    : `${old}${old && !old.endsWith('\n') ? '\n' : ''}${text}\n`;
  // The file holds the latest run and its analysis; earlier runs are in the
  // history of the repository, not in a log that grows with every run.
  await writeFile(file, `${updated.trimEnd()}\n`);
}

const started = Date.now();
const pages = pagesOf(await catalogue());
const measured = await measure(pages);
const table = rows(measured);
const goals = targets(measured);
const { results } = measured;
const problems = [
  ...['ours', 'anchor'].flatMap((k) => [
    ...results[k].loads.flatMap((l) => l.problems),
    ...results[k].hover.problems,
    ...results[k].pointer.problems,
    ...results[k].bytes.problems,
    ...results.embed[k].bytes.problems,
  ].map((problem) => `${k === 'ours' ? 'article-charts' : 'Chart.js'}: ${problem}`)),
];
const text = await section(measured, table, goals);
console.log(text);
for (const problem of new Set(problems)) console.warn(`warning: ${problem}`);
console.log(`(measured in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (process.env.RESULTS_FILE) {
  await writeResults(process.env.RESULTS_FILE, text);
  console.log(`wrote the tables into ${process.env.RESULTS_FILE}`);
}
if (process.env.SUMMARY_FILE) {
  const summary = Object.fromEntries(table.map(([metric, ours, theirs, r]) => [metric, { ours, theirs, ratio: r }]));
  await writeFile(process.env.SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
}
