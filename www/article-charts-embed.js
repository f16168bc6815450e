// Script embed: put `<div data-article-chart="ID"></div>` (optionally with
// data-lang, data-theme, data-plain) in an article and load this file once
// with `<script type="module" src=".../article-charts-embed.js"></script>`. Each such
// element gets a shadow root holding the chart and its stylesheets, so the
// host page's CSS cannot reach the chart and ours cannot reach the page.
// The chart comes prerendered: this script fetches the chart's own page
// (`embed/STEM.html`, the one an iframe embed shows), moves its figure into
// the shadow root with the style sheets that page holds inline, and the
// module only hydrates it, so the module carries no code that builds charts.
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
//   import { mount, unmount } from '.../article-charts-embed.js';
//   await mount(element);  unmount(element);
//
// All state stays in this module: nothing is put on `window`, where a page
// global of the same name (or an element with that id) would break it.
//
// Loading the module and the message in the reader's language are shared
// with the other page scripts (`boot.js`, beside this file, which a host
// page fetches as it fetched this one: with CORS from another origin).

import { STALL_MS, failureMessage, language, startModule } from './boot.js';

// The deprecated attribute `data-danba-chart`, of codes pasted before the
// product had a neutral name, is still read, so those pages keep working.
const SELECTOR = '[data-article-chart], [data-danba-chart]';
/** A chart id as `embed_code::stem` writes it into a file name. */
const CHART_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The page text of each chart page fetched, by address: several hosts may show one chart. */
const pages = new Map();
/**
 * Each mounted element and what belongs to it: `app` (the Rust `App`, once
 * drawn), `shadow` (the shadow root holding the chart) and `wrapper` (an
 * element of ours, when the host itself cannot take a shadow root).
 */
const mounted = new Map();
/** The elements whose shadow root this module made, so it may fill it again. */
const ours = new WeakSet();

/** The chart id an element names, in the current attribute or the deprecated one. */
function chartOf(host) {
  return host.dataset.articleChart ?? host.dataset.danbaChart;
}

/**
 * The address of the prerendered page of the chart `host` names, in the
 * language it asks for (`embed/ID.html`, `ID.zh-Hant.html`, `ID.en.html`),
 * or in `lang` when given.
 */
function pageUrl(host, lang = language(host.dataset.lang)) {
  const id = chartOf(host) ?? '';
  if (!CHART_ID.test(id)) return null;
  return new URL(`embed/${id}${lang === 'zh' ? '' : `.${lang}`}.html`, import.meta.url).href;
}

/**
 * The page at `url` as a document, fetched once however many hosts show
 * it. It is parsed by XMLHttpRequest (`responseType = 'document'`), which
 * runs none of its scripts and, unlike DOMParser, is no HTML sink that a
 * host page enforcing Trusted Types would refuse. A download that brings
 * nothing for STALL_MS is given up, as the module's is.
 */
function pageDocument(url) {
  if (!pages.has(url)) {
    const doc = new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('GET', url);
      request.responseType = 'document';
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => request.abort(), STALL_MS);
      };
      request.onprogress = arm;
      request.onload = () => {
        clearTimeout(timer);
        if (request.status === 200 && request.response) resolve(request.response);
        else reject(Object.assign(new Error(`${url} answered ${request.status}`), { status: request.status }));
      };
      request.onerror = () => {
        clearTimeout(timer);
        reject(new Error(`${url} could not be fetched`));
      };
      request.onabort = () => reject(new Error(`${url} stalled for ${STALL_MS} ms`));
      arm();
      request.send();
    });
    pages.set(url, doc);
    // A failed download may be tried again by a host mounted later.
    doc.catch(() => pages.delete(url));
  }
  return pages.get(url);
}

/**
 * The prerendered chart of the page at `url`: a copy of the content of its
 * `#app`, its links made absolute (the page's `<base>` is not ours), and
 * the texts of the style sheets it holds inline, in their order.
 */
