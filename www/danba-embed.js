// Script embed: put `<div data-danba-chart="ID"></div>` (optionally with
// data-lang, data-theme, data-plain) in an article and load this file once
// with `<script type="module" src=".../danba-embed.js"></script>`. Each such
// element gets a shadow root holding the chart and its stylesheets, so the
// host page's CSS cannot reach the chart and ours cannot reach the page.
//
// What the element holds (the code the dashboard gives: the chart's static
// image, linked to its page) is the fallback: it stays on screen, through a
// <slot>, until the chart is drawn, and stays for good if the chart cannot
// start (CORS refused, 404, a stalled download). An element without a
// fallback shows a short message instead.
//
// Pages that change their content (single-page apps, live blogs) need do
// nothing more: an element added later is mounted, and one removed from the
// document is unmounted, which removes the chart's listeners and frees its
// memory. A page may also do it itself:
//   import { mount, unmount } from '.../danba-embed.js';
//   await mount(element);  unmount(element);
//
// All state stays in this module: nothing is put on `window`, where a page
// global of the same name (or an element with that id) would break it.

const SELECTOR = '[data-danba-chart]';
// The embed page's own sheet too: the same inner padding as in a frame,
// which a dark chart in a light article needs.
const stylesheets = ['chart.css', 'embed.css'].map((name) => new URL(name, import.meta.url).href);
const wasmUrl = new URL('pkg/danba_charts_bg.wasm', import.meta.url);
/** A download that brings no byte for this long has stalled. */
const STALL_MS = 10_000;
/** The longest wait for the glue module (a few kilobytes). */
const GLUE_MS = 20_000;
/**
 * Each mounted element and what belongs to it: `app` (the Rust `App`, once
 * drawn), `shadow` (the shadow root holding the chart) and `wrapper` (an
 * element of ours, when the host itself cannot take a shadow root).
 */
const mounted = new Map();
/** The elements whose shadow root this module made, so it may fill it again. */
const ours = new WeakSet();

/** The message shown where a chart could not start, in the reader's language. */
const FAILED = {
  zh: '图表无法加载。请检查网络后刷新页面。',
  'zh-Hant': '圖表無法載入。請檢查網路後重新整理頁面。',
  en: 'The chart could not be loaded. Check the connection and reload the page.',
};

/** The language a host asks for, as `src/locale.rs` reads it; Simplified Chinese by default. */
function language(tag) {
  const t = String(tag ?? '').trim().toLowerCase();
  if (['zh-hant', 'zh-tw', 'zh-hk', 'zh-mo'].includes(t)) return 'zh-Hant';
  if (['en', 'en-us', 'en-gb'].includes(t)) return 'en';
  return 'zh';
}

/** Settles like `promise`, or rejects after `ms` with `what` in the error. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The WebAssembly module's response, read through a watchdog: a download
 * that brings no byte for `STALL_MS` is aborted, so a stalled connection
 * ends in a message instead of "Loading" for ever. The stream is handed on
 * as a Response, so the module still compiles while it downloads.
 */
