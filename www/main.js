// Loads the WebAssembly module and mounts the dashboard. Everything else —
// DOM, drawing, events — happens in Rust; this file only starts it and turns
// a failure to start into a readable message instead of a blank page.
import init, { mount } from './pkg/danba_charts.js';

const root = document.getElementById('app');
try {
  await init();
  window.danba = mount(root);
} catch (err) {
  document.documentElement.dataset.ready = 'error';
  const p = document.createElement('p');
  p.className = 'failed';
  p.textContent = '图表无法加载。The charts could not be loaded. (' + String(err) + ')';
  root.replaceChildren(p);
  console.error(err);
}
