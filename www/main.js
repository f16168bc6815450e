// Loads the WebAssembly module and hydrates the dashboard, which the build
// prerendered (every text, table and a picture of each chart): Rust puts a
// canvas over each picture and listens. This file only starts it, sends an
// old `index.html?lang=en` link on to the language's own page, and turns a
// failure to start into a readable message above the (still whole) page.
//
// Loading the module and the message in the reader's language are shared
// with the other page scripts (`boot.js`).

import { failureMessage, htmlLang, language, startModule } from './boot.js';

/**
 * The dashboard of language `lang`, read from the page's own language
 * switch, which links every language the article is published in
 * (`markup::page::language_switch`); the default page for one it is not
 * published in, so that an old `?lang=en` link to an article written in
 * Chinese only lands on the Chinese page rather than a missing file.
 */
function dashboardOf(lang) {
  const tag = htmlLang(lang);
  const link = document.querySelector(`.lang-switch a[hreflang="${tag}"]`);
  return link?.getAttribute('href') || 'index.html';
}

async function start() {
  const root = document.getElementById('app');
  try {
    const glue = await startModule();
    window.articleCharts = glue.mount(root);
  } catch (err) {
    document.documentElement.dataset.ready = 'error';
    const p = failureMessage(language(document.documentElement.lang), 'failed', 'all');
    p.setAttribute('role', 'status');
    // The prerendered page stays: only the charts' interaction is missing.
    root.prepend(p);
    console.error(err);
  }
}

const params = new URLSearchParams(location.search);
if (params.has('lang')) {
  // An old link to `index.html?lang=en`: each language has its own page now.
  const page = dashboardOf(language(params.get('lang')));
  params.delete('lang');
  const rest = params.toString();
  location.replace(`${page}${rest ? `?${rest}` : ''}${location.hash}`);
} else {
  await start();
}