async function watchedWasm(url) {
  const abort = new AbortController();
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new Error(`${url} stalled for ${STALL_MS} ms`)), STALL_MS);
  };
  arm();
  let response;
  try {
    response = await fetch(url, { signal: abort.signal });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      arm();
      try {
        const { done, value } = await reader.read();
        clearTimeout(timer);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        clearTimeout(timer);
        controller.error(error);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
}

/**
 * Loads the glue and the WebAssembly module once; resolves to `mount_chart`,
 * or rejects within a bounded time.
 */
const started = (async () => {
  const glue = await within(import('./pkg/danba_charts.js'), GLUE_MS, 'the glue module');
  await glue.default({ module_or_path: watchedWasm(wasmUrl) });
  return glue.mount_chart;
})();
// Each host shows its own message; this keeps the one rejection from being
// reported as unhandled before the first host has looked at it.
started.catch((error) => console.error(error));

/**
 * Where the chart of `host` goes: a shadow root of the host itself, or, when
 * the host cannot take one (`<figure>`, `<li>`, `<td>`, `<a>`, `<button>`,
 * `<svg>`, or an element that has a shadow root of someone else's), a
 * shadow root of a `<div>` of ours — inside the host where its content is
 * shown, or right after it where it is not (SVG, a foreign shadow root).
 */
function placeFor(host) {
  if (host.shadowRoot && ours.has(host)) return { shadow: host.shadowRoot, wrapper: null };
  try {
    const shadow = host.attachShadow({ mode: 'open' });
    ours.add(host);
    return { shadow, wrapper: null };
  } catch {
    const wrapper = document.createElement('div');
    wrapper.className = 'danba-chart-wrapper';
    // Only these HTML elements may have a shadow root; if one of them
    // refused, it has one already, which would hide anything put inside.
    const shadowable = /^(article|aside|blockquote|body|div|footer|h[1-6]|header|main|nav|p|section|span|.*-.*)$/;
    const hidden = host.namespaceURI !== 'http://www.w3.org/1999/xhtml' || shadowable.test(host.localName);
    if (hidden) host.after(wrapper);
    else host.append(wrapper);
    return { shadow: wrapper.attachShadow({ mode: 'open' }), wrapper };
  }
}

/** Whether another copy of this script has mounted a chart in `host`. */
function theirs(host) {
  return Boolean(host.shadowRoot && !ours.has(host) && host.shadowRoot.querySelector(':scope > div[data-chart]'));
}

/**
 * Mounts the chart an element names in a shadow root of it; resolves to the
 * chart, or to undefined if the element is mounted already, belongs to
 * another copy of this script, left the document meanwhile, or the chart
 * could not start (then the element shows a message instead). It never
 * rejects, so one odd element cannot keep the charts after it from drawing.
 */
export async function mount(host) {
  if (mounted.has(host) || theirs(host)) return undefined;
  let place;
  const root = document.createElement('div');
  try {
    place = placeFor(host);
  } catch (error) {
    console.error(error);
    return undefined;
  }
  const entry = { app: undefined, ...place };
  mounted.set(host, entry);
  const links = stylesheets.map((href) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    return link;
  });
  for (const key of ['lang', 'theme', 'plain']) {
    if (host.dataset[key] !== undefined) root.dataset[key] = host.dataset[key];
  }
  root.dataset.chart = host.dataset.danbaChart;
  root.className = 'embed';
  // The fallback shows until the chart is drawn; the chart's root waits,
  // hidden, for its stylesheets, so the first drawing already has the right
  // width and the reader never sees an unstyled chart.
  const slot = document.createElement('slot');
  root.hidden = true;
  const styled = Promise.all(links.map((link) => new Promise((resolve) => { link.onload = link.onerror = resolve; })));
  entry.shadow.replaceChildren(...links, root, slot);
  let mountChart;
  try {
    [mountChart] = await Promise.all([started, styled]);
  } catch {
    // The module did not start (reported once above): say so in place.
    if (mounted.get(host) === entry && entry.shadow.contains(root)) failed(root, host, slot);
    return undefined;
  }
  if (mounted.get(host) !== entry || !host.isConnected || !entry.shadow.contains(root)) return undefined;
  try {
    root.hidden = false;
    slot.remove();
    // The room the code reserved (its min-height) stays: it is the chart's
    // own height in a 640 px column, and giving it back would move the
    // article by a fraction of a pixel.
    entry.app = mountChart(root, '', false);
    return entry.app;
  } catch (error) {
    failed(root, host, slot);
    console.error(error);
    return undefined;
  }
}

/**
 * Marks `root` as failed. The fallback the host holds (its static image and
 * link) stays on screen; a host without one shows the could-not-load
 * message in the language it asks for.
 */
function failed(root, host, slot) {
  root.dataset.ready = 'error';
  if (hasFallback(host)) {
    // Not a .danba-embed, whose `display: block` would win over `hidden`.
    root.className = 'embed';
    root.hidden = true;
    root.replaceChildren();
    root.after(slot);
    return;
  }
  slot.remove();
  root.className = 'embed danba-embed';
  root.hidden = false;
  const lang = language(host.dataset.lang);
  const p = document.createElement('p');
  p.className = 'chart-failed';
  p.lang = lang === 'zh' ? 'zh-Hans' : lang;
  p.textContent = FAILED[lang];
  root.replaceChildren(p);
}

/** Whether `host` holds something to show (not a <noscript>, which is text while scripts run). */
function hasFallback(host) {
  return [...host.children].some((child) => child.localName !== 'noscript');
}

/** Removes the chart from an element and frees everything it held. */
export function unmount(host) {
  const entry = mounted.get(host);
  if (!entry) return;
  mounted.delete(host);
  entry.shadow.replaceChildren();
  entry.wrapper?.remove();
  if (!entry.app) return;
  try {
    entry.app.unmount();
    entry.app.free();
  } catch {
    // Only after an internal error, which has been reported already.
  }
}

/** The charts mounted now (for tests and tools), in no particular order. */
export function charts() {
  return [...mounted.values()].map((entry) => entry.app).filter(Boolean);
}

/** The chart elements in `node` and below it. */
function hostsIn(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return [];
  const below = node.firstElementChild ? [...node.querySelectorAll(SELECTOR)] : [];
  return node.matches(SELECTOR) ? [node, ...below] : below;
}

new MutationObserver((records) => {
  for (const host of [...mounted.keys()]) {
    if (!host.isConnected) unmount(host);
  }
  for (const record of records) {
    for (const node of record.addedNodes) {
      for (const host of hostsIn(node)) mount(host);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true });

for (const host of document.querySelectorAll(SELECTOR)) await mount(host);
