// `cargo xtask bench`: measures the dashboard (dist/index.html) and the
// Chart.js anchor page (bench/chartjs.html) side by side in headless Chromium
// and prints one Markdown table with a ratio column (ours / Chart.js).
//
// The xtask builds dist/, serves dist/ and bench/ under one origin (at
// BENCH_URL, as /dist/ and /bench/) and runs this script. It is a
// measurement, never a pass/fail test: it exits non-zero only when it cannot
// measure at all (a page fails to load, say).
//
// Environment:
//   BENCH_URL      the base URL serving /dist/ and /bench/ (required)
//   LOADS          cold loads per page (default 10)
//   HOVERS         hover events timed one per animation frame (default 1000)
//   MEMORY_HOVERS  hover events in all before memory is read again (default 10000)
//   RESULTS_FILE   if set, the table is also written into this Markdown file,
//                  between the bench's markers, keeping the rest of the file
//   SUMMARY_FILE   if set, the medians are also written there as JSON

import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import os from 'node:os';

import { launch, waitReady } from '../tests/e2e/browser.mjs';

const BASE = withSlash(required('BENCH_URL'));
const LOADS = positive('LOADS', 10);
const HOVERS = positive('HOVERS', 1000);
const MEMORY_HOVERS = Math.max(HOVERS, positive('MEMORY_HOVERS', 10_000));
/** Hover events per animation frame after the timed ones: enough to reach MEMORY_HOVERS quickly. */
const HOVERS_PER_FRAME = 10;
/** The container widths the resize measurement switches between: two grid columns, then one. */
const RESIZE_WIDTHS = [1000, 760];
const VIEWPORT = { width: 1280, height: 900 };
/** Where each resized page's markers go: Markdown comments that survive rendering unseen. */
const BEGIN_MARKER = '<!-- bench:begin (written by `cargo xtask bench`; edit outside the markers) -->';
const END_MARKER = '<!-- bench:end -->';

const PAGES = [
  { key: 'ours', name: 'danba-charts', url: `${BASE}dist/index.html` },
  { key: 'anchor', name: 'Chart.js', url: `${BASE}bench/chartjs.html` },
];

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

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

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

// ------------------------------------------------------------- page sessions

/** What a response is, for the byte split. */
function kindOf(url, contentType) {
  const path = new URL(url).pathname;
  if (contentType.includes('wasm') || path.endsWith('.wasm')) return 'wasm';
  if (contentType.includes('javascript') || /\.m?js$/.test(path)) return 'JS';
  if (contentType.includes('css') || path.endsWith('.css')) return 'CSS';
  if (contentType.includes('html')) return 'HTML';
  if (contentType.includes('json') || contentType.includes('csv')) return 'data';
  return 'other';
}

/** Opens `url` in a fresh context with the HTTP cache off, and waits until every chart is drawn. */
async function open(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const problems = [];
  const bodies = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    bodies.push(response.body().then(
      (body) => ({ url: response.url(), type: response.headers()['content-type'] ?? '', body }),
      () => null, // A redirect has no body.
    ));
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page, problems);
  } catch (error) {
    await context.close();
    throw new Error(`${url}: ${error.message}`, { cause: error });
  }
  // The page script of both pages is loaded by then; this helper code is not
  // part of either page and is installed only after the paint was measured.
  await page.evaluate(installProbes);
  return { context, page, cdp, problems, bodies };
}

/** Bytes by kind (raw, gzip -9, brotli -11) of every response the load made. */
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

