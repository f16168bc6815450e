// Script embed: put `<div data-danba-chart="ID"></div>` (optionally with
// data-lang, data-theme, data-plain) in an article and load this file once
// with `<script type="module" src=".../danba-embed.js"></script>`. Each such
// element gets a shadow root holding the chart and its stylesheet, so the
// host page's CSS cannot reach the chart and ours cannot reach the page.
//
// Pages that change their content (single-page apps, live blogs) need do
// nothing more: an element added later is mounted, and one removed from the
// document is unmounted, which removes the chart's listeners and frees its
// memory. A page may also do it itself:
//   import { mount, unmount } from '.../danba-embed.js';
//   await mount(element);  unmount(element);
import init, { mount_chart } from './pkg/danba_charts.js';

const SELECTOR = '[data-danba-chart]';
const stylesheet = new URL('chart.css', import.meta.url).href;
/** Each mounted element and its chart (the Rust `App`). */
const mounted = new Map();
/** The elements whose shadow root this module made, so it may fill it again. */
const ours = new WeakSet();

await init();
window.danbaEmbeds = window.danbaEmbeds || [];

/**
 * Mounts the chart an element names in a shadow root of it; resolves to the
 * chart, or to undefined if the element is mounted already, belongs to
 * another copy of this script, or left the document meanwhile.
 */
export async function mount(host) {
  if (mounted.has(host) || (host.shadowRoot && !ours.has(host))) return undefined;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  ours.add(host);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const root = document.createElement('div');
  for (const key of ['lang', 'theme', 'plain']) {
    if (host.dataset[key] !== undefined) root.dataset[key] = host.dataset[key];
  }
  root.dataset.chart = host.dataset.danbaChart;
  // Mount once the stylesheet is in, so the first drawing already has the
  // right width and the reader never sees an unstyled chart.
  const styled = new Promise((resolve) => { link.onload = link.onerror = resolve; });
  shadow.replaceChildren(link, root);
  await styled;
  if (mounted.has(host) || !host.isConnected || shadow.lastChild !== root) return undefined;
  try {
    const app = mount_chart(root, '', false);
    mounted.set(host, app);
    window.danbaEmbeds.push(app);
    return app;
  } catch (err) {
    root.textContent = '图表无法加载。The chart could not be loaded.';
    console.error(err);
    return undefined;
  }
}

/** Removes the chart from an element and frees everything it held. */
export function unmount(host) {
  const app = mounted.get(host);
  if (!app) return;
  mounted.delete(host);
  const index = window.danbaEmbeds.indexOf(app);
  if (index >= 0) window.danbaEmbeds.splice(index, 1);
  host.shadowRoot?.replaceChildren();
  try {
    app.unmount();
    app.free();
  } catch {
    // Only after an internal error, which has been reported already.
  }
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
