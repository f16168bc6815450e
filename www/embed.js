// The embed page: mounts the one chart its URL names. Options (chart, lang,
// theme, plain) are read in Rust, which also reports the page's height to a
// parent page. This file only starts the module and turns a failure to start
// into a readable message instead of a blank frame.
import init, { mount_chart } from './pkg/danba_charts.js';

const root = document.getElementById('app');
try {
  await init();
  window.danba = mount_chart(root, location.search, true);
} catch (err) {
  document.documentElement.dataset.ready = 'error';
  const p = document.createElement('p');
  p.textContent = '图表无法加载。The chart could not be loaded.';
  root.replaceChildren(p);
  console.error(err);
}
