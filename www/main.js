// Loads the WebAssembly module and hydrates the dashboard, which the build
// prerendered (every text, table and a picture of each chart): Rust puts a
// canvas over each picture and listens. This file only starts it, sends an
// old `index.html?lang=en` link on to the language's own page, and turns a
// failure to start into a readable message above the (still whole) page.
//
// The glue is imported dynamically, inside the `try`: a static import that
// fails (404, wrong Content-Type) would stop this script before any of it
// runs, and "Loading…" would stay for ever. The WebAssembly download is
// watched: one that brings no byte for STALL_MS is given up.

const STALL_MS = 10_000;
const GLUE_MS = 20_000;
const FAILED = {
  zh: '图表无法加载。请检查网络后刷新页面。',
  'zh-Hant': '圖表無法載入。請檢查網路後重新整理頁面。',
  en: 'The charts could not be loaded. Check the connection and reload the page.',
};

/** The page's language, as `src/locale.rs` reads `lang=`; Simplified Chinese by default. */
function language(tag) {
  const t = String(tag ?? '').trim().toLowerCase();
  if (['zh-hant', 'zh-tw', 'zh-hk', 'zh-mo'].includes(t)) return 'zh-Hant';
  if (['en', 'en-us', 'en-gb'].includes(t)) return 'en';
  return 'zh';
}

/** Settles like `promise`, or rejects after `ms`. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The WebAssembly module's response, through a watchdog that aborts the
 * download when no byte comes for STALL_MS; handed on as a stream, so the
 * module still compiles while it downloads. It is a thenable, so nothing is
 * fetched unless the glue asks for it.
 */
function watchedWasm(url) {
  const load = async () => {
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
  };
  return { then: (resolve, reject) => load().then(resolve, reject) };
}

/**
 * The dashboard of language `lang`, read from the page's own language
 * switch, which links every language the article is published in
 * (`markup::page::language_switch`); the default page for one it is not
 * published in, so that an old `?lang=en` link to an article written in
 * Chinese only lands on the Chinese page rather than a missing file.
 */
function dashboardOf(lang) {
  const tag = lang === 'zh' ? 'zh-Hans' : lang;
  const link = document.querySelector(`.lang-switch a[hreflang="${tag}"]`);
  return link?.getAttribute('href') || 'index.html';
}

async function start() {
  const root = document.getElementById('app');
  try {
    const glue = await within(import('./pkg/article_charts.js'), GLUE_MS, 'the glue module');
    await glue.default({ module_or_path: watchedWasm(new URL('pkg/article_charts_bg.wasm', import.meta.url)) });
    window.articleCharts = glue.mount(root);
  } catch (err) {
    const lang = language(document.documentElement.lang);
    document.documentElement.dataset.ready = 'error';
    const p = document.createElement('p');
    p.className = 'failed';
    p.setAttribute('role', 'status');
    p.lang = lang === 'zh' ? 'zh-Hans' : lang;
    p.textContent = FAILED[lang];
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