/** The JS heap in use after a full garbage collection, and the wasm linear memory if the page has a module. */
async function memory(session) {
  await session.cdp.send('HeapProfiler.collectGarbage');
  const heap = await session.cdp.send('Runtime.getHeapUsage');
  const wasm = await session.page.evaluate(() => window.__bench.wasmMemory());
  return { heap: heap.usedSize, wasm };
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

  // The resize measurement's own observer: created after the page's, so it is
  // called after them in the same rendering step.
  let onResized = null;
  const watcher = new ResizeObserver(() => onResized?.());
  for (const canvas of document.querySelectorAll('canvas')) watcher.observe(canvas.parentElement);

  /** The hover targets of every chart: the centre of each item, in CSS px relative to its canvas. */
  function targets() {
    if (window.danba) {
      return window.danba.charts().map((id) => ({
        canvas: document.querySelector(`figure.chart[data-chart="${id}"] canvas.plot`),
        points: window.danba.items(id).map((b) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 })),
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

  window.__bench = {
    async wasmMemory() {
      // wasm-bindgen's init returns the module's exports when it has already
      // run, and the page's module instance is the one this import gets.
      if (!window.danba) return null;
      const module = await import(new URL('pkg/danba_charts.js', location.href).href);
      const exports = await module.default();
      return exports.memory?.buffer.byteLength ?? null;
    },

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
     * Narrows the page's container to `width` px and times the redraw of all
     * charts: `sync` is the work of the rendering step that sees the new size
     * (layout and ResizeObserver callbacks, where the dashboard redraws);
     * `toFrame` adds the next frame's animation-frame callbacks, where
     * Chart.js redraws. Also says how many canvases got a new backing store.
     */
    async resize(width) {
      const container = document.getElementById('app');
      const canvases = [...document.querySelectorAll('canvas')];
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
      container.style.maxWidth = `${width}px`;
      const { t1, t2 } = await done;
      await frame();
      const changed = canvases.filter((c, i) => c.width !== before[i]).length;
      return { sync: t1 - t0, toFrame: t1 - t0 + (t2 - frameStart), changed, canvases: canvases.length };
    },
  };
}

// -------------------------------------------------------------- measurements

async function coldLoad(browser, page) {
  const session = await open(browser, page.url);
  try {
    const paint = await session.page.evaluate(
      () => performance.getEntriesByName('danba:charts-painted')[0]?.startTime ?? NaN,
    );
    const bytes = await byteSplit(session.bodies);
    const mem = await memory(session);
    const resizes = [];
    for (const width of RESIZE_WIDTHS) {
      resizes.push(await session.page.evaluate((w) => window.__bench.resize(w), width));
    }
    return { paint, bytes, mem, resizes, problems: session.problems };
  } finally {
    await session.context.close();
  }
}

async function hoverSession(browser, page) {
  const session = await open(browser, page.url);
  try {
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

async function measure() {
  const browser = await launch();
  const version = browser.version();
  const results = Object.fromEntries(PAGES.map((p) => [p.key, { loads: [], hover: null }]));
  try {
    // Loads alternate between the two pages, so that whatever else the
    // machine does at a moment weighs on both alike.
    for (let i = 0; i < LOADS; i++) {
      for (const page of PAGES) {
        results[page.key].loads.push(await coldLoad(browser, page));
      }
    }
    for (const page of PAGES) {
      results[page.key].hover = await hoverSession(browser, page);
    }
  } finally {
    await browser.close();
  }
  return { version, results };
}

// ------------------------------------------------------------------- report

const KINDS = ['HTML', 'CSS', 'JS', 'wasm', 'data'];

function kb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '–';
}
function ms(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)} ms` : '–';
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

/** The rows of the table: [metric, ours, Chart.js, ratio], from the raw results. */
function rows({ results }) {
  const table = [];
  const add = (metric, format, pick, withRatio = true) => {
    const ours = pick(results.ours);
    const theirs = pick(results.anchor);
    table.push([metric, format(ours), format(theirs), withRatio ? ratio(ours, theirs) : '']);
  };
  const bytes = (r, kind, field) => median(r.loads.map((l) => l.bytes[kind]?.[field] ?? 0));
  for (const kind of KINDS) {
    add(`bytes ${kind}, raw`, kb, (r) => bytes(r, kind, 'raw'));
    add(`bytes ${kind}, gzip`, kb, (r) => bytes(r, kind, 'gzip'));
  }
  const total = (r, field) => median(r.loads.map((l) =>
    Object.values(l.bytes).reduce((sum, row) => sum + row[field], 0)));
  add('bytes total, raw', kb, (r) => total(r, 'raw'));
  add('bytes total, gzip', kb, (r) => total(r, 'gzip'));
  add('bytes total, brotli', kb, (r) => total(r, 'brotli'));
  add('all charts painted, median', ms, (r) => median(r.loads.map((l) => l.paint)));
  add('all charts painted, p95', ms, (r) => p95(r.loads.map((l) => l.paint)));
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
  add('JS heap after load', kb, (r) => median(r.loads.map((l) => l.mem.heap)));
  add('JS heap after the hovers', kb, (r) => r.hover.after.heap);
  add('JS heap growth over all hovers', signedKb, (r) => r.hover.after.heap - r.hover.before.heap, false);
  add('JS heap growth after the timed hovers', signedKb, (r) => r.hover.after.heap - r.hover.middle.heap, false);
  add('wasm memory after load', kb, (r) => median(r.loads.map((l) => l.mem.wasm ?? NaN)), false);
  add('wasm memory after the hovers', kb, (r) => r.hover.after.wasm ?? NaN, false);
  add('wasm memory growth over all hovers', signedKb, (r) =>
    (r.hover.after.wasm ?? NaN) - (r.hover.before.wasm ?? NaN), false);
  return table;
}

function markdown(table) {
  const lines = [
    '| metric | danba-charts | Chart.js | ours / Chart.js |',
    '| --- | ---: | ---: | ---: |',
    ...table.map((row) => `| ${row.join(' | ')} |`),
  ];
  return lines.join('\n');
}

async function cpuModel() {
  const text = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = text.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim();
  return model ?? os.cpus()[0]?.model ?? 'unknown CPU';
}

async function chartJsVersion() {
  const url = new URL('./node_modules/chart.js/package.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8')).version;
}

function describeFiles(results) {
  return PAGES.map((page) => {
    const split = results[page.key].loads[0]?.bytes ?? {};
    const files = Object.values(split).flatMap((row) => row.files);
    return `- ${page.name}: ${files.map((f) => `\`${f}\``).join(', ')}`;
  }).join('\n');
}

async function section(measured, table) {
  const date = new Date().toISOString().slice(0, 10);
  const { results } = measured;
  const late = PAGES.map((p) => `${p.name} ${results[p.key].hover.frameInterval.toFixed(1)} ms`).join(', ');
  return [
    BEGIN_MARKER,
    `Measured on ${date} on ${await cpuModel()} (${os.cpus().length} cores), Chromium ${measured.version} headless, `
      + `Chart.js ${await chartJsVersion()}; viewport ${VIEWPORT.width}×${VIEWPORT.height}, devicePixelRatio 1; `
      + `${LOADS} cold loads per page (HTTP cache off), ${HOVERS} timed hover events, memory read after load, after the timed hovers and after ${MEMORY_HOVERS} hover events in all (the rest sent ${HOVERS_PER_FRAME} per frame); `
      + `typical frame interval during the hovers: ${late}.`,
    '',
    markdown(table),
    '',
    'Files each load fetched:',
    '',
    describeFiles(results),
    END_MARKER,
  ].join('\n');
}

/** Puts `text` between the markers of `file`, or at its end when it has none yet. */
async function writeResults(file, text) {
  const old = await readFile(file, 'utf8').catch(() => '');
  const start = old.indexOf(BEGIN_MARKER);
  const end = old.indexOf(END_MARKER);
  const updated = start >= 0 && end > start
    ? old.slice(0, start) + text + old.slice(end + END_MARKER.length)
    : `${old}${old && !old.endsWith('\n') ? '\n' : ''}${text}\n`;
  await writeFile(file, updated);
}

const started = Date.now();
const measured = await measure();
const table = rows(measured);
const problems = PAGES.flatMap((p) => [
  ...measured.results[p.key].loads.flatMap((l) => l.problems),
  ...measured.results[p.key].hover.problems,
].map((problem) => `${p.name}: ${problem}`));
const text = await section(measured, table);
console.log(text);
for (const problem of new Set(problems)) console.warn(`warning: ${problem}`);
console.log(`(measured in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (process.env.RESULTS_FILE) {
  await writeResults(process.env.RESULTS_FILE, text);
  console.log(`wrote the table into ${process.env.RESULTS_FILE}`);
}
if (process.env.SUMMARY_FILE) {
  const summary = Object.fromEntries(table.map(([metric, ours, theirs, r]) => [metric, { ours, theirs, ratio: r }]));
  await writeFile(process.env.SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
}
