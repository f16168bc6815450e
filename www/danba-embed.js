// Script embed: put `<div data-danba-chart="ID"></div>` (optionally with
// data-lang, data-theme, data-plain) in an article and load this file once
// with `<script type="module" src=".../danba-embed.js"></script>`. Each such
// element gets a shadow root holding the chart and its stylesheet, so the
// host page's CSS cannot reach the chart and ours cannot reach the page.
import init, { mount_chart } from './pkg/danba_charts.js';

const stylesheet = new URL('chart.css', import.meta.url).href;
await init();
window.danbaEmbeds = window.danbaEmbeds || [];
for (const host of document.querySelectorAll('[data-danba-chart]')) {
  if (host.shadowRoot) continue;
  const shadow = host.attachShadow({ mode: 'open' });
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
  shadow.append(link, root);
  await styled;
  try {
    window.danbaEmbeds.push(mount_chart(root, '', false));
  } catch (err) {
    root.textContent = '图表无法加载。The chart could not be loaded.';
    console.error(err);
  }
}