async function prerendered(url) {
  let doc;
  try {
    doc = await pageDocument(url);
  } catch (error) {
    // No such page: the module says why (an unknown chart) or fails.
    if (error.status === 404) return null;
    throw error;
  }
  const base = new URL(doc.querySelector('base[href]')?.getAttribute('href') ?? '', url);
  // Each host gets its own copy: the document is shared by every host of the chart.
  const app = doc.getElementById('app')?.cloneNode(true);
  if (!app?.querySelector('figure.chart[data-chart]')) throw new Error(`${url} holds no chart`);
  for (const element of app.querySelectorAll('[href], [src]')) {
    for (const name of ['href', 'src']) {
      const value = element.getAttribute(name);
      if (value !== null && !value.startsWith('#')) element.setAttribute(name, new URL(value, base).href);
    }
  }
  // The page's own sheets are in its head; a `<style>` elsewhere (in a
  // picture, or in a <noscript>, which this document without scripts reads
  // as markup) is not one of them.
  const styles = [...doc.querySelectorAll('head > style')].map((style) => style.textContent);
  return { nodes: [...document.adoptNode(app).childNodes], styles };
}

/** Each style sheet made so far, by its text: every chart's shadow root shares them. */
const sheets = new Map();

/**
 * Whether this browser has constructable style sheets, which a shadow root
 * adopts. The host page's `style-src` does not govern them, as it would a
 * `<style>` element or a `<link>` of ours.
 */
const constructable = (() => {
  try {
    return 'adoptedStyleSheets' in ShadowRoot.prototype && typeof new CSSStyleSheet().replaceSync === 'function';
  } catch {
    return false;
  }
})();

/**
 * Gives `shadow` the style sheets whose texts are `styles`: adopted, or in
 * a browser without constructable sheets, as `<style>` elements before
 * `root` (which only a host page allowing inline styles lets apply).
 */
function style(shadow, root, styles) {
  if (constructable) {
    shadow.adoptedStyleSheets = styles.map((text) => {
      if (!sheets.has(text)) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        sheets.set(text, sheet);
      }
      return sheets.get(text);
    });
    return;
  }
  root.before(...styles.map((text) => {
    const element = document.createElement('style');
    element.textContent = text;
    return element;
  }));
}

/**
 * Loads the glue and the WebAssembly module once; resolves to `mount_chart`,
 * or rejects within a bounded time.
 */
const started = startModule().then((glue) => glue.mount_chart);
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
    wrapper.className = 'article-chart-wrapper';
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
  for (const key of ['lang', 'theme', 'plain']) {
    if (host.dataset[key] !== undefined) root.dataset[key] = host.dataset[key];
  }
  root.dataset.chart = chartOf(host);
  root.className = 'embed';
  // The fallback shows until the chart is drawn; the chart's root waits,
  // hidden, for its page and stylesheets, so the first drawing already has
  // the right width and the reader never sees an unstyled chart.
  const slot = document.createElement('slot');
  root.hidden = true;
  entry.shadow.replaceChildren(root, slot);
  const current = () => mounted.get(host) === entry && host.isConnected && entry.shadow.contains(root);
  let mountChart;
  try {
    const url = pageUrl(host);
    // A language the article is not published in (English, of an article
    // written in Chinese only) has no page: the default language's is
    // shown, as the module falls back to it too. An unknown chart has no
    // page in any: the module then shows only the message naming the valid
    // ones.
    const fallback = pageUrl(host, 'zh');
    const chart = url
      ? (await prerendered(url)) ?? (fallback !== url ? await prerendered(fallback) : null)
      : null;
    // The page's style sheets come in first: they style the message too,
    // should the module then fail to start.
    if (chart && current()) {
      style(entry.shadow, root, chart.styles);
      root.replaceChildren(...chart.nodes);
    }
    mountChart = await started;
  } catch (error) {
    // The module did not start (reported once above), or the page could
    // not be had: say so in place.
    if (mounted.get(host) === entry && entry.shadow.contains(root)) failed(root, host, slot);
    console.error(error);
    return undefined;
  }
  if (!current()) return undefined;
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
    // Not a .article-charts-embed, whose `display: block` would win over `hidden`.
    root.className = 'embed';
    root.hidden = true;
    root.replaceChildren();
    root.after(slot);
    return;
  }
  slot.remove();
  root.className = 'embed article-charts-embed';
  root.hidden = false;
  root.replaceChildren(failureMessage(language(host.dataset.lang), 'chart-failed'));
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
  if (constructable) entry.shadow.adoptedStyleSheets = [];
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
